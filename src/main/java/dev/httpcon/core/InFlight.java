package dev.httpcon.core;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the calls in flight on one generation of the configuration, so that what only that
 * generation uses (transports, pools) is closed once it is retired by a reload and its last call
 * has ended, and never under a call.
 *
 * <p>Every call enters and exits once. Enters and exits are counted apart, each in one of a few
 * slots picked by thread and padded to a cache line of its own, so that threads on other cores
 * do not fight over one counter on every call (a call may exit on another thread than it
 * entered on: only the sums matter). The generation is drained when, after it was retired, the
 * exits add up to the enters.
 *
 * <p>Why that is safe without a lock: a call increments its enter slot and only then reads
 * {@code retired}; a retirement sets {@code retired} and only then sums, exits first. All of these
 * are volatile accesses, which Java orders one total way. So either the call sees the retirement
 * (it backs out at once and takes the current generation instead), or the sum sees its enter (and
 * the generation is not drained before it exits). Exits are summed before enters, so an exit seen
 * always has its enter seen too: the sums can be equal only when nothing is in flight.
 */
final class InFlight {

    private static final int SLOTS = 16;
    /** Longs per slot: 64 bytes, one cache line. */
    private static final int PAD = 8;

    private final AtomicLongArray enters = new AtomicLongArray(SLOTS * PAD);
    private final AtomicLongArray exits = new AtomicLongArray(SLOTS * PAD);
    private final AtomicBoolean drained = new AtomicBoolean();
    private final Runnable onDrained;
    private volatile boolean retired;

    /** @param onDrained run once, by whichever thread sees the generation retired with nothing in flight */
    InFlight(Runnable onDrained) {
        this.onDrained = onDrained;
    }

    /**
     * Enters a call; false if the generation is retired (the call must take the current one): the
     * enter is then undone already.
     */
    boolean enter() {
        int slot = slot();
        enters.getAndIncrement(slot);
        if (retired) {
            exits.getAndIncrement(slot);
            drainIfIdle();
            return false;
        }
        return true;
    }

    /** Ends a call that {@link #enter() entered}. */
    void exit() {
        exits.getAndIncrement(slot());
        if (retired) {
            drainIfIdle();
        }
    }

    /** No call enters any more; runs {@code onDrained} now if nothing is in flight, else at the last exit. */
    void retire() {
        retired = true;
        drainIfIdle();
    }

    boolean isRetired() {
        return retired;
    }

    boolean isDrained() {
        return drained.get();
    }

    /** The calls in flight right now (a moment's view, for statistics). */
    long count() {
        long out = sum(exits);
        return Math.max(0, sum(enters) - out);
    }

    private void drainIfIdle() {
        long out = sum(exits);
        long in = sum(enters);
        if (in == out && drained.compareAndSet(false, true)) {
            onDrained.run();
        }
    }

    private static long sum(AtomicLongArray a) {
        long s = 0;
        for (int i = 0; i < SLOTS; i++) {
            s += a.get(i * PAD);
        }
        return s;
    }

    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is Java 19+; the library runs on 17
    private static int slot() {
        return (int) (Thread.currentThread().getId() & (SLOTS - 1)) * PAD;
    }
}
