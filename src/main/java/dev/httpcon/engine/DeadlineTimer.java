package dev.httpcon.engine;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread of an engine that fires the {@link Deadline}s of its attempts.
 *
 * <p>Why not a {@code ScheduledThreadPoolExecutor}: scheduling a task that becomes the earliest in
 * its queue wakes the timer thread, and with one caller (or few) every request's task is the
 * earliest, because the previous one was cancelled and removed. That wake-up per request (a
 * context switch, on a machine that is also running the server) cost a quarter of the throughput
 * of a keep-alive GET in {@code bench/} (see {@code bench/RESULTS.md}).
 *
 * <p>Here an attempt only adds its deadline to a concurrent set and removes it when it ends. The
 * thread sleeps until the earliest deadline it knows of; when it wakes, it fires the deadlines
 * that have passed and sleeps until the earliest one left. Since most attempts end long before
 * their deadline, it wakes about once per timeout period under steady load, not once per request.
 * An attempt wakes it only when its deadline is earlier than the planned wake-up (the first
 * attempt after an idle spell, or a shorter timeout than the others).
 *
 * <p>A cancel runs HttpClient's code (and whatever it calls) on this thread: whatever it throws is
 * caught per deadline, so one failing cancel never stops the deadlines of every later attempt.
 * Each kind of failure is logged once.
 */
final class DeadlineTimer implements AutoCloseable {

    /** How long the thread sleeps when nothing is watched (it is woken by the next attempt). */
    private static final long IDLE_NANOS = TimeUnit.HOURS.toNanos(1);

    private static final System.Logger LOG = System.getLogger(DeadlineTimer.class.getName());

    /** How many kinds of cancel failure are remembered (and logged once each); later kinds are not logged. */
    private static final int MAX_LOGGED_KINDS = 32;

    private final Set<Deadline> active = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    /** The thread starts with the first deadline: an engine that never sends has none. */
    private final AtomicBoolean started = new AtomicBoolean();
    /** The {@code System.nanoTime()} at which the thread will next look at {@link #active}. */
    private volatile long wakeAt;
    private volatile boolean closed;
    /** The kinds (class names) of cancel failures logged so far: each is logged once per engine. */
    private final Set<String> loggedFailures = ConcurrentHashMap.newKeySet();

    DeadlineTimer() {
        this.wakeAt = System.nanoTime() + IDLE_NANOS;
        this.thread = new Thread(this::run, "httpcon-deadline");
        thread.setDaemon(true);
    }

    /** Watches {@code deadline} until {@link #remove}; false if the timer is closed. */
    boolean add(Deadline deadline) {
        if (closed) {
            return false;
        }
        if (!started.get() && started.compareAndSet(false, true)) {
            thread.start();
        }
        active.add(deadline);
        // After the add, so that either this read sees the thread's latest plan or the thread's
        // second look (after writing that plan) sees this deadline: see run().
        if (deadline.endNanos() - wakeAt < 0) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /** Stops watching {@code deadline} (its attempt is over). */
    void remove(Deadline deadline) {
        active.remove(deadline);
    }

    private void run() {
        while (!closed) {
            long now = System.nanoTime();
            long next = now + IDLE_NANOS;
            for (Deadline d : active) {
                long end = d.endNanos();
                if (end - now <= 0) {
                    active.remove(d);
                    expire(d);
                } else if (end - next < 0) {
                    next = end;
                }
            }
            wakeAt = next;
            // An add() that ran during the sweep may have compared against the previous plan and
            // not woken us: look once more now that the new plan is published.
            for (Deadline d : active) {
                if (d.endNanos() - next < 0) {
                    next = d.endNanos();
                }
            }
            wakeAt = next;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Fires {@code d}; nothing it throws may end this thread, which every later deadline needs. */
    private void expire(Deadline d) {
        try {
            d.expire();
        } catch (Throwable t) {   // third-party code: the thread must go on whatever happened
            String kind = t.getClass().getName();
            if (loggedFailures.size() < MAX_LOGGED_KINDS && loggedFailures.add(kind)) {
                LOG.log(Level.WARNING, "cancelling a request at its deadline threw " + kind
                        + "; the deadline timer goes on (later failures of this kind are not logged)", t);
            }
        }
    }

    /** Stops the thread; deadlines still watched never fire (their clients are being closed). */
    @Override
    public void close() {
        closed = true;
        active.clear();
        LockSupport.unpark(thread);
    }
}
