package dev.httpcon.engine;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.util.Timeout;

/**
 * The total time budget of one attempt (connect, send, receive, every redirect hop and auth round
 * trip), as libcurl's {@code CURLOPT_TIMEOUT}.
 *
 * <p>Socket timeouts alone cannot enforce it: a server that sends one byte a second never lets a
 * read time out. So the engine's {@link DeadlineTimer} fires at the deadline and cancels the request
 * in flight, which closes its socket and unblocks the calling thread. Socket, connect and pool timeouts are set to
 * the remaining time as well, as a safety net.
 */
final class Deadline implements AutoCloseable {

    /**
     * The one "no deadline" of every attempt with timeout 0: immutable. Nothing cancels such an
     * attempt, so it needs neither a request to cancel nor a lock: {@link #guard} and
     * {@link #close} do nothing for it (a shared lock would serialise every thread of every
     * timeout-0 connection, and a shared field would keep one attempt's request alive).
     */
    private static final Deadline NONE = new Deadline(0, null);

    private final long endNanos;
    private final long budgetMillis;
    private final DeadlineTimer timer;
    private volatile boolean expired;
    private volatile Cancellable current;
    /** Whether the timer is inside {@link #expire} (cancelling {@link #current}). */
    private volatile boolean cancelling;
    /** The thread waiting in {@link #close} for that cancel to end, or null. */
    private volatile Thread closer;

    private Deadline(long budgetMillis, DeadlineTimer timer) {
        this.budgetMillis = budgetMillis;
        this.endNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        this.timer = timer;
    }

    /**
     * A deadline {@code budget} from now, watched by {@code timer}; {@link Duration#ZERO} means none.
     *
     * @throws RejectedExecutionException if the timer is closed (the engine is closed)
     */
    static Deadline start(Duration budget, DeadlineTimer timer) {
        if (budget.isZero()) {
            return NONE;
        }
        Deadline d = new Deadline(Math.max(1, budget.toMillis()), timer);
        if (!timer.add(d)) {
            throw new RejectedExecutionException("the deadline timer is closed");
        }
        return d;
    }

    /** When the deadline passes, in {@link System#nanoTime()}. */
    long endNanos() {
        return endNanos;
    }

    /** Whether there is a deadline at all. */
    boolean isSet() {
        return timer != null;
    }

    /** The budget in milliseconds (0 when there is none). */
    long budgetMillis() {
        return budgetMillis;
    }

    /** Whether the deadline has passed. */
    boolean expired() {
        return expired || (timer != null && System.nanoTime() - endNanos >= 0);
    }

    /** The time left, at least 1 ms; {@link Timeout#INFINITE} when there is no deadline. */
    Timeout remaining() {
        if (timer == null) {
            return Timeout.INFINITE;
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime());
        return Timeout.ofMilliseconds(Math.max(1, ms));
    }

    /**
     * Makes {@code request} the one to cancel at the deadline (replacing the previous one); if the
     * deadline has already passed it is cancelled right away. No lock: this writes the request and
     * then reads the flag, {@link #expire} writes the flag and then reads the request, so one of
     * the two always cancels it (a second cancel does nothing).
     */
    void guard(Cancellable request) {
        if (timer == null) {
            return;   // nothing will ever cancel it: NONE keeps no state (it is shared)
        }
        current = request;
        if (expired()) {
            request.cancel();
        }
    }

    /**
     * Called by the timer thread at the deadline. The cancel closes the socket, which wakes the
     * caller at once, and then hands the connection back to the pool; {@link #close()} waits for
     * it to finish.
     */
    void expire() {
        cancelling = true;
        try {
            expired = true;
            Cancellable c = current;
            if (c != null) {
                c.cancel();
            }
        } finally {
            cancelling = false;
            Thread waiting = closer;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
    }

    /**
     * Ends the attempt's deadline. If the timer is cancelling the request right now, waits until
     * it is done: otherwise the caller could get its result while its pooled connection is still
     * being handed back (a leased connection after the attempt, and a wait for the next one).
     *
     * <p>The wait parks the thread (no monitor, no lock): a virtual thread waiting here gives its
     * carrier back. Written in the order opposite to {@link #expire}'s (the flag is read after the
     * waiter is published), so the timer either sees the waiter and wakes it or has already
     * cleared the flag.
     */
    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        detach();
        if (cancelling) {
            closer = Thread.currentThread();
            while (cancelling) {
                LockSupport.park(this);
            }
            closer = null;
        }
    }

    /**
     * Ends the attempt's deadline without waiting for a cancel in progress: for the asynchronous
     * driver, which is told by the cancelled exchange itself when its connection is released, and
     * whose threads (I/O reactor threads among them) must never wait here.
     */
    void detach() {
        if (timer == null) {
            return;
        }
        current = null;
        timer.remove(this);
    }
}
