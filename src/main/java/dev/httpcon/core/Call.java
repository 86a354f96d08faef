package dev.httpcon.core;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One call on one connection as it goes through the concerns: the request, the connection's
 * runtime as it was when the call started, the generation of the configuration the call started
 * on, and what the stages note on the way. A failover hop is a new {@code Call} on the next
 * connection of the same generation, made from this one ({@link #next}), which hands on what
 * belongs to the whole call: its generation (a reload in the middle of a call does not change the
 * settings it finishes on), its deadline (the budget every hop shares) and how many attempts were
 * made before.
 *
 * <p>Made only by the core: an application cannot make one, so it cannot reach the attempt
 * without the concerns. Not thread-safe: one call runs on one thread at a time.
 */
public final class Call {

    private final ConnectionRuntime runtime;
    private final HttpRequest request;
    private final ConnectionRegistry generation;
    private final HttpConCore core;

    /** Whether the call has a deadline ({@link #deadline}): the request's own, or a {@code total_timeout}. */
    boolean hasDeadline;
    /** When ({@link System#nanoTime()}) the whole call must end, every hop included. */
    long deadline;
    /** The connection whose {@code total_timeout} set {@link #deadline}; {@code null}: the request's own. */
    String budgetOf;
    /** Attempts made on earlier hops of this call (skipped and refused ones not included). */
    final int attemptsBefore;

    /** When the measured attempt started ({@link System#nanoTime()}), set by the measurements stage. */
    long started;
    /** Whether this hop's attempt was made (the measurements stage was entered). */
    boolean attempted;
    /** Whether this hop's attempt had less than the connection's {@code timeout}: the call's deadline was nearer. */
    boolean capped;
    /** Whether health let this hop through as the trial call of a NOTREACHABLE connection. */
    boolean trial;
    /** Whether this hop holds a permit of the overload guard. */
    boolean permit;

    Call(ConnectionRuntime runtime, HttpRequest request, ConnectionRegistry generation, HttpConCore core) {
        this.runtime = runtime;
        this.request = request;
        this.generation = generation;
        this.core = core;
        this.attemptsBefore = 0;
        OptionalLong at = request.deadlineNanoTime();
        Optional<Duration> timeout = request.timeout();
        if (timeout.isPresent()) {
            long end = System.nanoTime() + saturatedNanos(timeout.get());
            this.deadline = at.isPresent() ? earlier(at.getAsLong(), end) : end;
            this.hasDeadline = true;
        } else if (at.isPresent()) {
            this.deadline = at.getAsLong();
            this.hasDeadline = true;
        }
    }

    private Call(Call from, ConnectionRuntime to) {
        this.runtime = to;
        this.request = from.request;
        this.generation = from.generation;
        this.core = from.core;
        this.hasDeadline = from.hasDeadline;
        this.deadline = from.deadline;
        this.budgetOf = from.budgetOf;
        this.attemptsBefore = from.attemptsBefore + (from.attempted ? 1 : 0);
    }

    /** The runtime of the connection this call (or hop) is on. */
    ConnectionRuntime runtime() {
        return runtime;
    }

    /** The request, exactly as the caller made it; every hop re-sends it. */
    HttpRequest request() {
        return request;
    }

    /** This call, continued on another connection (a failover hop): same deadline, attempts so far. */
    Call next(ConnectionRuntime to) {
        return new Call(this, to);
    }

    /**
     * Sends this call's request through {@code connection}'s exchange, in the generation the call
     * started on: all its concerns apply.
     */
    HttpResult hop(String connection) {
        ConnectionRuntime to = generation.runtime(connection);
        if (to == null) {   // cannot happen: every generation's failover chains were validated
            return HttpResult.invalid("no connection named '" + connection + "' in generation "
                    + generation.generation() + " of the configuration");
        }
        return core.exchange(to).exchange(next(to));
    }

    /** Caps the call's deadline at {@code nanos} from {@code now}, for {@code connection}'s {@code total_timeout}. */
    void budget(long now, long nanos, String connection) {
        long end = now + nanos;
        if (!hasDeadline || end - deadline < 0) {
            hasDeadline = true;
            deadline = end;
            budgetOf = connection;
        }
    }

    /** Whether the call's deadline has passed at {@code now}. */
    boolean spent(long now) {
        return hasDeadline && now - deadline >= 0;
    }

    /** What set the deadline, for messages: {@code "total_timeout=1000ms of 'routing'"} or the request's own. */
    String budgetText() {
        if (budgetOf == null) {
            return "the request's deadline";
        }
        ConnectionRuntime owner = generation.runtime(budgetOf);
        return owner == null ? "the total_timeout of '" + budgetOf + "'"
                : "total_timeout=" + owner.settings().resilience().totalTimeout().toMillis() + "ms of '" + budgetOf + "'";
    }

    private static long earlier(long a, long b) {
        return a - b < 0 ? a : b;
    }

    /** The duration in nanoseconds, capped at about 73 years either way: no overflow when added to a nanoTime. */
    private static long saturatedNanos(Duration d) {
        long cap = Long.MAX_VALUE / 4;
        if (d.getSeconds() > cap / 1_000_000_000L) {
            return cap;
        }
        if (d.getSeconds() < -cap / 1_000_000_000L) {
            return -cap;
        }
        return d.toNanos();
    }

    @Override
    public String toString() {
        return "Call[" + runtime.name() + " " + request + "]";
    }
}
