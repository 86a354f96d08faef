package dev.httpcon.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpConnection;
import dev.httpcon.PoolStats;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.RefusedPort;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The long run, outside {@code mvn verify}: {@code mvn -B -Psoak test} (see docs/reliability.md).
 *
 * <p>1,000,000 requests (change with {@code -Dsoak.requests=N}) from 16 threads on one kept
 * connection whose failover chain is exercised by 1 request in 50 ({@code main} answers 503,
 * {@code dead} refuses, {@code backup} answers), then 20,000 requests with keep_connections off.
 * Heap after GC is sampled every tenth of the run and must stay flat; once httpcon is closed,
 * live threads and open file descriptors ({@code /proc/self/fd}) must return to their baseline.
 * Prints a summary.
 */
class ReliabilitySoak {

    private static final int THREADS = Integer.getInteger("soak.threads", 16);
    private static final int REQUESTS = Integer.getInteger("soak.requests", 1_000_000);
    private static final int UNKEPT = Integer.getInteger("soak.unkept", 20_000);
    /** Heap growth after GC that still counts as flat: far below one leaked object per request. */
    private static final long FLAT_BYTES = 16L << 20;

    @Test
    void aMillionRequestsLeaveNothingBehind() throws Exception {
        try (ReferenceServer primary = ReferenceServer.builder().recording(false).start();
             ReferenceServer backup = ReferenceServer.builder().recording(false).start()) {
            primary.route("/ok", ex -> ex.text(200, "ok\n")).route("/flaky", ex -> ex.text(503, "flaky\n"));
            backup.route("/flaky", ex -> ex.text(200, "backup\n"));
            int deadPort = RefusedPort.shared().port();
            Sample baseline = Sample.take("baseline (servers up, httpcon not started)");
            List<String> baselineThreads = Sample.threadNames();
            System.out.println(baseline + " " + baselineThreads);

            List<Sample> heap = new ArrayList<>();
            long failedOver;
            long expectedFailovers = 0;
            long start = System.nanoTime();
            try (dev.httpcon.core.HttpConCore http = dev.httpcon.core.HttpConCore.start(settings(primary, backup, deadPort, true),
                    MetricsRecorder.NOOP)) {
                HttpConnection main = http.connection("main");
                int step = Math.max(1, REQUESTS / 10);
                AtomicInteger unexpected = new AtomicInteger();
                AtomicInteger backupServed = new AtomicInteger();
                for (int done = 0; done < REQUESTS; done += step) {
                    int count = Math.min(step, REQUESTS - done);
                    run(main, count, unexpected, backupServed);
                    expectedFailovers += count / 50 + (count % 50 > 3 ? 1 : 0);
                    Sample s = Sample.take("after " + (done + count) + " requests");
                    heap.add(s);
                    System.out.println(s + ", pool " + PoolStats.total(http.poolStats()));
                }
                failedOver = backupServed.get();
                assertEquals(0, unexpected.get(), "only the injected failures");
                assertEquals(0, PoolStats.total(http.poolStats()).leased());
            }
            long keptMs = (System.nanoTime() - start) / 1_000_000;

            long unkeptStart = System.nanoTime();
            try (dev.httpcon.core.HttpConCore http = dev.httpcon.core.HttpConCore.start(settings(primary, backup, deadPort, false),
                    MetricsRecorder.NOOP)) {
                AtomicInteger unexpected = new AtomicInteger();
                run(http.connection("main"), UNKEPT, unexpected, new AtomicInteger());
                assertEquals(0, unexpected.get(), "only the injected failures, connections not kept");
                assertEquals(0, PoolStats.total(http.poolStats()).leased());
                System.out.println(Sample.take("after " + UNKEPT + " requests without keep_connections"));
            }
            long unkeptMs = (System.nanoTime() - unkeptStart) / 1_000_000;

            Sample end = Sample.settle(baseline);
            long growth = heap.get(heap.size() - 1).heapBytes - heap.get(0).heapBytes;
            System.out.printf("SOAK %d requests kept (%d failed over) in %d s (%.0f/s); %d not kept in %d s;"
                            + " heap after GC %s -> %s (growth %+.1f MiB); threads %d -> %d; fds %d -> %d%n",
                    REQUESTS, failedOver, keptMs / 1000, REQUESTS * 1000.0 / keptMs, UNKEPT, unkeptMs / 1000,
                    mib(heap.get(0).heapBytes), mib(heap.get(heap.size() - 1).heapBytes), growth / 1048576.0,
                    baseline.threads, end.threads, baseline.fds, end.fds);

            assertEquals(expectedFailovers, failedOver, "1 in 50 failed over");
            assertTrue(growth < FLAT_BYTES, "heap after GC grew by " + growth + " bytes");
            assertEquals(baselineThreads, Sample.threadNames(), "live threads back to the baseline");
            // At most the baseline: a descriptor the JVM had open at the start (a jar, a selector) may
            // be gone by the end; one more would be a leak.
            assertTrue(end.fds <= baseline.fds, "open file descriptors back to the baseline: " + end.fds);
        }
    }

