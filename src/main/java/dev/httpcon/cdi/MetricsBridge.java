package dev.httpcon.cdi;

import dev.httpcon.core.MetricsRecorder;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Unmanaged;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds the measurement back ends the application has and hands the core one recorder for all of
 * them ({@link MetricsRecorder#all}). Today that is MicroProfile Metrics, when present: only the
 * API being on the class path is not enough, an implementation must provide a
 * {@code MetricRegistry} bean. Without any, every other feature works and attempts are still
 * counted for listcon.
 */
final class MetricsBridge {

    private static final System.Logger LOG = System.getLogger(MetricsBridge.class.getName());
    private static final String MP_REGISTRY_CLASS = "org.eclipse.microprofile.metrics.MetricRegistry";

    private MetricsBridge() {
    }

    static MetricsRecorder recorder(BeanManager bm, Collection<String> connections) {
        List<MetricsRecorder> found = new ArrayList<>();
        if (!present(MP_REGISTRY_CLASS)) {
            LOG.log(Level.DEBUG, "httpcon: MicroProfile Metrics API not present; no MicroProfile metrics");
        } else {
            MetricsRecorder mp = WithMpMetrics.recorder(bm, connections);
            if (mp != null) {
                found.add(mp);
            }
        }
        return MetricsRecorder.all(found);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, MetricsBridge.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** Loaded only when the API is present, since it names MetricRegistry. */
    private static final class WithMpMetrics {
        static MetricsRecorder recorder(BeanManager bm, Collection<String> connections) {
            if (bm.getBeans(org.eclipse.microprofile.metrics.MetricRegistry.class).isEmpty()) {
                LOG.log(Level.DEBUG, "httpcon: no MicroProfile Metrics implementation; no MicroProfile metrics");
                return null;
            }
            // Looked up through field injection of a non-contextual holder, not programmatically:
            // SmallRye Metrics' registry producer reads the injection point's annotations and fails
            // on a plain programmatic lookup.
            MetricRegistryHolder holder = new Unmanaged<>(bm, MetricRegistryHolder.class).newInstance()
                    .produce().inject().get();
            return new dev.httpcon.metrics.MpMetricsRecorder(holder.registry, connections);
        }
    }
}
