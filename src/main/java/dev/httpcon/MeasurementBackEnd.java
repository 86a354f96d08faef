package dev.httpcon;

/**
 * Where the container-less entry point ({@code dev.httpcon.standalone.StandaloneHttpCon}) sends
 * its measurements: an OpenTelemetry instance, a Micrometer registry or a MicroProfile Metrics
 * registry, as httpcon's factory for that library wraps it. Opaque: made only by those factories,
 * never implemented by applications.
 *
 * <ul>
 *   <li>{@code dev.httpcon.otel.HttpConOpenTelemetry.backEnd(OpenTelemetry)}: spans per request
 *       (and per call on a connection with a failover), W3C trace context sent, and the HTTP
 *       conventions' {@code http.client.request.duration} with httpcon's counters;</li>
 *   <li>{@code dev.httpcon.micrometer.HttpConMicrometer.backEnd(MeterRegistry)}:
 *       {@code http.client.requests} and httpcon's counters as Micrometer meters;</li>
 *   <li>{@code dev.httpcon.metrics.HttpConMpMetrics.backEnd(MetricRegistry)}: MicroProfile
 *       Metrics' counters and timers.</li>
 * </ul>
 *
 * <pre>{@code
 * OpenTelemetry otel = ...;                  // the application's SDK (or GlobalOpenTelemetry.get())
 * MeterRegistry registry = ...;              // and, at the same time, a Micrometer registry
 * try (StandaloneHttpCon http = StandaloneHttpCon.builder().properties(properties)
 *         .measureWith(HttpConOpenTelemetry.backEnd(otel), HttpConMicrometer.backEnd(registry))
 *         .start()) {
 *     HttpResult r = http.connection("routing").get("/route?uri=" + uri);
 * }
 * }</pre>
 *
 * <p>Each attempt is measured once and the same measurement is handed to every back end given;
 * with none, nothing is measured and nothing is allocated for it. The metric and span names are
 * those of {@code docs/observability.md}, the same as in a CDI container.
 */
public interface MeasurementBackEnd {
}
