package dev.httpcon.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpResult;
import dev.httpcon.metrics.MpMetricsRecorder;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.Timing;
import io.smallrye.metrics.SharedMetricRegistries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

/**
 * The overload guard under 64 threads: with {@code max_concurrent=4} and a server that holds every
 * request, exactly 4 calls reach it and the other 60 get code 89 at once, nothing sent, no thread
 * held, or fail over to the backup. Permits come back when calls end.
 */
class OverloadGuardTest {

    private static final int THREADS = 64;
    private static final int MAX = 4;

    /** A server whose {@code /route} holds each request until {@code release}, counting how many at once. */
    private static ReferenceServer holding(CountDownLatch release, AtomicInteger now, AtomicInteger most,
                                           CountDownLatch arrived) {
        ReferenceServer s = ReferenceServer.start();
        s.route("/route", ex -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            arrived.countDown();
            release.await(Timing.STALL.toMillis(), TimeUnit.MILLISECONDS);
            now.decrementAndGet();
            ex.text(200, "held\n");
        });
        return s;
    }

    @Test
    void beyondMaxConcurrentCallsAreRefusedAtOnceWithoutFailover() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(MAX);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        MetricRegistry metrics = SharedMetricRegistries.getOrCreate("httpcon-overload-test");
        try (ReferenceServer server = holding(release, now, most, arrived)) {
            HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                    "api=>" + server.url() + ";max_concurrent=" + MAX + ";timeout=" + Timing.STALL.toSeconds() + "s")));
            try (dev.httpcon.core.HttpConCore http = dev.httpcon.core.HttpConCore.start(settings,
                    new MpMetricsRecorder(metrics, settings.connections().keySet()))) {
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                List<Future<HttpResult>> held = new ArrayList<>();
                List<HttpResult> refused = new ArrayList<>();
                try {
                    for (int i = 0; i < MAX; i++) {
                        held.add(pool.submit(() -> http.connection("api").get("/route")));
                    }
                    assertTrue(arrived.await(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS), "4 calls in flight");
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<HttpResult>> others = new ArrayList<>();
                    for (int i = MAX; i < THREADS; i++) {
                        others.add(pool.submit(() -> {
                            start.await();
                            return http.connection("api").get("/route");
                        }));
                    }
                    start.countDown();
                    for (Future<HttpResult> f : others) {
                        // answered while the 4 are still held: refusals do not wait for a permit
                        refused.add(f.get(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS));
                    }
                    assertEquals(MAX, now.get(), "the held calls are still in flight");
                    release.countDown();
                    for (Future<HttpResult> f : held) {
                        assertEquals(200, f.get(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS).code());
                    }
                } finally {
                    release.countDown();
                    pool.shutdownNow();
                }
                for (HttpResult r : refused) {
                    assertEquals(89, r.code(), r.toString());
                    assertFalse(r.sent());
                    assertTrue(r.message().contains("max_concurrent=4"), r.message());
                }
                assertEquals(MAX, most.get(), "never more than max_concurrent at the server");
                assertEquals(MAX, server.requests("/route").size());
                assertEquals(THREADS - MAX, http.connection("api").info().refused());
                assertEquals(MAX, http.connection("api").info().ok(), "refusals are not attempts");
                assertEquals(0, http.connection("api").info().fail());
                Tag tag = new Tag("connection", "api");
                assertEquals(THREADS - MAX, metrics.counter(MpMetricsRecorder.REQUESTS_REFUSED, tag).getCount());

                // every permit came back: 4 more calls go through
                for (int i = 0; i < MAX; i++) {
                    assertEquals(200, http.connection("api").get("/route").code());
                }
            }
        }
    }

    @Test
    void aRefusedCallFailsOverToTheBackup() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        try (ReferenceServer server = holding(release, new AtomicInteger(), new AtomicInteger(), arrived);
             ReferenceServer backup = Servers.ok("backup");
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "api=>" + server.url() + ";max_concurrent=1;failover=backup;timeout=" + Timing.STALL.toSeconds()
                             + "s,backup=>" + backup.url()))) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<HttpResult> held = pool.submit(() -> http.connection("api").get("/route"));
                assertTrue(arrived.await(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS));
                HttpResult r = http.connection("api").post("/route", "text/plain", "x");
                assertEquals(200, r.code());
                assertEquals("backup", r.servedBy());
                assertEquals(89, r.attempts().get(0).code());
                assertFalse(r.attempts().get(0).sent(), "refused: certainly not sent, so even a POST fails over");
                release.countDown();
                assertEquals(200, held.get(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS).code());
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }
}
