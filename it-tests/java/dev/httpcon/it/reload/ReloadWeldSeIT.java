package dev.httpcon.it.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpResult;
import dev.httpcon.ReloadResult;
import dev.httpcon.ReloadResult.Outcome;
import dev.httpcon.ReloadResult.Trigger;
import dev.httpcon.it.support.ConfigScope;
import dev.httpcon.it.support.Servers;
import dev.httpcon.it.support.WeldSe;
import dev.httpcon.management.HttpClientManagement;
import dev.httpcon.metrics.MpMetricsRecorder;
import dev.httpcon.testing.ReferenceServer;
import jakarta.enterprise.inject.se.SeContainer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reload in a Weld SE application with SmallRye Config and SmallRye Metrics: the application's
 * {@code microprofile-config.properties} read again, injected beans following, connections added
 * and removed, a failover added applying through the interceptors, the CDI event, JMX, metrics,
 * and the triggers (a watched {@code config_file}, {@code reload_period}).
 */
class ReloadWeldSeIT {

    private static final ReferenceServer SERVER = Servers.reference();

    private static String base() {
        return Servers.base();
    }

    private static SeContainer boot(ConfigScope scope) {
        return WeldSe.boot(scope, Routing.class, ReloadObserver.class);
    }

    @Test
    void reloadReadsMicroprofileConfigPropertiesAgainAndTheInjectedBeanFollows() throws Exception {
        try (ConfigScope scope = ConfigScope.of("httpclient.httpcon=routing=>" + base() + "/base,backup=>" + base() + "/ini\n");
             SeContainer c = boot(scope)) {
            Routing app = c.select(Routing.class).get();
            HttpConnections http = c.select(HttpConnections.class).get();
            HttpConnection before = http.get("routing");
            assertEquals(200, app.routing().get("/json").code());
            assertEquals("/base/json", SERVER.lastRequest().path());

            scope.write("httpclient.httpcon=routing=>" + base() + "/pfx;timeout=3s,backup=>" + base() + "/ini\n");
            ReloadResult r = http.reload();

            assertEquals(Outcome.APPLIED, r.outcome(), r.text());
            assertEquals(List.of("routing"), r.changed());
            assertEquals(200, app.routing().get("/json").code());
            assertEquals("/pfx/json", SERVER.lastRequest().path(), "the injected bean uses the new settings");
            assertSame(before, http.get("routing"), "the same connection object, the bean's instance");
            assertEquals(2, app.routing().info().ok(), "counts survive");
            assertEquals(r, c.select(ReloadObserver.class).get().next(Trigger.API), "fired as a CDI event");
        }
    }

    @Test
    void addedConnectionsAreUsableByNameAndRemovedOnesAnswerMinusOne() throws Exception {
        try (ConfigScope scope = ConfigScope.of("httpclient.httpcon=routing=>" + base() + "/base,backup=>" + base() + "/ini\n");
             SeContainer c = boot(scope)) {
            Routing app = c.select(Routing.class).get();
            HttpConnections http = c.select(HttpConnections.class).get();
            scope.write("httpclient.httpcon=routing=>" + base() + "/base,reload_added=>" + base() + "/pfx\n");

            ReloadResult r = http.reload();

            assertEquals(List.of("reload_added"), r.added());
            assertEquals(List.of("backup"), r.removed());
            assertEquals(200, http.get("reload_added").get("/json").code(), "usable at once by name");
            assertEquals(200, http.connect("reload_added", "/json", null, null).code());
            HttpResult gone = app.backup().get("/json");
            assertEquals(-1, gone.code());
            assertTrue(gone.message().contains("connection 'backup' was removed from the configuration"), gone.message());

            MetricRegistry metrics = c.select(ReloadObserver.class).get().metrics();
            assertEquals(2L, metrics.counter(MpMetricsRecorder.REQUESTS_OK, new Tag("connection", "reload_added")).getCount(),
                    "an added connection is measured");
            assertEquals(2L, metrics.getGauge(new org.eclipse.microprofile.metrics.MetricID(MpMetricsRecorder.CONNECTIONS))
                    .getValue().longValue());

            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            ObjectName jmx = new ObjectName(HttpClientManagement.OBJECT_NAME);
            CompositeData[] rows = (CompositeData[]) mbeans.invoke(jmx, "listcon", null, null);
            assertEquals(Set.of("routing", "reload_added"), Set.of(rows[0].get("name"), rows[1].get("name")));
        }
    }

