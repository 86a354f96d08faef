package dev.httpcon.it.se;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpConnections;
import dev.httpcon.HttpResult;
import dev.httpcon.it.support.ConfigScope;
import dev.httpcon.it.support.Servers;
import dev.httpcon.it.support.WeldSe;
import jakarta.enterprise.inject.se.SeContainer;
import org.junit.jupiter.api.Test;

/**
 * A plain Weld SE application: connections defined in its microprofile-config.properties,
 * injected into its beans, with and without a MicroProfile Metrics implementation.
 */
class WeldSeApplicationIT {

    private static String config() {
        return "httpclient.httpcon=routing=>" + Servers.base() + "/base;failover=backup,backup=>"
                + Servers.base() + "/backup\n";
    }

    @Test
    void beansInjectConnectionsFromConfig() {
        try (ConfigScope scope = ConfigScope.of(config());
             SeContainer container = WeldSe.boot(scope, RoutingService.class)) {
            RoutingService service = container.select(RoutingService.class).get();
            HttpResult r = service.lookup("bob");
            assertEquals(200, r.code());
            assertEquals("/base/echo", Servers.reference().lastRequest().path());
            assertEquals(Servers.base() + "/base/echo?user=bob", service.connection().lastRedirect());
            HttpConnections all = container.select(HttpConnections.class).get();
            assertEquals(2, all.list().size());
        }
    }

    @Test
    void everythingButMetricsWorksWithoutAMetricsImplementation() {
        try (ConfigScope scope = ConfigScope.of(config());
             SeContainer container = WeldSe.bootWithoutMetrics(scope, RoutingService.class)) {
            assertTrue(container.getBeanManager().getBeans(org.eclipse.microprofile.metrics.MetricRegistry.class)
                    .isEmpty(), "no metrics implementation in this container");
            RoutingService service = container.select(RoutingService.class).get();
            HttpResult r = service.connection().get("/error500");
            assertEquals(200, r.code(), "failed over to backup");
            assertEquals("backup", r.servedBy());
            assertEquals(Servers.base() + "/backup/error500", service.connection().lastRedirect());
            HttpConnections all = container.select(HttpConnections.class).get();
            assertTrue(all.list().stream().anyMatch(c -> c.name().equals("routing") && c.fail() == 1),
                    "listcon still counts without MP Metrics");
        }
    }
}
