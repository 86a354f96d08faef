package dev.httpcon.bench;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A completion pool for the {@code rawasynchopspin} subject of the {@code async} command: its idle
 * threads look for work for a while ({@code spinNanos}) before they park, and a task handed over
 * wakes a parked thread only when no thread is looking. It answers whether a hop off the I/O
 * thread gets cheaper when the thread it hands to is usually awake (no park and unpark per
 * result). Bench code, not httpcon's: it has no shutdown beyond {@link #close} and no bound.
 */
final class SpinningPool implements Executor, AutoCloseable {

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<Thread> parked = new ConcurrentLinkedDeque<>();
    /** Threads looking for work without parking; a task handed over wakes nobody while one is. */
    private final AtomicInteger searching = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger names = new AtomicInteger();
    private final int threads;
    private final long spinNanos;
    private volatile boolean closed;

    SpinningPool(int threads, long spinNanos) {
        this.threads = threads;
        this.spinNanos = spinNanos;
    }

    @Override
    public void execute(Runnable task) {
        queue.offer(task);
        // Ordering: a thread stops searching (decrement) before it parks and looks at the queue
        // once more after registering as parked, so a task offered before that decrement is seen
        // by the searcher and one offered after it finds the searcher registered in `parked`.
        if (searching.get() == 0) {
            wakeOne();
        }
    }

    private void wakeOne() {
        Thread t = parked.pollFirst();
        if (t != null) {
            LockSupport.unpark(t);
            return;
        }
        for (int n = live.get(); n < threads; n = live.get()) {
            if (live.compareAndSet(n, n + 1)) {
                Thread w = new Thread(this::work, "rawhopspin-" + names.incrementAndGet());
                w.setDaemon(true);
                w.start();
                return;
            }
        }
    }

    private void work() {
        Thread me = Thread.currentThread();
        while (true) {
            Runnable r = queue.poll();
            if (r == null && searching.get() == 0 && searching.compareAndSet(0, 1)) {
                // one searcher at a time: on two cores a second spinning thread only takes CPU
                long end = System.nanoTime() + spinNanos;
                while ((r = queue.poll()) == null && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                searching.decrementAndGet();
                if (r != null && !queue.isEmpty()) {
                    wakeOne();   // more work came: let another thread search while this one runs
                }
            }
            if (r != null) {
                r.run();
                continue;
            }
            if (closed) {
                live.decrementAndGet();
                return;
            }
            parked.addFirst(me);
            if (!queue.isEmpty() && parked.remove(me)) {
                continue;
            }
            LockSupport.parkNanos(this, 1_000_000_000L);
            parked.remove(me);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : parked) {
            LockSupport.unpark(t);
        }
    }
}
