package dev.httpcon.cdi;

import dev.httpcon.core.HttpConCore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import java.lang.System.Logger.Level;

/**
 * Adds httpcon's MicroProfile Health readiness check ({@code dev.httpcon.health.ConnectionsReadiness},
 * a {@code @Readiness HealthCheck} bean) when the application has the MicroProfile Health API;
 * without it, nothing (and no class of that API is loaded).
 */
final class HealthBridge {

    private static final System.Logger LOG = System.getLogger(HealthBridge.class.getName());
    private static final String HEALTH_CHECK_CLASS = "org.eclipse.microprofile.health.HealthCheck";

    private HealthBridge() {
    }

    static void addReadinessCheck(AfterBeanDiscovery abd, HttpConCore core) {
        try {
            Class.forName(HEALTH_CHECK_CLASS, false, HealthBridge.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            LOG.log(Level.DEBUG, "httpcon: MicroProfile Health API not present; no readiness check");
            return;
        }
        WithMpHealth.add(abd, core);
    }

    /** Loaded only when the API is present, since it names its types. */
    private static final class WithMpHealth {
        static void add(AfterBeanDiscovery abd, HttpConCore core) {
            abd.addBean()
                    .beanClass(dev.httpcon.health.ConnectionsReadiness.class)
                    .types(org.eclipse.microprofile.health.HealthCheck.class, Object.class)
                    .qualifiers(org.eclipse.microprofile.health.Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                    .scope(ApplicationScoped.class)
                    .createWith(cc -> new dev.httpcon.health.ConnectionsReadiness(core));
        }
    }
}
