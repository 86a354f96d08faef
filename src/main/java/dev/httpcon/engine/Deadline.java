package dev.httpcon.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.util.Timeout;

/**
 * The total time budget of one attempt (connect, send, receive, every redirect hop and auth round
 * trip), as libcurl's {@code CURLOPT_TIMEOUT}.
 *
 * <p>Socket timeouts alone cannot enforce it: a server that sends one byte a second never lets a
 * read time out. So a shared timer fires at the deadline and cancels the request in flight, which
 * closes its socket and unblocks the calling thread. Socket, connect and pool timeouts are set to
 * the remaining time as well, as a safety net.
 */
final class Deadline implements AutoCloseable {

    private static final AtomicLong SEQUENCE = new AtomicLong();   // before NONE, which uses it
    private static final Deadline NONE = new Deadline(0, null);

    private final long endNanos;
    private final long sequence;
    private final long budgetMillis;
    private final DeadlineTimer timer;
    private volatile boolean expired;
    private volatile Cancellable current;

    private Deadline(long budgetMillis, DeadlineTimer timer) {
        this.budgetMillis = budgetMillis;
        this.endNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        this.sequence = SEQUENCE.incrementAndGet();
        this.timer = timer;
    }

    /**
     * A deadline {@code budget} from now, watched by {@code timer}; {@link Duration#ZERO} means none.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the timer is closed
     */
    static Deadline start(Duration budget, DeadlineTimer timer) {
        if (budget.isZero()) {
            return NONE;
        }
        Deadline d = new Deadline(Math.max(1, budget.toMillis()), timer);
        timer.add(d);
        return d;
    }

    /** When the budget ends, in {@link System#nanoTime()} terms. */
    long endNanos() {
        return endNanos;
    }

    /** Creation order, to tell apart deadlines that end in the same nanosecond. */
    long sequence() {
        return sequence;
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
     * deadline has already passed it is cancelled right away.
     */
    void guard(Cancellable request) {
        current = request;
        if (expired()) {
            request.cancel();
        }
    }

    /** Called by the timer at the deadline: cancels the request in flight. */
    void expire() {
        expired = true;
        Cancellable c = current;
        if (c != null) {
            c.cancel();
        }
    }

    @Override
    public void close() {
        current = null;
        if (timer != null) {
            timer.remove(this);
        }
    }
}
