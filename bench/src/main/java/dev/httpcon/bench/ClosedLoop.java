package dev.httpcon.bench;

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
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Histogram h = new Histogram(MAX_NANOS, 3);
            histograms.add(h);
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    loop(subject, h, errors, index, from, to);
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
        return new Measurement(all.getTotalCount(), (to - from) / 1e9, micros(all, 50), micros(all, 99),
                micros(all, 99.9), failed);
    }

    private static void loop(Subject subject, Histogram h, long[] errors, int index, long from, long to) {
        while (true) {
            long t0 = System.nanoTime();
            if (t0 >= to) {
                return;
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
