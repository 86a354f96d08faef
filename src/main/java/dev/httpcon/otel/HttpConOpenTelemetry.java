package dev.httpcon.otel;

import dev.httpcon.MeasurementBackEnd;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.core.RecorderFactory;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * httpcon's measurements as OpenTelemetry traces and metrics, for the container-less entry point
 * (in a CDI container the application's {@code OpenTelemetry} bean is found by itself).
 *
 * <pre>{@code
 * OpenTelemetry otel = GlobalOpenTelemetry.get();     // or the SDK the application built
 * try (StandaloneHttpCon http = StandaloneHttpCon.builder().properties(properties)
 *         .measureWith(HttpConOpenTelemetry.backEnd(otel)).start()) {
 *     http.connection("routing").get("/route?uri=" + uri);   // a CLIENT span, traceparent sent
 * }
 * }</pre>
 *
 * <p>What is recorded (span and metric names, attributes, buckets) is listed in
 * {@code docs/observability.md}. An instance that records nothing (OpenTelemetry's no-op instance)
 * is no back end: httpcon then measures nothing, as without it.
 */
public final class HttpConOpenTelemetry {

    private HttpConOpenTelemetry() {
    }

    /** A back end that records to {@code otel}'s tracer and meter providers and sends its propagator's headers. */
    public static MeasurementBackEnd backEnd(OpenTelemetry otel) {
        Objects.requireNonNull(otel, "otel must be set");
        return RecorderFactory.backEnd("HttpConOpenTelemetry.backEnd(" + otel.getClass().getSimpleName() + ")",
                connections -> OtelRecorder.records(otel) ? new OtelRecorder(otel, connections) : MetricsRecorder.NOOP);
    }
}
