package dev.httpcon.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code threads} threads each send a request as soon as the previous one is
 * answered. Requests that start after the warm-up and end before the window closes are counted and
 * their latency recorded (one histogram per thread, merged at the end: no shared state on the hot
 * path). The load stops by itself after warm-up plus window.
 *
 * <p>Each thread also reads its own CPU time and allocated bytes when it starts its first request
 * of the window and when it stops (after the request that crossed the window's end): the sums,
 * divided by the counted requests, are what a request costs the calling threads. They leave out
 * the JVM's own threads (GC, JIT) and, per thread, count at most one request more than the window
 * (the one that ended after it), which is noise at the hundreds of requests a thread makes.
 */
final class ClosedLoop {

    /** Latencies up to 60 s, three significant digits. */
    private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(60);

    private ClosedLoop() {
    }

    static Measurement run(Subject subject, int threads, double warmupSeconds, double measureSeconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long from = start + (long) (warmupSeconds * 1e9);
        long to = from + (long) (measureSeconds * 1e9);
        List<Histogram> histograms = new ArrayList<>();
        long[] errors = new long[threads];
        long[] cpu = new long[threads];
        long[] alloc = new long[threads];
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Histogram h = new Histogram(MAX_NANOS, 3);
            histograms.add(h);
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    loop(subject, h, errors, cpu, alloc, index, from, to);
                } finally {
                    done.countDown();
                }
            }, "load-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
        if (!done.await((long) (warmupSeconds + measureSeconds) + 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the load did not stop: a request hangs");
        }
        Histogram all = new Histogram(MAX_NANOS, 3);
        histograms.forEach(all::add);
        long failed = 0;
        for (long e : errors) {
            failed += e;
        }
        long cpuNanos = 0;
        long allocated = 0;
        for (int i = 0; i < threads; i++) {
            cpuNanos += cpu[i];
            allocated += alloc[i];
        }
        boolean measured = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadAllocatedMemorySupported();
        return new Measurement(all.getTotalCount(), (to - from) / 1e9, micros(all, 50), micros(all, 99),
                micros(all, 99.9), failed, measured ? cpuNanos : -1, measured ? allocated : -1);
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static void loop(Subject subject, Histogram h, long[] errors, long[] cpu, long[] alloc, int index,
                             long from, long to) {
        boolean inWindow = false;
        while (true) {
            long t0 = System.nanoTime();
            if (t0 >= to) {
                if (inWindow) {
                    cpu[index] += THREADS.getCurrentThreadCpuTime();
                    alloc[index] += THREADS.getCurrentThreadAllocatedBytes();
                }
                return;
            }
            if (!inWindow && t0 >= from) {
                inWindow = true;
                cpu[index] -= THREADS.getCurrentThreadCpuTime();
                alloc[index] -= THREADS.getCurrentThreadAllocatedBytes();
            }
            boolean ok;
            try {
                ok = subject.call();
            } catch (Exception e) {
                ok = false;
            }
            long t1 = System.nanoTime();
            if (t0 >= from && t1 <= to) {
                if (ok) {
                    h.recordValue(Math.min(t1 - t0, MAX_NANOS));
                } else {
                    errors[index]++;
                }
            }
        }
    }

    private static double micros(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
