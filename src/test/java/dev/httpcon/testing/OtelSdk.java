package dev.httpcon.testing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The real OpenTelemetry SDK with in-memory exporters (from {@code opentelemetry-sdk-testing}):
 * every span ends up in {@link #spans()} as soon as it ends, every metric is read on demand by
 * {@link #metrics()}. The W3C trace context propagator, as an SDK configured by hand or by
 * MicroProfile Telemetry has it.
 */
public final class OtelSdk implements AutoCloseable {

    private final InMemorySpanExporter spanExporter = InMemorySpanExporter.create();
    private final InMemoryMetricReader metricReader = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spanExporter))
                    .build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metricReader).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    public OpenTelemetrySdk sdk() {
        return sdk;
    }

    /** Every span ended so far, in the order they ended. */
    public List<SpanData> spans() {
        return spanExporter.getFinishedSpanItems();
    }

    /** The ended spans of a kind, in the order they started. */
    public List<SpanData> spans(SpanKind kind) {
        List<SpanData> list = new ArrayList<>();
        for (SpanData s : spans()) {
            if (s.getKind() == kind) {
                list.add(s);
            }
        }
        list.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
        return list;
    }

    /** Every metric as it stands now (cumulative). */
    public List<MetricData> metrics() {
        return new ArrayList<>(metricReader.collectAllMetrics());
    }

    /** The metric of that name, or null. */
    public MetricData metric(String name) {
        for (MetricData m : metrics()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** The sum of a counter's points whose attributes include all of {@code match}; 0 if none. */
    public long count(String counter, Map<String, String> match) {
        MetricData m = metric(counter);
        long sum = 0;
        if (m != null) {
            for (LongPointData p : m.getLongSumData().getPoints()) {
                if (matches(p.getAttributes(), match)) {
                    sum += p.getValue();
                }
            }
        }
        return sum;
    }

    /** The histogram points of a metric (every attribute set), or an empty list. */
    public List<HistogramPointData> histogram(String name) {
        MetricData m = metric(name);
        return m == null ? List.of() : new ArrayList<>(m.getHistogramData().getPoints());
    }

    /** Whether {@code attributes} has each of {@code match} (string values compared as text). */
    public static boolean matches(Attributes attributes, Map<String, String> match) {
        for (Map.Entry<String, String> e : match.entrySet()) {
            Object v = attributes.asMap().entrySet().stream()
                    .filter(a -> a.getKey().getKey().equals(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            if (!Objects.equals(v == null ? null : v.toString(), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** A span's attribute as text, or null. */
    public static String attr(SpanData span, String key) {
        for (Map.Entry<AttributeKey<?>, Object> e : span.getAttributes().asMap().entrySet()) {
            if (e.getKey().getKey().equals(key)) {
                return String.valueOf(e.getValue());
            }
        }
        return null;
    }

    /** Forgets the spans ended so far (metrics are cumulative: compare before and after). */
    public void resetSpans() {
        spanExporter.reset();
    }

    @Override
    public void close() {
        sdk.close();
    }
}
