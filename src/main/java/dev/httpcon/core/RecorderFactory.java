package dev.httpcon.core;

import dev.httpcon.MeasurementBackEnd;
import java.util.Collection;
import java.util.Objects;

/**
 * What a public {@link MeasurementBackEnd} is behind its opaque face: a back end that becomes a
 * {@link MetricsRecorder} once the deployment's connections are known. The back-end packages'
 * public factories ({@code HttpConOpenTelemetry.backEnd}, ...) make them with {@link #backEnd};
 * the container-less entry point, which may see the core, turns them into recorders. Internal:
 * the API type keeps the measurement SPI out of the public signatures.
 */
@FunctionalInterface
public interface RecorderFactory {

    /**
     * The recorder for a deployment of {@code connections} ({@link MetricsRecorder#NOOP} if the
     * library behind it records nothing, as OpenTelemetry's no-op instance).
     */
    MetricsRecorder recorder(Collection<String> connections);

    /**
     * The public face of {@code factory}, shown as {@code description} (which names no secret: a
     * factory method and a library's class, never a URL).
     */
    static MeasurementBackEnd backEnd(String description, RecorderFactory factory) {
        return new BackEnd(Objects.requireNonNull(description), Objects.requireNonNull(factory));
    }

    /** {@link #backEnd}: both faces of one back end. */
    record BackEnd(String description, RecorderFactory factory) implements MeasurementBackEnd, RecorderFactory {
        @Override
        public MetricsRecorder recorder(Collection<String> connections) {
            return factory.recorder(connections);
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
