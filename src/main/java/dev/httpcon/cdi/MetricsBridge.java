package dev.httpcon.cdi;

import dev.httpcon.core.MetricsRecorder;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Unmanaged;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds the measurement back ends the application has and hands the core one recorder for all of
 * them ({@link MetricsRecorder#all}). Each is optional, looked for only when its API is on the
 * class path (each adapter is in a class of its own, loaded only then), and used only when the
 * application or its runtime really provides one:
 *
 * <ul>
 *   <li>OpenTelemetry: an {@code OpenTelemetry} bean (what a MicroProfile Telemetry 2.0 runtime
 *       provides, or an application's producer), else {@code GlobalOpenTelemetry} if something has
 *       set it (the Java agent, {@code buildAndRegisterGlobal()}); never the no-op instance (it would
 *       cost a measurement per attempt for nothing), and never {@code GlobalOpenTelemetry.get()}
 *       unset (that would fix the global to the no-op instance for good);</li>
 *   <li>Micrometer: a {@code MeterRegistry} bean;</li>
 *   <li>MicroProfile Metrics: a {@code MetricRegistry} bean (only the API being present is not
 *       enough, an implementation must provide it).</li>
 * </ul>
 * Without any, every other feature works, no measurement is made and attempts are still counted
 * for listcon.
 */
final class MetricsBridge {

    private static final System.Logger LOG = System.getLogger(MetricsBridge.class.getName());
    private static final String MP_REGISTRY_CLASS = "org.eclipse.microprofile.metrics.MetricRegistry";
    private static final String OTEL_CLASS = "io.opentelemetry.api.OpenTelemetry";
    private static final String METER_REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";

    private MetricsBridge() {
    }

    static MetricsRecorder recorder(BeanManager bm, Collection<String> connections) {
        List<MetricsRecorder> found = new ArrayList<>();
        if (present(OTEL_CLASS)) {
            add(found, WithOpenTelemetry.recorder(bm, connections), "OpenTelemetry");
        }
        if (present(METER_REGISTRY_CLASS)) {
            add(found, WithMicrometer.recorder(bm, connections), "Micrometer");
        }
        if (present(MP_REGISTRY_CLASS)) {
            add(found, WithMpMetrics.recorder(bm, connections), "MicroProfile Metrics");
        }
        MetricsRecorder all = MetricsRecorder.all(found);
        LOG.log(Level.DEBUG, () -> "httpcon: measurements to " + (found.isEmpty() ? "no back end" : all));
        return all;
    }

    private static void add(List<MetricsRecorder> found, MetricsRecorder recorder, String what) {
        if (recorder == null) {
            LOG.log(Level.DEBUG, () -> "httpcon: " + what + " is on the class path but provides nothing to record to");
        } else {
            found.add(recorder);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, MetricsBridge.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** The one bean of {@code type}, or null if none (or several) is resolvable. */
    private static <T> T bean(BeanManager bm, Class<T> type) {
        Instance<T> instance = bm.createInstance().select(type);
        return instance.isResolvable() ? instance.get() : null;
    }

    /** Loaded only when the OpenTelemetry API is present. */
    private static final class WithOpenTelemetry {
        static MetricsRecorder recorder(BeanManager bm, Collection<String> connections) {
            io.opentelemetry.api.OpenTelemetry otel = bean(bm, io.opentelemetry.api.OpenTelemetry.class);
            if (otel == null && globalIsSet()) {
                otel = io.opentelemetry.api.GlobalOpenTelemetry.get();
            }
            if (otel == null || !dev.httpcon.otel.OtelRecorder.records(otel)) {
                return null;
            }
            return new dev.httpcon.otel.OtelRecorder(otel, connections);
        }

        /**
         * {@code GlobalOpenTelemetry.isSet()}, looked up rather than called: API versions before it
         * have no way to ask without fixing the global to the no-op instance, and there the global is
         * simply not used.
         */
        private static boolean globalIsSet() {
            try {
                Method isSet = io.opentelemetry.api.GlobalOpenTelemetry.class.getMethod("isSet");
                return Boolean.TRUE.equals(isSet.invoke(null));
            } catch (ReflectiveOperationException | RuntimeException older) {
                return false;
            }
        }
    }

    /** Loaded only when Micrometer is present. */
    private static final class WithMicrometer {
        static MetricsRecorder recorder(BeanManager bm, Collection<String> connections) {
            io.micrometer.core.instrument.MeterRegistry registry = bean(bm,
                    io.micrometer.core.instrument.MeterRegistry.class);
            return registry == null ? null : dev.httpcon.micrometer.MicrometerRecorder.bound(registry, connections);
        }
    }

    /** Loaded only when the MicroProfile Metrics API is present, since it names MetricRegistry. */
    private static final class WithMpMetrics {
        static MetricsRecorder recorder(BeanManager bm, Collection<String> connections) {
            if (bm.getBeans(org.eclipse.microprofile.metrics.MetricRegistry.class).isEmpty()) {
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
