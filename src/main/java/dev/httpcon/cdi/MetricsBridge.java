package dev.httpcon.cdi;

import dev.httpcon.engine.ConnectionRegistry;
import dev.httpcon.metrics.MetricsRecorder;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Unmanaged;
import java.util.logging.Logger;

/**
 * Finds MicroProfile Metrics if the application has it. Only the API being on the class path is not
 * enough: an implementation must provide a {@code MetricRegistry} bean. Without one, every other
 * feature works and attempts are still counted for listcon.
 */
final class MetricsBridge {

    private static final Logger LOG = Logger.getLogger(MetricsBridge.class.getName());
    private static final String REGISTRY_CLASS = "org.eclipse.microprofile.metrics.MetricRegistry";

    private MetricsBridge() {
    }

    static MetricsRecorder recorder(BeanManager bm, ConnectionRegistry registry) {
        if (!apiPresent()) {
            LOG.fine("httpcon: MicroProfile Metrics API not present; metrics off");
            return MetricsRecorder.NOOP;
        }
        return WithApi.recorder(bm, registry);
    }

    private static boolean apiPresent() {
        try {
            Class.forName(REGISTRY_CLASS, false, MetricsBridge.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** Loaded only when the API is present, since it names MetricRegistry. */
    private static final class WithApi {
        static MetricsRecorder recorder(BeanManager bm, ConnectionRegistry registry) {
            if (bm.getBeans(org.eclipse.microprofile.metrics.MetricRegistry.class).isEmpty()) {
                LOG.fine("httpcon: no MicroProfile Metrics implementation; metrics off");
                return MetricsRecorder.NOOP;
            }
            // Looked up through field injection of a non-contextual holder, not programmatically:
            // SmallRye Metrics' registry producer reads the injection point's annotations and fails
            // on a plain programmatic lookup (see ../shared/notes/stack.md).
            MetricRegistryHolder holder = new Unmanaged<>(bm, MetricRegistryHolder.class).newInstance()
                    .produce().inject().get();
            return new dev.httpcon.metrics.MpMetricsRecorder(holder.registry, registry);
        }
    }
}
