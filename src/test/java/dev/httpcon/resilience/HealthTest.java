package dev.httpcon.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.Attempt;
import dev.httpcon.ConnectionInfo;
import dev.httpcon.ConnectionState;
import dev.httpcon.ConnectionStateChanged;
import dev.httpcon.HttpResult;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.metrics.MpMetricsRecorder;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.Timing;
import io.smallrye.metrics.SharedMetricRegistries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

/**
 * Connection health against real servers: a refusing port, a server answering 503, one that
 * recovers. After {@code health_failures} failed attempts in a row a connection is NOTREACHABLE and
 * skipped (nothing sent, straight to its failover); one trial call after {@code health_retry}, or
 * the background probe of {@code health_probe}, brings it back; operators disable and enable by
 * hand, also under load. Every change is announced once, off the callers' threads.
 */
class HealthTest {

    /** Polls {@code condition} until it holds, for at most {@link Timing#IN_TIME}. */
    private static void await(BooleanSupplier condition, Object context) throws InterruptedException {
        long end = System.nanoTime() + Timing.IN_TIME.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - end < 0, () -> "not reached in " + Timing.IN_TIME + ": " + context);
            Thread.sleep(20);
        }
    }

    private static List<Boolean> sent(HttpResult r) {
        return r.attempts().stream().map(Attempt::sent).toList();
    }

    @Test
    void afterThresholdFailuresTheConnectionIsSkippedAndItsFailoverServes() throws Exception {
        BlockingQueue<ConnectionStateChanged> events = new LinkedBlockingQueue<>();
        List<String> threads = new ArrayList<>();
        try (RefusedPort dead = RefusedPort.open(); ReferenceServer backup = Servers.ok("backup");
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "primary=>" + dead.url("") + ";health_failures=3;health_retry=60m;failover=backup,"
                             + "backup=>" + backup.url()))) {
            http.onStateChange(e -> {
                threads.add(Thread.currentThread().getName());
                events.add(e);
            });
            for (int i = 0; i < 3; i++) {
                HttpResult r = http.connection("primary").get("/route");
                assertEquals(200, r.code());
                assertEquals(7, r.attempts().get(0).code(), "tried and refused");
            }
            ConnectionStateChanged e = events.poll(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(new ConnectionStateChanged("primary", ConnectionState.AVAILABLE, ConnectionState.NOTREACHABLE,
                    e.reason(), e.at()), e);
            assertTrue(e.reason().startsWith("3 failed attempt(s) in a row (last: 7 Couldn't connect to server)"),
                    e.reason());
            assertEquals(List.of("httpcon-health-events"), threads, "never on the caller's thread");

            for (int i = 0; i < 5; i++) {
                HttpResult r = http.connection("primary").get("/route");
                assertEquals(200, r.code());
                assertEquals("backup", r.servedBy());
                assertEquals(List.of(false, true), sent(r), "primary skipped, nothing sent to it");
                assertEquals(Duration.ZERO, r.attempts().get(0).elapsed());
            }
            ConnectionInfo info = http.connection("primary").info();
            assertEquals(ConnectionState.NOTREACHABLE, info.state());
            assertEquals(3, info.fail(), "skipped calls are not attempts");
            assertEquals(0, info.ok());
            assertEquals(5, info.skipped());
            assertEquals(8, http.connection("backup").info().ok());
            assertEquals(List.of(), new ArrayList<>(events), "one event per change");
        }
    }

    @Test
    void metricsCountSkipsApartFromAttemptsAndGaugeTheState() throws Exception {
        MetricRegistry metrics =
                SharedMetricRegistries.getOrCreate("httpcon-health-test");
        Tag tag = new Tag("connection", "primary");
        try (RefusedPort dead = RefusedPort.open(); ReferenceServer backup = Servers.ok("backup")) {
            HttpConSettings settings = SettingsLoader.load(
                    new MapConfigView(Map.of("httpclient.httpcon", "primary=>" + dead.url("")
                            + ";health_failures=2;health_retry=60m;failover=backup,backup=>" + backup.url())));
            long connfail = metrics.counter(MpMetricsRecorder.CONNFAIL).getCount();
            try (dev.httpcon.core.HttpConCore http = dev.httpcon.core.HttpConCore.start(settings,
                    new MpMetricsRecorder(metrics, settings.connections().keySet()))) {
                for (int i = 0; i < 5; i++) {
                    assertEquals(200, http.connection("primary").get("/route").code());
                }
                assertEquals(3, metrics.counter(MpMetricsRecorder.REQUESTS_SKIPPED, tag).getCount());
                assertEquals(2, metrics.counter(MpMetricsRecorder.CONNFAIL).getCount() - connfail,
                        "only the 2 attempts, not the 3 skips");
                Gauge<?> state = metrics.getGauge(
                        new MetricID(MpMetricsRecorder.STATE, tag));
                assertEquals(1, state.getValue().intValue(), "NOTREACHABLE");
                http.connections().disable("primary");
                assertEquals(2, state.getValue().intValue(), "DISABLED");
                http.connections().enable("primary");
                assertEquals(0, state.getValue().intValue(), "AVAILABLE");
            }
        }
    }

    @Test
    void withNoFailoverLeftASkippedCallEndsAtOnceNamingTheState() throws Exception {
        try (RefusedPort dead = RefusedPort.open();
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "alone=>" + dead.url("") + ";health_failures=1;health_retry=60m"))) {
            assertEquals(7, http.connection("alone").get("/route").code());
            await(() -> http.connections().state("alone") == ConnectionState.NOTREACHABLE, "tripped");
            HttpResult r = http.connection("alone").get("/route");
            assertEquals(7, r.code());
            assertFalse(r.sent());
            assertTrue(r.message().contains("connection 'alone' is NOTREACHABLE (1 failed attempt(s) in a row"),
                    r.message());
            assertTrue(r.message().endsWith("not tried"), r.message());
            assertEquals(1, http.connection("alone").info().fail());
        }
    }

    @Test
    void a503CountsAsAFailureA404DoesNotAndASuccessStartsTheCountAgain() {
        AtomicInteger status = new AtomicInteger(503);
        try (ReferenceServer server = Servers.switchable(status);
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "api=>" + server.url() + ";health_failures=3;health_retry=60m"))) {
            http.connection("api").get("/route");
            http.connection("api").get("/route");
            status.set(404);
            http.connection("api").get("/route");   // an answer: the count starts again
            status.set(503);
            http.connection("api").get("/route");
            http.connection("api").get("/route");
            assertEquals(ConnectionState.AVAILABLE, http.connections().state("api"), "2 in a row, not 3");
            http.connection("api").get("/route");
            assertEquals(ConnectionState.NOTREACHABLE, http.connections().state("api"));
            assertEquals(6, server.requests("/route").size());
            assertEquals(7, http.connection("api").get("/route").code());
            assertEquals(6, server.requests("/route").size(), "skipped: nothing sent");
        }
    }

    @Test
    void afterHealthRetryOneTrialCallBringsARecoveredServerBack() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        BlockingQueue<ConnectionStateChanged> events = new LinkedBlockingQueue<>();
        try (ReferenceServer server = Servers.switchable(status);
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "api=>" + server.url() + ";health_failures=2;health_retry=300ms"))) {
            http.onStateChange(events::add);
            http.connection("api").get("/route");
            http.connection("api").get("/route");
            assertEquals(ConnectionState.NOTREACHABLE, http.connections().state("api"));
            assertEquals(ConnectionState.NOTREACHABLE, events.take().state());

            // a failed trial: NOTREACHABLE again for another health_retry
            await(() -> http.connection("api").get("/route").code() == 503, "a trial after 300 ms");
            assertEquals(3, server.requests("/route").size());
            assertEquals(ConnectionState.NOTREACHABLE, http.connections().state("api"));
            assertEquals(7, http.connection("api").get("/route").code(), "skipped right after the failed trial");

            status.set(200);
            await(() -> http.connection("api").get("/route").code() == 200, "a trial after 300 ms more");
            assertEquals(ConnectionState.AVAILABLE, http.connections().state("api"));
            ConnectionStateChanged back = events.poll(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(ConnectionState.AVAILABLE, back.state());
            assertEquals("trial call answered 200", back.reason());
            assertEquals(200, http.connection("api").get("/route").code());
        }
    }

    @Test
    void exactlyOneTrialCallAtATime() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        CountDownLatch trialArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        try (ReferenceServer server = ReferenceServer.start()) {
            server.route("/route", ex -> {
                if (failing.get()) {
                    ex.text(503, "down\n");
                    return;
                }
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                trialArrived.countDown();
                release.await(Timing.STALL.toMillis(), TimeUnit.MILLISECONDS);
                concurrent.decrementAndGet();
                ex.text(200, "back\n");
            });
            try (StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                    "api=>" + server.url() + ";health_failures=1;health_retry=200ms;timeout=" + Timing.STALL.toSeconds()
                            + "s"))) {
                http.connection("api").get("/route");
                assertEquals(ConnectionState.NOTREACHABLE, http.connections().state("api"));
                failing.set(false);
                Thread.sleep(300);   // past health_retry: the next call is the trial

                ExecutorService pool = Executors.newFixedThreadPool(16);
                try {
                    Future<HttpResult> trial = pool.submit(() -> http.connection("api").get("/route"));
                    assertTrue(trialArrived.await(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS));
                    List<Future<HttpResult>> others = new ArrayList<>();
                    for (int i = 0; i < 64; i++) {
                        others.add(pool.submit(() -> http.connection("api").get("/route")));
                    }
                    for (Future<HttpResult> f : others) {
                        HttpResult r = f.get(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS);
                        assertEquals(7, r.code(), "skipped while the trial is in flight: " + r);
                        assertFalse(r.sent());
                    }
                    release.countDown();
                    assertEquals(200, trial.get(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS).code());
                } finally {
                    release.countDown();
                    pool.shutdownNow();
                }
                assertEquals(1, maxConcurrent.get(), "one trial at a time");
                assertEquals(2, server.requests("/route").size(), "the failure and the trial");
                assertEquals(ConnectionState.AVAILABLE, http.connections().state("api"));
                assertEquals(64, http.connection("api").info().skipped());
            }
        }
    }

    @Test
    void withAProbeTheBackgroundGetDecidesAndCallsNeverTry() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        BlockingQueue<ConnectionStateChanged> events = new LinkedBlockingQueue<>();
        try (ReferenceServer server = Servers.switchable(status); ReferenceServer backup = Servers.ok("backup");
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "api=>" + server.url() + ";health_failures=1;health_retry=200ms;health_probe=/health;"
                             + "failover=backup,backup=>" + backup.url()))) {
            http.onStateChange(events::add);
            assertEquals(200, http.connection("api").get("/route").code());
            assertEquals(ConnectionState.NOTREACHABLE, events.take().state());
            await(() -> server.requests("/health").size() >= 2, "the probe runs every 200 ms");
            for (int i = 0; i < 20; i++) {
                HttpResult r = http.connection("api").get("/route");
                assertEquals("backup", r.servedBy());
                Thread.sleep(20);
            }
            assertEquals(1, server.requests("/route").size(), "no trial call with a probe: only the first failure");
            status.set(200);
            ConnectionStateChanged back = events.poll(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(ConnectionState.AVAILABLE, back.state());
            assertEquals("probe GET /health answered 200", back.reason());
            assertEquals("api", http.connection("api").get("/route").servedBy());
            int probes = server.requests("/health").size();
            Thread.sleep(500);
            assertEquals(probes, server.requests("/health").size(), "no probe while AVAILABLE");
            assertEquals(0, http.connection("api").info().ok() - 1, "probes are not counted as attempts");
        }
    }

    @Test
    void operatorsDisableAndEnableUnderLoadWithoutLosingACall() throws Exception {
        BlockingQueue<ConnectionStateChanged> events = new LinkedBlockingQueue<>();
        try (ReferenceServer primary = Servers.ok("primary"); ReferenceServer backup = Servers.ok("backup");
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.keep_connections", "1",
                     "httpclient.httpcon", "primary=>" + primary.url() + ";failover=backup,backup=>" + backup.url()))) {
            http.onStateChange(events::add);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger calls = new AtomicInteger();
            List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                load.add(pool.submit(() -> {
                    while (!stop.get()) {
                        HttpResult r = http.connection("primary").get("/route");
                        calls.incrementAndGet();
                        if (r.code() != 200) {
                            wrong.add(r.toString());
                        }
                    }
                }));
            }
            try {
                await(() -> calls.get() > 200, "load running");
                assertEquals(ConnectionState.DISABLED, http.connections().disable("primary"));
                int servedBefore = primary.requests("/route").size();
                int callsAtDisable = calls.get();
                await(() -> calls.get() > callsAtDisable + 200, "load going on while disabled");
                // in-flight calls may still finish on primary: at most one per thread
                assertTrue(primary.requests("/route").size() <= servedBefore + 8,
                        "disabled: no new call reaches primary");
                assertEquals(ConnectionState.AVAILABLE, http.connections().enable("primary"));
                int afterEnable = primary.requests("/route").size();
                await(() -> primary.requests("/route").size() > afterEnable + 100, "primary serves again");
            } finally {
                stop.set(true);
                for (Future<?> f : load) {
                    f.get(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS);
                }
                pool.shutdownNow();
            }
            assertEquals(List.of(), wrong, "every call was served");
            assertEquals(ConnectionState.DISABLED, events.take().state());
            ConnectionStateChanged enabled = events.take();
            assertEquals(ConnectionState.AVAILABLE, enabled.state());
            assertEquals("enabled by an operator", enabled.reason());
            assertTrue(http.connection("primary").info().skipped() > 0);
            assertEquals(0, http.connection("primary").info().fail(), "a skip is no failed attempt");
        }
    }

    @Test
    void anOperatorsEnableBringsANotReachableConnectionBackAndUnknownNamesAreNamed() throws Exception {
        try (RefusedPort dead = RefusedPort.open();
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "api=>" + dead.url("") + ";health_failures=1;health_retry=60m"))) {
            http.connection("api").get("/route");
            assertEquals(ConnectionState.NOTREACHABLE, http.connections().state("api"));
            assertEquals(ConnectionState.AVAILABLE, http.connections().enable("api"));
            HttpResult r = http.connection("api").get("/route");
            assertTrue(r.sent() || r.code() == 7, "tried again: " + r);
            assertEquals(2, http.connection("api").info().fail());
            java.util.NoSuchElementException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.NoSuchElementException.class, () -> http.connections().disable("nope"));
            assertEquals("no connection named 'nope'; defined: [api]", e.getMessage());
            assertNotEquals(ConnectionState.DISABLED, http.connections().state("api"));
        }
    }

    @Test
    void aDisabledConnectionIsSkippedEvenWithHealthOffAndTheReadinessViewNamesTheChain() {
        try (ReferenceServer a = Servers.ok("a"); ReferenceServer b = Servers.ok("b");
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "a=>" + a.url() + ";failover=b,b=>" + b.url() + ",other=>" + b.url()))) {
            assertEquals(Map.of(), http.unusable());
            http.connections().disable("a");
            assertEquals(Map.of(), http.unusable(), "b still serves a's calls");
            assertEquals("b", http.connection("a").get("/route").servedBy());
            http.connections().disable("b");
            assertEquals(Map.of("a", "a DISABLED, b DISABLED"), http.unusable(),
                    "b alone is part of a's chain; other is fine");
            HttpResult r = http.connection("a").get("/route");
            assertEquals(7, r.code());
            assertTrue(r.message().contains("connection 'b' is DISABLED (disabled by an operator"), r.message());
            assertEquals(List.of(false, false), sent(r));
            assertEquals(List.of(), a.requests());
            assertEquals(1, b.requests().size(), "only the call made before b was disabled");
        }
    }
}
