package dev.httpcon.metrics;

import dev.httpcon.MeasurementBackEnd;
import dev.httpcon.core.RecorderFactory;
import java.util.Objects;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * httpcon's measurements as MicroProfile Metrics, for the container-less entry point (in a CDI
 * container the application's {@code MetricRegistry} is found by itself).
 *
 * <pre>{@code
 * MetricRegistry registry = ...;   // the application's registry (SmallRye Metrics, ...)
 * try (StandaloneHttpCon http = StandaloneHttpCon.builder().properties(properties)
 *         .measureWith(HttpConMpMetrics.backEnd(registry)).start()) {
 *     http.connection("routing").get("/route?uri=" + uri);   // httpclient.connok, timers per connection
 * }
 * }</pre>
 *
 * <p>The metric names are listed in {@code docs/observability.md}.
 */
public final class HttpConMpMetrics {

    private HttpConMpMetrics() {
    }

    /** A back end that registers httpcon's metrics in {@code registry}. */
    public static MeasurementBackEnd backEnd(MetricRegistry registry) {
        Objects.requireNonNull(registry, "registry must be set");
        return RecorderFactory.backEnd("HttpConMpMetrics.backEnd(" + registry.getClass().getSimpleName() + ")",
                connections -> new MpMetricsRecorder(registry, connections));
    }
}