    private static HttpConSettings settings(ReferenceServer primary, ReferenceServer backup, int deadPort,
                                            boolean keep) {
        return SettingsLoader.load(new MapConfigView(Map.of(
                "httpclient.keep_connections", keep ? "1" : "0",
                "httpclient.connection_timeout", "30s",
                "httpclient.httpcon", "main=>" + primary.url() + ";failover=dead,"
                        + "dead=>http://127.0.0.1:" + deadPort + ";failover=backup,"
                        + "backup=>" + backup.url())));
    }

    /** {@code count} requests spread over the threads; 1 in 50 goes through the whole failover chain. */
    private static void run(HttpConnection main, int count, AtomicInteger unexpected, AtomicInteger backupServed)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    boolean flaky = i % 50 == 3;
                    var r = main.get(flaky ? "/flaky" : "/ok");
                    if (r.code() != 200 || !(flaky ? "backup" : "main").equals(r.servedBy())) {
                        if (unexpected.incrementAndGet() <= 10) {
                            System.out.println("UNEXPECTED " + r + " " + r.attempts());
                        }
                    } else if (flaky) {
                        backupServed.incrementAndGet();
                    }
                }
            }));
        }
        threads.shutdown();
        assertTrue(threads.awaitTermination(30, TimeUnit.MINUTES));
        for (Future<?> f : done) {
            f.get();
        }
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    /** Heap in use after a full GC, live threads, open file descriptors. */
    record Sample(String when, long heapBytes, int threads, int fds) {

        static Sample take(String when) throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(50);
            }
            return new Sample(when, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    threadNames().size(), openFds());
        }

        /**
         * The live threads but the test servers' own: Jetty's pool ({@code refserver}) grows under
         * load and shrinks a minute later, and its {@code Scheduler-} thread starts with the first
         * idle timeout; that is the server's business, not httpcon's.
         */
        static List<String> threadNames() {
            return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> !n.startsWith("refserver") && !n.startsWith("Scheduler-")).sorted().toList();
        }

        /** Waits up to 10 s for threads and descriptors to come back to {@code baseline} (they close asynchronously). */
        static Sample settle(Sample baseline) throws InterruptedException {
            Sample s = take("end (httpcon closed)");
            for (int i = 0; i < 100 && (s.threads != baseline.threads || s.fds > baseline.fds); i++) {
                Thread.sleep(100);
                s = take("end (httpcon closed)");
            }
            return s;
        }

        private static int openFds() {
            String[] open = new File("/proc/self/fd").list();
            return open == null ? -1 : open.length;
        }

        @Override
        public String toString() {
            return String.format("SOAK %s: heap after GC %s, %d threads, %d fds", when, mib(heapBytes), threads, fds);
        }
    }
}
