package dev.httpcon.it.telemetry;

import dev.httpcon.testing.OtelSdk;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What an application (or its runtime) provides as CDI beans and httpcon finds: an
 * {@link OpenTelemetry} (as a MicroProfile Telemetry runtime does) and a Micrometer
 * {@link MeterRegistry}. {@code @Singleton}: a normal scope would need a client proxy, and a
 * {@code MeterRegistry} has final methods.
 */
public class TelemetryBackEnds {

    static OtelSdk otel;
    static SimpleMeterRegistry meters;

    @Produces
    @Singleton
    OpenTelemetry openTelemetry() {
        return otel.sdk();
    }

    @Produces
    @Singleton
    MeterRegistry meterRegistry() {
        return meters;
    }
}
