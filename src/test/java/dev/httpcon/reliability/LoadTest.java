package dev.httpcon.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.PoolStats;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.metrics.MpMetricsRecorder;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.ReferenceServer;
import io.smallrye.metrics.SharedMetricRegistries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 64 threads send 10,000 requests each on one connection whose failover chain mixes good and
 * failing backends: {@code main} (a server that answers 503 to the injected paths) fails over to
 * {@code dead} (a closed port: code 7), which fails over to {@code backup}. Nothing may go wrong
 * but the injected failures, nothing may deadlock, the pool stays within its bound, and the
 * counters (listcon and MicroProfile Metrics) add up exactly: connok + connfail = attempts.
 */
class LoadTest {

    static final int THREADS = 64;
    static final int PER_THREAD = 10_000;
    private static final int PER_HOST = 16;
    private static final int TOTAL = 48;

    /** Which request the i-th one of a thread is: 1 in 10 fails over to backup, 1 in 100 fails everywhere. */
    static String path(int i) {
        if (i % 100 == 7) {
            return "/down";
        }
        return i % 10 == 3 ? "/flaky" : "/ok";
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void sixtyFourThreadsTimesTenThousandRequestsAddUp() throws Exception {
        try (ReferenceServer primary = ReferenceServer.builder().recording(false).start();
             ReferenceServer backup = ReferenceServer.builder().recording(false).start()) {
            primary.route("/ok", ex -> ex.text(200, "ok\n"))
                    .route("/flaky", ex -> ex.text(503, "flaky\n"))
                    .route("/down", ex -> ex.text(503, "down\n"));
            backup.route("/flaky", ex -> ex.text(200, "backup\n"))
                    .route("/down", ex -> ex.text(503, "down too\n"));
            HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of(
                    "httpclient.keep_connections", "1",
                    // Generous: this test is about counts and bounds; deadlines have their own tests.
                    "httpclient.connection_timeout", "60s",
                    "httpclient.max_connections_per_host", String.valueOf(PER_HOST),
                    "httpclient.max_connections", String.valueOf(TOTAL),
                    "httpclient.httpcon", "main=>" + primary.url() + ";failover=dead,"
                            + "dead=>" + RefusedPort.shared().url("") + ";failover=backup,"
                            + "backup=>" + backup.url())));
            MetricRegistry metrics = SharedMetricRegistries.getOrCreate("httpcon-load-test");
            Map<String, Long> before = counts(metrics);

            Tally tally = new Tally();
            PoolWatch watch;
            long wallMs;
            try (dev.httpcon.core.HttpConCore http = dev.httpcon.core.HttpConCore.start(settings, recorder(metrics, settings))) {
                HttpConnection main = http.connection("main");
                watch = new PoolWatch(http, primary, backup);
                ExecutorService threads = Executors.newFixedThreadPool(THREADS);
                long start = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < PER_THREAD; i++) {
                            tally.add(path(i), main.get(path(i)));
                        }
                    }));
                }
                threads.shutdown();
                assertTrue(threads.awaitTermination(8, TimeUnit.MINUTES), "all threads finished (no deadlock)");
                for (Future<?> f : done) {
                    f.get();
                }
                wallMs = (System.nanoTime() - start) / 1_000_000;
                watch.stop();

                PoolStats after = PoolStats.total(http.poolStats());
                assertEquals(0, after.leased(), http.poolStats().toString());
                assertEquals(0, after.pending(), http.poolStats().toString());
                assertTrue(after.available() <= TOTAL, http.poolStats().toString());
                assertListcon(http.connections().list());
            }
            System.out.printf("LOAD %d threads x %d requests: %d ms wall, %.0f requests/s, %d attempts;"
                            + " pool peak leased %d, peak pending %d; server connections accepted %d (main) %d (backup),"
                    + " peak open %s (main) %s (backup)%n",
                    THREADS, PER_THREAD, wallMs, THREADS * (double) PER_THREAD * 1000 / wallMs, tally.attempts.sum(),
                    watch.maxLeased.get(), watch.maxPending.get(), primary.acceptedConnections(),
                    backup.acceptedConnections(), watch.maxOpen[0], watch.maxOpen[1]);

            assertEquals(List.of(), List.copyOf(tally.unexpected), "only the injected failures");
            int requests = THREADS * PER_THREAD;
            int down = THREADS * (PER_THREAD / 100);
            int flaky = THREADS * (PER_THREAD / 10);
            assertEquals(requests - down, tally.ok.sum());
            assertEquals(down, tally.failed.sum());
            assertEquals(requests + 2L * (flaky + down), tally.attempts.sum(), "failed requests made three attempts");

            assertTrue(watch.maxLeased.get() <= TOTAL, "leased peak " + watch.maxLeased + " within " + TOTAL);
            // Connections may be closed and made again (a full pool closes an idle one of another
            // route to make room), but never more than the bound are open to one server at once.
            assertTrue(watch.maxOpen[0].get() <= PER_HOST, "open to main's server at once: " + watch.maxOpen[0]);
            assertTrue(watch.maxOpen[1].get() <= PER_HOST, "open to backup's server at once: " + watch.maxOpen[1]);

            Map<String, Long> delta = delta(before, counts(metrics));
            assertEquals(tally.attempts.sum(), delta.get("connok") + delta.get("connfail"), "connok + connfail = attempts");
            assertEquals(Map.of("connok", (long) (requests - down - flaky) + flaky,
                    "connfail", (long) (flaky + down) * 2 + down,
                    "main.ok", (long) (requests - flaky - down), "main.server_error", (long) flaky + down,
                    "dead.transport_error", (long) flaky + down,
                    "backup.ok", (long) flaky, "backup.server_error", (long) down), delta);
        }
    }

    private static void assertListcon(List<ConnectionInfo> rows) {
        int requests = THREADS * PER_THREAD;
        int down = THREADS * (PER_THREAD / 100);
        int flaky = THREADS * (PER_THREAD / 10);
        Map<String, ConnectionInfo> byName = rows.stream().collect(Collectors.toMap(ConnectionInfo::name,
                Function.identity()));
        assertEquals(requests - flaky - down, byName.get("main").ok());
        assertEquals(flaky + down, byName.get("main").fail());
        assertEquals(0, byName.get("dead").ok());
        assertEquals(flaky + down, byName.get("dead").fail());
        assertEquals(flaky, byName.get("backup").ok());
        assertEquals(down, byName.get("backup").fail());
    }

    /** MicroProfile Metrics for these settings (the recorder reads the connection names once). */
    static MpMetricsRecorder recorder(MetricRegistry metrics, HttpConSettings settings) {
        return new MpMetricsRecorder(metrics, settings.connections().keySet());
    }

    private static Map<String, Long> counts(MetricRegistry m) {
        Map<String, Long> c = new java.util.TreeMap<>();
        c.put("connok", m.counter(MpMetricsRecorder.CONNOK).getCount());
        c.put("connfail", m.counter(MpMetricsRecorder.CONNFAIL).getCount());
        for (String name : List.of("main", "dead", "backup")) {
            Tag tag = new Tag("connection", name);
            c.put(name + ".ok", m.counter(MpMetricsRecorder.REQUESTS_OK, tag).getCount());
            c.put(name + ".server_error", m.counter(MpMetricsRecorder.REQUESTS_SERVER_ERROR, tag).getCount());
            c.put(name + ".transport_error", m.counter(MpMetricsRecorder.REQUESTS_TRANSPORT_ERROR, tag).getCount());
        }
        return c;
    }

    /** The counters that moved, and by how much. */
    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new java.util.TreeMap<>();
        after.forEach((k, v) -> {
            long moved = v - before.get(k);
            if (moved != 0) {
                d.put(k, moved);
            }
        });
        return d;
    }

    /** What the callers got, checked as it comes: the expected server and attempt trail per path. */
    static final class Tally {
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder attempts = new LongAdder();
        final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        private final AtomicInteger reported = new AtomicInteger();

        void add(String path, HttpResult r) {
            attempts.add(r.attempts().isEmpty() ? 1 : r.attempts().size());
            String trail = r.attempts().stream().map(a -> a.connection() + ":" + a.code()).toList().toString();
            boolean expected = switch (path) {
                case "/ok" -> r.code() == 200 && "main".equals(r.servedBy()) && r.attempts().isEmpty();
                case "/flaky" -> r.code() == 200 && "backup".equals(r.servedBy())
                        && trail.equals("[main:503, dead:7, backup:200]") && r.bodyText().equals("backup\n");
                default -> r.code() == 503 && trail.equals("[main:503, dead:7, backup:503]");
            };
            if (r.code() == 200) {
                ok.increment();
            } else {
                failed.increment();
            }
            if (!expected && reported.incrementAndGet() <= 20) {
                unexpected.add(path + " -> " + r + " " + trail);
            }
        }
    }

    /**
     * Samples while the load runs: the peaks of leased and pending connections in the pool, and of
     * the connections open at each server.
     */
    static final class PoolWatch {
        final AtomicInteger maxLeased = new AtomicInteger();
        final AtomicInteger maxPending = new AtomicInteger();
        final AtomicInteger[] maxOpen;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        PoolWatch(dev.httpcon.core.HttpConCore http, ReferenceServer... servers) {
            maxOpen = new AtomicInteger[servers.length];
            for (int i = 0; i < servers.length; i++) {
                maxOpen[i] = new AtomicInteger();
            }
            thread = new Thread(() -> {
                while (running.get()) {
                    PoolStats s = PoolStats.total(http.poolStats());
                    maxLeased.accumulateAndGet(s.leased(), Math::max);
                    maxPending.accumulateAndGet(s.pending(), Math::max);
                    for (int i = 0; i < servers.length; i++) {
                        maxOpen[i].accumulateAndGet(servers[i].openConnections(), Math::max);
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "pool-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
