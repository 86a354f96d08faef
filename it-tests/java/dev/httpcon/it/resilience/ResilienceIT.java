package dev.httpcon.it.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.ConnectionState;
import dev.httpcon.ConnectionStateChanged;
import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpResult;
import dev.httpcon.it.support.ConfigScope;
import dev.httpcon.it.support.WeldSe;
import dev.httpcon.testing.ReferenceApi;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.Timing;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * Resilience through the CDI front door, in Weld SE: the injected beans skip a NOTREACHABLE or
 * DISABLED connection, changes of state arrive as CDI events (sync and async observers, off the
 * caller's thread), operators act through JMX, and the MicroProfile Health readiness check (read
 * by SmallRye Health) is DOWN only when a whole failover chain is unusable.
 */
class ResilienceIT {

    private static String config(String primary, String backup) {
        return String.join("\n",
                "httpclient.httpcon=primary=>" + primary + ";health_failures=2;health_retry=60m;failover=backup,\\",
                "  backup=>" + backup + ",\\",
                "  alone=>" + backup,
                "");
    }

    @Test
    void theBeansSkipANotReachableConnectionAndObserversHearOfIt() throws Exception {
        try (RefusedPort dead = RefusedPort.open(); ReferenceServer backup = ReferenceServer.start();
             ConfigScope scope = ConfigScope.of(config(dead.url("").toString(), backup.url().toString()));
             SeContainer c = WeldSe.boot(scope, StateObserver.class)) {
            HttpConnection primary = c.select(HttpConnection.class, HttpCon.Literal.of("primary")).get();
            StateObserver observer = c.select(StateObserver.class).get();
            assertEquals(200, primary.get("/json").code());
            assertEquals(200, primary.get("/json").code());

            ConnectionStateChanged e = observer.sync.poll(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(e, "the @Observes observer heard of the change");
            assertEquals(ConnectionState.NOTREACHABLE, e.state());
            assertEquals("httpcon-health-events", observer.threads.take(), "not the caller's thread");
            ConnectionStateChanged a = observer.async.poll(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(e, a, "the @ObservesAsync observer too");

            HttpResult skipped = primary.get("/json");
            assertEquals("backup", skipped.servedBy());
            assertFalse(skipped.attempts().get(0).sent());
            assertEquals(1, primary.info().skipped());
            assertEquals(2, primary.info().fail());
        }
    }

    @Test
    void readinessIsDownOnlyWhenAWholeChainIsUnusableAndOperatorsUseJmx() throws Exception {
        try (ReferenceServer primary = ReferenceServer.start(); ReferenceServer backup = ReferenceServer.start();
             ConfigScope scope = ConfigScope.of(config(primary.url().toString(), backup.url().toString()));
             SeContainer c = WeldSe.boot(scope, SmallRyeHealthReporter.class,
                     io.smallrye.health.AsyncHealthCheckFactory.class, io.smallrye.health.registry.HealthRegistries.class)) {
            SmallRyeHealthReporter health = c.select(SmallRyeHealthReporter.class).get();
            HttpConnections connections = c.select(HttpConnections.class).get();
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("dev.httpcon:type=HttpClient");

            assertEquals("UP", status(health.getReadiness()));
            assertEquals("DISABLED", jmx.invoke(name, "disable", new Object[] {"primary"},
                    new String[] {String.class.getName()}));
            assertEquals(ConnectionState.DISABLED, connections.state("primary"));
            assertEquals("UP", status(health.getReadiness()), "the backup still serves primary's calls");
            assertEquals("backup", connections.get("primary").get("/json").servedBy());

            assertEquals("DISABLED", jmx.invoke(name, "disable", new Object[] {"backup"},
                    new String[] {String.class.getName()}));
            SmallRyeHealth down = health.getReadiness();
            assertEquals("DOWN", status(down));
            JsonObject check = httpconCheck(down);
            assertEquals("DOWN", check.getString("status"));
            assertEquals("primary DISABLED, backup DISABLED", check.getJsonObject("data").getString("primary"));
            assertEquals(java.util.Set.of("primary"), check.getJsonObject("data").keySet(),
                    "alone (same server, its own connection) is AVAILABLE; backup is judged in primary's chain");
            assertTrue(jmx.invoke(name, "listconText", null, null).toString()
                    .contains("primary http " + primary.url() + " user= password= failover=backup timeout=4000ms"
                            + " state=DISABLED"), "listcon shows the state");

            assertEquals("AVAILABLE", jmx.invoke(name, "enable", new Object[] {"backup"},
                    new String[] {String.class.getName()}));
            assertEquals("UP", status(health.getReadiness()));
            assertEquals("DISABLED", jmx.invoke(name, "state", new Object[] {"primary"},
                    new String[] {String.class.getName()}));

            // the same check, looked up as MicroProfile Health implementations find it
            HealthCheckResponse r = c.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream()
                    .map(HealthCheck::call).filter(x -> x.getName().equals("httpcon")).findFirst().orElseThrow();
            assertEquals(HealthCheckResponse.Status.UP, r.getStatus());
        }
    }

    @Test
    void aTypedRestClientSkipsADisabledConnection() {
        try (RefusedPort dead = RefusedPort.open(); ReferenceServer backup = ReferenceServer.start();
             ConfigScope scope = ConfigScope.of(String.join("\n",
                     "httpclient.httpcon=billing=>" + dead.url("") + ";failover=backup;health_failures=1;"
                             + "health_retry=60m,backup=>" + backup.url(),
                     "httpclient.connection.billing.rest-clients=" + ReferenceApi.class.getName(), ""));
             SeContainer c = WeldSe.boot(scope)) {
            ReferenceApi api = c.select(ReferenceApi.class, HttpCon.Literal.of("billing")).get();
            HttpConnections connections = c.select(HttpConnections.class).get();
            assertEquals("ok", api.json().status, "refused by billing, answered by backup");
            assertEquals(ConnectionState.NOTREACHABLE, connections.state("billing"));
            assertEquals("ok", api.json().status, "billing skipped");
            assertEquals(1, connections.get("billing").info().skipped());
            assertEquals(1, connections.get("billing").info().fail());
            assertEquals(2, backup.requests("/json").size());
        }
    }

    private static String status(SmallRyeHealth h) {
        return h.getPayload().getString("status");
    }

    private static JsonObject httpconCheck(SmallRyeHealth h) {
        List<JsonObject> checks = h.getPayload().getJsonArray("checks").getValuesAs(JsonObject.class);
        return checks.stream().filter(x -> x.getString("name").equals("httpcon")).findFirst().orElseThrow();
    }
}
