package dev.httpcon.it.support;

import dev.httpcon.cdi.HttpConExtension;
import io.smallrye.metrics.legacyapi.LegacyMetricsExtension;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;

/**
 * Boots a Weld SE container the way a small application would, without class-path scanning.
 * Weld SE loads no portable extension on its own when discovery is disabled, so the ones wanted
 * are given here: httpcon's always, SmallRye Metrics' only when asked for.
 */
public final class WeldSe {

    private WeldSe() {
    }

    /** A container with httpcon and SmallRye Metrics, over the scope's configuration. */
    public static SeContainer boot(ConfigScope scope, Class<?>... beans) {
        return initializer(scope, beans).addExtensions(new LegacyMetricsExtension()).initialize();
    }

    /** A container with httpcon and no MicroProfile Metrics implementation (the API is still present). */
    public static SeContainer bootWithoutMetrics(ConfigScope scope, Class<?>... beans) {
        return initializer(scope, beans).initialize();
    }

    /**
     * Boots a container that must fail, and returns every message of the failure (causes and
     * suppressed exceptions included), for tests of definition errors.
     *
     * @throws AssertionError if the container boots
     */
    public static String deploymentFailure(String config, Class<?>... beans) {
        try (ConfigScope scope = ConfigScope.of(config)) {
            try (SeContainer c = boot(scope, beans)) {
                throw new AssertionError("the container booted: " + c.getBeanManager());
            } catch (RuntimeException expected) {
                return DeploymentFailure.of(expected).messages();
            }
        }
    }

    private static SeContainerInitializer initializer(ConfigScope scope, Class<?>... beans) {
        return SeContainerInitializer.newInstance()
                .disableDiscovery()
                .setClassLoader(scope.classLoader())
                .addExtensions(new HttpConExtension())
                .addBeanClasses(beans);
    }
}
