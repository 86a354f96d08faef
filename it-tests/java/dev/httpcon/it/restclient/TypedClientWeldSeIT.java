package dev.httpcon.it.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpCon;
import dev.httpcon.it.support.ConfigScope;
import dev.httpcon.it.support.Servers;
import dev.httpcon.it.support.WeldSe;
import dev.httpcon.testing.ReferenceApi;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Typed clients in a plain Weld SE application: from an injection point of a bean, from
 * {@code rest-clients} by programmatic lookup, and built with the deployment's configuration even
 * when first used on a thread whose context class loader is another one.
 */
class TypedClientWeldSeIT {

    private static String config() {
        return String.join("\n",
                "microprofile.rest.client.disable.default.mapper=true",
                "httpclient.httpcon=billing=>" + Servers.base() + ",cfg=>" + Servers.base() + ";useragent=cfg/1",
                "httpclient.connection.cfg.rest-clients=" + ReferenceApi.class.getName(),
                "");
    }

    @Test
    void injectionPointOfABean() {
        try (ConfigScope scope = ConfigScope.of(config()); SeContainer c = WeldSe.boot(scope, Billing.class)) {
            assertEquals("ok", c.select(Billing.class).get().api().json().status);
        }
    }

    @Test
    void restClientsFromConfigurationByLookup() {
        try (ConfigScope scope = ConfigScope.of(config()); SeContainer c = WeldSe.boot(scope, Billing.class)) {
            Instance<ReferenceApi> cfg = c.select(ReferenceApi.class, HttpCon.Literal.of("cfg"));
            assertTrue(cfg.isResolvable());
            assertEquals("cfg/1", cfg.get().echo(null, null).userAgent);
            assertFalse(c.select(ReferenceApi.class, HttpCon.Literal.of("nosuch")).isResolvable());
        }
    }

    @Test
    void builtWithTheDeploymentsConfigurationOnAnyThread() throws Exception {
        try (ConfigScope scope = ConfigScope.of(config()); SeContainer c = WeldSe.boot(scope, Billing.class)) {
            CompletableFuture<Integer> status = new CompletableFuture<>();
            Thread other = new Thread(() -> {
                try {
                    // the first use creates the bean: here, with the application class loader as
                    // context loader, which does not see the scope's microprofile-config.properties
                    Response r = c.select(ReferenceApi.class, HttpCon.Literal.of("cfg")).get().statusResponse(500);
                    status.complete(r.getStatus());
                } catch (RuntimeException e) {
                    status.completeExceptionally(e);
                }
            }, "typed-client-first-use");
            other.setContextClassLoader(TypedClientWeldSeIT.class.getClassLoader());
            other.start();
            assertEquals(500, status.get(10, TimeUnit.SECONDS),
                    "microprofile.rest.client.disable.default.mapper=true from the deployment's config was applied");
        }
    }
}
