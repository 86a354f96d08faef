package dev.httpcon.it.telemetry;

import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** The application's MicroProfile registry, injected (SmallRye's producer refuses a programmatic lookup). */
public class MpMetricsReader {

    @Inject
    MetricRegistry registry;
}
