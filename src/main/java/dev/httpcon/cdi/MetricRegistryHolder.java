package dev.httpcon.cdi;

import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** A non-contextual holder through which {@link MetricsBridge} gets the application's MetricRegistry. Internal. */
class MetricRegistryHolder {

    @Inject
    MetricRegistry registry;
}
