package dev.httpcon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.ConnectionState;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.ReloadResult;
import dev.httpcon.ReloadResult.Outcome;
import dev.httpcon.config.ConfigView;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.RefusedPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reload in the plain-Java core, through {@link StandaloneHttpCon} over a configuration a test can
 * change: what changes, what stays (the objects applications hold, counts), what a call in
 * flight finishes on, and what is refused.
 */
class ReloadTest {

    private ReferenceServer a;
    private ReferenceServer b;
    private final LiveView config = new LiveView();
    private StandaloneHttpCon http;
    private final List<ReloadResult> announced = new ArrayList<>();

    /** A configuration view over a map a test changes; each reload reads the map as it is then. */
    static final class LiveView implements ConfigView {
        final Map<String, String> map = new ConcurrentHashMap<>();

        private MapConfigView now() {
            return new MapConfigView(map);
        }

        @Override
        public Optional<String> value(String key) {
            return now().value(key);
        }

        @Override
        public List<String> values(String key) {
            return now().values(key);
        }

        @Override
        public Iterable<String> keys() {
            return now().keys();
        }

        @Override
        public ConfigView refreshed() {
            return now();
        }
    }

    @BeforeEach
    void start() {
        a = ReferenceServer.start();
        b = ReferenceServer.start();
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        a.close();
        b.close();
    }

    private void boot(String lines) {
        config.map.put("httpclient.httpcon", lines);
        http = dev.httpcon.standalone.StandaloneTesting.start(config);
        http.onReload(announced::add);
    }

    private ReloadResult reloadWith(String lines) {
        config.map.put("httpclient.httpcon", lines);
        return http.reload();
    }

    @Test
    void aChangedConnectionSendsItsNextCallsWithTheNewSettingsThroughTheSameObjectKeepingItsCounts() {
        boot("api=>" + a.url() + ";timeout=5s");
        HttpConnection api = http.connection("api");
        assertEquals(200, api.get("/json").code());
        assertEquals(1, a.requests("/json").size());

        ReloadResult r = reloadWith("api=>" + b.url() + ";timeout=3s");

        assertEquals(Outcome.APPLIED, r.outcome(), r.toString());
        assertEquals(2, r.generation());
        assertEquals(List.of("api"), r.changed());
        assertEquals(List.of("connection 'api': url " + a.url() + " -> " + b.url() + "; timeout 5s -> 3s"), r.changes());
        assertSame(api, http.connection("api"), "the object an application holds stays the same");
        assertEquals(200, api.get("/json").code());
        assertEquals(1, a.requests("/json").size(), "nothing more sent to the old URL");
        assertEquals(1, b.requests("/json").size(), "the next call went to the new one");
        assertEquals(2, api.info().ok(), "counts survive the change");
        assertEquals(Duration.ofSeconds(3), api.info().timeout());
        assertEquals(List.of(r), announced, "every reload is announced");
    }

    @Test
    void aCallInFlightFinishesOnItsSettingsAndItsTransportIsClosedOnlyAfterIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        a.route("/hold", ex -> {
            release.await(20, TimeUnit.SECONDS);
            ex.text(200, "from a\n");
        });
        boot("api=>" + a.url() + ";timeout=30s;keep_connections=1");
        HttpConnection api = http.connection("api");
        assertEquals(200, api.get("/json").code());   // a pooled connection to a
        int pooled = a.requests("/json").get(0).connection();

        CompletableFuture<HttpResult> inFlight = CompletableFuture.supplyAsync(() -> api.get("/hold"));
        waitFor(() -> !a.requests("/hold").isEmpty(), "the call reached a");

        // b, with keep_connections off: another transport; a's pool is only the old generation's
        ReloadResult r = reloadWith("api=>" + b.url() + ";timeout=30s;keep_connections=0");
        assertEquals(Outcome.APPLIED, r.outcome(), r.toString());
        assertEquals(200, api.get("/json").code());
        assertEquals(1, b.requests("/json").size(), "a call started after the switch uses the new settings");
        assertFalse(inFlight.isDone());
        assertFalse(a.isClosed(pooled), "a's pool is not closed under the call in flight");