    @Test
    void aFailoverAddedByAReloadRunsThroughTheInterceptorsAndIsMeasured() throws Exception {
        String others = "httpclient.connections=routing,backup\nhttpclient.connection.routing.url=" + base()
                + "\nhttpclient.connection.backup.url=" + base() + "\n";
        try (ReferenceServer up = ReferenceServer.start();
             ConfigScope scope = ConfigScope.of("httpclient.httpcon=fo_primary=>" + base() + "/base,fo_backup=>"
                     + up.url() + "\n" + others);
             SeContainer c = boot(scope)) {
            up.route("/error500", ex -> ex.text(200, "backup\n"));
            HttpConnections http = c.select(HttpConnections.class).get();
            assertEquals(500, http.get("fo_primary").get("/error500").code(), "no failover yet");

            scope.write("httpclient.httpcon=fo_primary=>" + base() + "/base;failover=fo_backup,fo_backup=>"
                    + up.url() + "\n" + others);
            assertEquals(Outcome.APPLIED, http.reload().outcome());

            HttpResult r = http.get("fo_primary").get("/error500");
            assertEquals(200, r.code(), "failed over: the failover interceptor applies now");
            assertEquals("fo_backup", r.servedBy());
            assertEquals(2, r.attempts().size());
            MetricRegistry metrics = c.select(ReloadObserver.class).get().metrics();
            assertEquals(2L, metrics.counter(MpMetricsRecorder.REQUESTS_SERVER_ERROR, new Tag("connection", "fo_primary"))
                    .getCount(), "the primary's attempts before and after, counted once each");
            assertEquals(1L, metrics.counter(MpMetricsRecorder.REQUESTS_OK, new Tag("connection", "fo_backup")).getCount());
        }
    }

    @Test
    void aFailoverToAMissingConnectionIsRefusedEverywhereWithEveryProblem() throws Exception {
        try (ConfigScope scope = ConfigScope.of("httpclient.httpcon=routing=>" + base() + "/base,backup=>" + base() + "/ini\n");
             SeContainer c = boot(scope)) {
            HttpConnections http = c.select(HttpConnections.class).get();
            scope.write("httpclient.httpcon=routing=>" + base() + "/base;failover=backup\nhttpclient.conection_timeout=2\n");

            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            ObjectName jmx = new ObjectName(HttpClientManagement.OBJECT_NAME);
            String text = (String) mbeans.invoke(jmx, "reload", null, null);

            assertTrue(text.startsWith("reload (jmx): refused, 2 problems; generation 1 stays in force"), text);
            assertTrue(text.contains("failover = 'backup': no connection named 'backup'; defined: [routing]"), text);
            assertTrue(text.contains("httpclient.conection_timeout: unknown key; did you mean connection_timeout?"), text);
            assertEquals(1L, mbeans.getAttribute(jmx, "ConfigurationGeneration"));
            assertEquals(1L, mbeans.getAttribute(jmx, "ReloadsRefused"));
            assertEquals(text, mbeans.getAttribute(jmx, "LastReload"));
            assertEquals(true, mbeans.getAttribute(jmx, "ConfigurationSourcesReachable"), "no ZooKeeper: nothing out of reach");
            assertTrue(http.exists("backup"), "nothing changed");
            ReloadResult observed = c.select(ReloadObserver.class).get().next(Trigger.JMX);
            assertTrue(observed.refused());
        }
    }

    @Test
    void aChangedConfigFileIsReadAgainAndAHalfWrittenOneIsRefusedUntilItIsComplete() throws Exception {
        try (ConfigScope scope = ConfigScope.of("")) {
            Path ini = scope.dir().resolve("connections.cfg");
            Files.writeString(ini, "[routing]\nurl = " + base() + "/base\n[backup]\nurl = " + base() + "/ini\n");
            scope.write("httpclient.config_file=" + ini + "\n");
            try (SeContainer c = boot(scope)) {
                ReloadObserver observer = c.select(ReloadObserver.class).get();
                Routing app = c.select(Routing.class).get();

                replace(ini, "[routing]\nurl = " + base() + "/base\n[backup]\nurl = ");   // caught half-written
                ReloadResult half = observer.next(Trigger.FILE);
                assertEquals(Outcome.REFUSED, half.outcome(), half.text());
                app.routing().get("/json");
                assertEquals("/base/json", SERVER.lastRequest().path(), "the old configuration stays");

                replace(ini, "[routing]\nurl = " + base() + "/pfx\n[backup]\nurl = " + base() + "/ini\n");
                ReloadResult done = observer.next(Trigger.FILE);
                assertEquals(Outcome.APPLIED, done.outcome(), done.text());
                app.routing().get("/json");
                assertEquals("/pfx/json", SERVER.lastRequest().path());

                MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
                ObjectName jmx = new ObjectName(HttpClientManagement.OBJECT_NAME);
                List<String> watched = List.of((String[]) mbeans.getAttribute(jmx, "WatchedFiles"));
                assertTrue(watched.contains(ini.toString()), watched.toString());
            }
        }
    }

    @Test
    void aReloadPeriodReadsTheConfigurationOnATimer() throws Exception {
        String first = "httpclient.reload_period=300ms\nhttpclient.httpcon=routing=>" + base() + "/base,backup=>"
                + base() + "/ini\n";
        try (ConfigScope scope = ConfigScope.of(first);
             SeContainer c = boot(scope)) {
            ReloadObserver observer = c.select(ReloadObserver.class).get();
            scope.write(first.replace("/ini", "/pfx"));   // MicroProfile Config's own file: not watched
            ReloadResult r = observer.next(Trigger.PERIOD);
            while (!r.applied()) {
                assertEquals(Outcome.UNCHANGED, r.outcome(), r.text());
                r = observer.next(Trigger.PERIOD);
            }
            assertEquals(List.of("backup"), r.changed());
            c.select(Routing.class).get().backup().get("/json");
            assertEquals("/pfx/json", SERVER.lastRequest().path());
        }
    }

    /** Replaces a file by renaming a new one over it, as editors and deployment tools do. */
    private static void replace(Path file, String text) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
