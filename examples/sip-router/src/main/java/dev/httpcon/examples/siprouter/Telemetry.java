package dev.httpcon.examples.siprouter;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;

/**
 * {@code --metrics-port N}: the OpenTelemetry SDK, given to httpcon the way a MicroProfile
 * Telemetry runtime gives it, as an {@code OpenTelemetry} bean (this portable extension adds it).
 * httpcon finds the bean at deployment and from then on records every lookup:
 *
 * <ul>
 *   <li>metrics, served on {@code http://127.0.0.1:N/metrics} in the Prometheus text format by the
 *       OpenTelemetry Prometheus exporter ({@code http_client_request_duration_seconds_*},
 *       {@code httpcon_attempts_total}, {@code httpcon_failovers_total}, {@code httpclient_connok_total}, ...);</li>
 *   <li>traces: every lookup is sampled, so the routing API receives {@code traceparent}; the
 *       spans go nowhere unless {@code -v} prints them (the logging exporter). The SDK makes no
 *       span at all (and so sends no trace context) for a tracer provider without a span
 *       processor, hence {@link #KEEP_CONTEXT_ONLY} when nothing prints them.</li>
 * </ul>
 */
final class Telemetry implements Extension, AutoCloseable {

    private final OpenTelemetrySdk sdk;

    private Telemetry(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    /**
     * Starts the SDK and the Prometheus endpoint on {@code 127.0.0.1:port}.
     *
     * @throws IllegalStateException when the port cannot be listened on
     */
    static Telemetry start(int port, boolean printSpans) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "sip-router")));
        PrometheusHttpServer prometheus;
        try {
            prometheus = PrometheusHttpServer.builder().setHost("127.0.0.1").setPort(port).build();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on tcp 127.0.0.1:" + port + " for /metrics: "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
        SdkTracerProviderBuilder tracers = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(printSpans ? SimpleSpanProcessor.create(LoggingSpanExporter.create()) : KEEP_CONTEXT_ONLY);
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(tracers.build())
                .setMeterProvider(SdkMeterProvider.builder().setResource(resource).registerMetricReader(prometheus)
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        return new Telemetry(sdk);
    }

    /** Spans for their trace context only: made, propagated, and dropped when they end. */
    static final SpanProcessor KEEP_CONTEXT_ONLY = new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    };

    /** The {@code OpenTelemetry} bean httpcon looks for. */
    void addBean(@Observes AfterBeanDiscovery abd) {
        abd.addBean()
                .beanClass(OpenTelemetry.class)
                .types(OpenTelemetry.class, Object.class)
                .scope(Singleton.class)
                .createWith(cc -> sdk);
    }

    /** Stops the endpoint and flushes what is left. */
    @Override
    public void close() {
        sdk.close();
    }
}