        release.countDown();
        HttpResult held = inFlight.get(20, TimeUnit.SECONDS);
        assertEquals(200, held.code(), "the call in flight finished on the settings it started with");
        assertEquals("from a\n", held.bodyText());
        int heldOn = a.requests("/hold").get(0).connection();
        assertTrue(a.awaitClosed(heldOn, Duration.ofSeconds(10)), "the unused pool is closed once idle");
        assertTrue(a.awaitClosed(pooled, Duration.ofSeconds(10)), "with every connection in it");
    }

    @Test
    void anAddedConnectionIsUsableAtOnceAndARemovedOneAnswersMinusOneSayingSo() {
        boot("api=>" + a.url() + ",old=>" + a.url());
        HttpConnection old = http.connection("old");

        ReloadResult r = reloadWith("api=>" + a.url() + ",fresh=>" + b.url());

        assertEquals(List.of("fresh"), r.added());
        assertEquals(List.of("old"), r.removed());
        assertTrue(http.connections().exists("fresh"));
        assertEquals(200, http.connections().connect("fresh", "/json", null, null).code());
        assertEquals(200, http.connection("fresh").get("/json").code());
        assertEquals(Set.of("api", "fresh"), http.connections().names());

        HttpResult removed = old.get("/json");
        assertEquals(-1, removed.code());
        assertTrue(removed.message().contains("connection 'old' was removed from the configuration"), removed.message());
        assertFalse(http.connections().exists("old"));
        assertEquals(-1, http.connections().connect("old", "/json", null, null).code());
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> http.connection("old"));
        assertTrue(e.getMessage().contains("was removed"), e.getMessage());
        assertEquals(0, a.requests("/json").size(), "nothing sent for a removed connection");

        reloadWith("api=>" + a.url() + ",old=>" + b.url());
        assertEquals(200, old.get("/json").code(), "defined again: the same object works again");
    }

    @Test
    void anInvalidConfigurationIsRefusedWithEveryProblemAndNothingChanges() {
        boot("api=>" + a.url() + ";failover=backup,backup=>" + b.url());
        HttpConnection api = http.connection("api");

        ReloadResult r = reloadWith("api=>" + a.url() + ";failover=gone;timeout=soon");

        assertEquals(Outcome.REFUSED, r.outcome());
        assertEquals(1, r.generation(), "generation 1 stays in force");
        assertEquals(2, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("failover") && p.contains("gone")), r.problems().toString());
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("timeout") && p.contains("soon")), r.problems().toString());
        assertTrue(http.connections().exists("backup"), "nothing changed");
        assertEquals(200, api.get("/json").code());
        assertEquals(1, a.requests("/json").size());
        assertEquals(1, http.connections().list().stream().filter(c -> c.name().equals("api")).count());
        assertEquals("backup", api.info().failover());
    }

    @Test
    void theSameConfigurationIsUnchanged() {
        boot("api=>" + a.url());
        ReloadResult r = http.reload();
        assertEquals(Outcome.UNCHANGED, r.outcome());
        assertEquals(1, r.generation());
        assertEquals(List.of(), r.changes());
    }

    @Test
    void aFailoverAddedByAReloadAppliesFromTheNextCall() {
        b.route("/down", ex -> ex.text(503, "down\n"));
        a.route("/down", ex -> ex.text(200, "backup answered\n"));
        boot("api=>" + b.url() + ",backup=>" + a.url());
        assertEquals(503, http.connection("api").get("/down").code());

        reloadWith("api=>" + b.url() + ";failover=backup,backup=>" + a.url());

        HttpResult r = http.connection("api").get("/down");
        assertEquals(200, r.code());
        assertEquals("backup", r.servedBy());
    }

    @Test
    void aChangedPasswordIsSaidToHaveChangedAndNeverShown() {
        boot("api=>" + a.url() + ";username=u;password=first-Secret-1");
        ReloadResult r = reloadWith("api=>" + a.url() + ";username=u;password=second-Secret-2");
        assertEquals(List.of("connection 'api': password changed"), r.changes());
        String everything = r + " " + r.changes() + " " + http.connections().list();
        assertFalse(everything.contains("Secret"), everything);
    }

    @Test
    void withoutAConfigurationToReadAgainAReloadIsRefusedSayingSo() {
        try (HttpConCore fixed = HttpConCore.start(
                dev.httpcon.config.SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon", "x=>" + a.url()))),
                MetricsRecorder.NOOP)) {
            ReloadResult r = fixed.connections().reload();
            assertEquals(Outcome.REFUSED, r.outcome());
            assertTrue(r.problems().get(0).startsWith("nothing to read again"), r.problems().toString());
        }
    }

    @Test
    void healthStateCountsAndSkipsSurviveAReloadThatChangesTheConnection() {
        String dead = RefusedPort.shared().url("").toString();
        boot("api=>" + dead + ";health_failures=1;health_retry=60m;failover=backup,backup=>" + a.url());
        HttpConnection api = http.connection("api");
        assertEquals("backup", api.get("/json").servedBy(), "api refused, its failover served");
        assertEquals(ConnectionState.NOTREACHABLE, http.connections().state("api"));
        assertEquals(ConnectionState.DISABLED, http.connections().disable("backup"));
        assertTrue(api.get("/json").isFailure(), "api and backup both out of service");
        ConnectionInfo before = api.info();
        assertEquals(1, before.fail());
        assertEquals(1, before.skipped());

        // both change: api's timeout and failover_unsafe, backup's URL
        ReloadResult r = reloadWith("api=>" + dead + ";health_failures=1;health_retry=60m;timeout=7s;failover_unsafe=0"
                + ";failover=backup,backup=>" + b.url());
        assertEquals(List.of("api", "backup"), r.changed(), r.toString());

        assertEquals(ConnectionState.NOTREACHABLE, http.connections().state("api"), "health state carried over");
        assertEquals(ConnectionState.DISABLED, http.connections().state("backup"), "an operator's disable too");
        HttpResult skipped = api.get("/json");
        assertTrue(skipped.isFailure());
        assertEquals(List.of(false, false), skipped.attempts().stream().map(dev.httpcon.Attempt::sent).toList(),
                "both still skipped: nothing sent");
        ConnectionInfo after = api.info();
        assertEquals(Duration.ofSeconds(7), after.timeout());
        assertFalse(after.failoverUnsafe());
        assertEquals(1, after.fail(), "counts carried over");
        assertEquals(2, after.skipped(), "skips carried over and counted on");

        assertEquals(ConnectionState.AVAILABLE, http.connections().enable("backup"));
        HttpResult served = api.get("/json");
        assertEquals(200, served.code());
        assertEquals("backup", served.servedBy());
        assertEquals(1, b.requests("/json").size(), "the enabled backup at its new URL");
        assertEquals(1, a.requests("/json").size(), "the old backup URL served once, before the reload");
    }

    @Test
    void aReloadThatTurnsHealthOffMakesANotReachableConnectionAvailableAtItsNextCall() {
        String dead = RefusedPort.shared().url("").toString();
        boot("api=>" + dead + ";health_failures=1;health_retry=60m;failover=backup,backup=>" + a.url());
        http.connection("api").get("/json");
        assertEquals(ConnectionState.NOTREACHABLE, http.connections().state("api"));

        reloadWith("api=>" + a.url() + ";health_failures=0;failover=backup,backup=>" + a.url());

        HttpResult r = http.connection("api").get("/json");
        assertEquals(200, r.code());
        assertEquals("api", r.servedBy(), "health off: tried again");
        assertEquals(ConnectionState.AVAILABLE, http.connections().state("api"));
    }

    @Test
    void aProbeGivenByAReloadToANotReachableConnectionStartsAndBringsItBack() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        a.route("/route", ex -> ex.text(status.get(), "route\n"));
        a.route("/health", ex -> ex.text(status.get(), "health\n"));
        boot("api=>" + a.url() + ";health_failures=1;health_retry=60m");
        assertEquals(503, http.connection("api").get("/route").code());
        assertEquals(ConnectionState.NOTREACHABLE, http.connections().state("api"));
        status.set(200);

        // no trial call for 60 minutes; the probe given now is what brings it back
        reloadWith("api=>" + a.url() + ";health_failures=1;health_retry=60m;health_probe=/health");

        waitFor(() -> http.connections().state("api") == ConnectionState.AVAILABLE, "the probe brought api back");
        assertEquals(1, a.requests("/health").size());
        assertEquals(200, http.connection("api").get("/route").code());
    }

    @Test
    void everyResilienceKeyIsReloadedAndValidatedLikeTheRest() {
        boot("api=>" + a.url());
        ReloadResult r = reloadWith("api=>" + a.url() + ";total_timeout=2s;health_failures=2;health_retry=5s"
                + ";health_probe=/health;max_concurrent=3;failover_unsafe=0");
        assertEquals(Outcome.APPLIED, r.outcome(), r.toString());
        assertEquals(List.of("connection 'api': total_timeout 0 (none) -> 2s; health_failures 0 -> 2; health_retry 10s"
                + " -> 5s; health_probe none -> /health; max_concurrent 0 -> 3; failover_unsafe true -> false"),
                r.changes());
        ConnectionInfo info = http.connection("api").info();
        assertEquals(Duration.ofSeconds(2), info.totalTimeout());
        assertEquals(2, info.healthFailures());
        assertEquals(Duration.ofSeconds(5), info.healthRetry());
        assertEquals("/health", info.healthProbe());
        assertEquals(3, info.maxConcurrent());
        assertFalse(info.failoverUnsafe());

        config.map.put("httpclient.max_concurrent", "2");
        ReloadResult globals = http.reload();
        assertEquals(Outcome.APPLIED, globals.outcome(), globals.toString());
        assertTrue(globals.changes().contains("globals: max_concurrent 0 -> 2"), globals.changes().toString());

        ReloadResult refused = reloadWith("api=>" + a.url() + ";max_concurrent=-1;health_retry=0;health_probe=health");
        assertEquals(Outcome.REFUSED, refused.outcome());
        assertEquals(3, refused.problems().size(), refused.problems().toString());
        assertEquals(3, http.connection("api").info().maxConcurrent(), "nothing changed");
    }

    static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
