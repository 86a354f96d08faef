package dev.httpcon.engine;

import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that cancels requests at their deadlines.
 *
 * <p>Almost every deadline ends unused: the request finishes long before it. A
 * {@code ScheduledThreadPoolExecutor} woke its thread for nearly every request (each new task was
 * the head of an emptied queue), which cost a thread wake-up and a context switch per request,
 * about 20 µs of CPU on a small virtual machine (bench/RESULTS.md, SIP race). Here the thread
 * sleeps until the earliest pending deadline and is woken only when a new deadline is earlier
 * than that; a deadline that ends unused is just removed. Under a steady load the thread wakes
 * about once per timeout period instead of once per request, and deadlines still fire on time.
 */
final class DeadlineTimer implements AutoCloseable {

    /** {@link #wakeAt} while the thread waits for any deadline at all. */
    private static final long IDLE = Long.MAX_VALUE;

    /** Earliest end first (nanoTime values compare by their difference), then in creation order. */
    private static final Comparator<Deadline> BY_END = (a, b) -> {
        int c = Long.signum(a.endNanos() - b.endNanos());
        return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
    };

    private final ConcurrentSkipListSet<Deadline> pending = new ConcurrentSkipListSet<>(BY_END);
    private final Thread thread;
    private volatile long wakeAt = IDLE;
    private volatile boolean closed;

    DeadlineTimer(String threadName) {
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Watches {@code d} until {@link #remove}; calls {@link Deadline#expire()} at its end.
     *
     * @throws RejectedExecutionException after {@link #close()}
     */
    void add(Deadline d) {
        if (closed) {
            throw new RejectedExecutionException("the deadline timer is closed");
        }
        pending.add(d);
        long w = wakeAt;
        if (w == IDLE || d.endNanos() - w < 0) {
            LockSupport.unpark(thread);
        }
    }

    /** Stops watching {@code d} (it ended before its deadline). Never wakes the thread. */
    void remove(Deadline d) {
        pending.remove(d);
    }

    private void run() {
        while (!closed) {
            Deadline first = first();
            if (first == null) {
                wakeAt = IDLE;
                if (first() == null && !closed) {   // re-check: add() may have missed the new IDLE
                    LockSupport.park(this);
                }
                continue;
            }
            long wait = first.endNanos() - System.nanoTime();
            if (wait <= 0) {
                if (pending.remove(first)) {
                    first.expire();
                }
                continue;
            }
            wakeAt = first.endNanos();
            // An earlier deadline added before wakeAt was written may not have woken us: look again.
            Deadline again = first();
            if (again == first) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    private Deadline first() {
        try {
            return pending.first();
        } catch (NoSuchElementException empty) {
            return null;
        }
    }

    /** Stops the thread; later {@link #add} calls are rejected. Pending deadlines never fire. */
    @Override
    public void close() {
        closed = true;
        pending.clear();
        LockSupport.unpark(thread);
    }
}
