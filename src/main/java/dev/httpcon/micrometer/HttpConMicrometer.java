package dev.httpcon.micrometer;

import dev.httpcon.MeasurementBackEnd;
import dev.httpcon.core.RecorderFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * httpcon's measurements as Micrometer meters, for the container-less entry point (in a CDI
 * container the application's {@code MeterRegistry} bean is found by itself).
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();   // or the application's (Prometheus, ...)
 * try (StandaloneHttpCon http = StandaloneHttpCon.builder().properties(properties)
 *         .measureWith(HttpConMicrometer.backEnd(registry)).start()) {
 *     http.connection("routing").get("/route?uri=" + uri);   // http.client.requests, httpclient.connok
 * }
 * }</pre>
 *
 * <p>The meters ({@code http.client.requests} with {@code method}, {@code uri}, {@code status},
 * {@code outcome}, {@code exception} and {@code httpcon.connection}, and httpcon's counters) are
 * listed in {@code docs/observability.md}; they are registered on the registry when httpcon starts.
 */
public final class HttpConMicrometer {

    private HttpConMicrometer() {
    }

    /** A back end that registers httpcon's meters on {@code registry}. */
    public static MeasurementBackEnd backEnd(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry must be set");
        return RecorderFactory.backEnd("HttpConMicrometer.backEnd(" + registry.getClass().getSimpleName() + ")",
                connections -> MicrometerRecorder.bound(registry, connections));
    }
}
