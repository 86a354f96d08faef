package dev.httpcon.core;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * One call on one connection as it goes through the concerns: the request, the connection's
 * runtime as it was when the call started, the generation of the configuration the call started
 * on, and what the stages note on the way. A failover hop is a new {@code Call} on the next
 * connection of the same generation, made from this one ({@link #next}), which hands on what
 * belongs to the whole call: its generation (a reload in the middle of a call does not change the
 * settings it finishes on), its deadline (the budget every hop shares), how many attempts were
 * made before, what the measurements follow across hops ({@link CallTrace}) and, for an
 * asynchronous call, its future ({@link AsyncCall}).
 *
 * <p>Made only by the core: an application cannot make one, so it cannot reach the attempt
 * without the concerns. Not thread-safe: one call runs on one thread at a time (an asynchronous
 * call passes from thread to thread, each step after the last through its future).
 */
public final class Call {

    private final ConnectionRuntime runtime;
    private final HttpRequest request;
    private final ConnectionRegistry generation;
    private final HttpConCore core;
    /** The future and shared state of an asynchronous call, every hop's; {@code null} for a blocking call. */
    final AsyncCall async;

    /** Whether the call has a deadline ({@link #deadline}): the request's own, or a {@code total_timeout}. */
    boolean hasDeadline;
    /** When ({@link System#nanoTime()}) the whole call must end, every hop included. */
    long deadline;
    /** The connection whose {@code total_timeout} set {@link #deadline}; {@code null}: the request's own. */
    String budgetOf;
    /** Attempts made on earlier hops of this call (skipped and refused ones not included). */
    final int attemptsBefore;

    /** Whether this hop's attempt was made (the measurements stage was entered). */
    boolean attempted;
    /** Whether this hop's attempt had less than the connection's {@code timeout}: the call's deadline was nearer. */
    boolean capped;
    /** Whether health let this hop through as the trial call of a NOTREACHABLE connection. */
    boolean trial;
    /** Whether this hop holds a permit of the overload guard. */
    boolean permit;

    /**
     * The attempt's measurement, only when a back end is present (made by the measurements stage;
     * kept after the attempt, for a failover hop to continue the count of requests).
     */
    Measurement measurement;
    /** What the call carries across hops, {@code null} on a call's first connection without a tracing back end. */
    CallTrace trace;

    Call(ConnectionRuntime runtime, HttpRequest request, ConnectionRegistry generation, HttpConCore core) {
        this(runtime, request, generation, core, null);
    }

    /** A call whose attempts complete through {@code async} (null: a blocking call). */
    Call(ConnectionRuntime runtime, HttpRequest request, ConnectionRegistry generation, HttpConCore core,
         AsyncCall async) {
        this.runtime = runtime;
        this.request = request;
        this.generation = generation;
        this.core = core;
        this.async = async;
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
        this.async = from.async;
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

    /** The connection whose failed attempt led to this hop, or {@code null} for the connection called. */
    String previous() {
        return trace == null ? null : trace.previous;
    }

    /** Whether this is the call as the caller made it, not a failover hop of it. */
    boolean isFirst() {
        return previous() == null;
    }

    /** HTTP requests this call has sent so far, on every connection. */
    int sent() {
        if (trace != null) {
            return trace.sent;
        }
        return measurement == null ? 0 : measurement.requests();
    }

    /**
     * This call, continued on another connection (a failover hop): same deadline, attempts so far,
     * and what the measurements carry across hops (the requests sent, the call's span).
     */
    Call next(ConnectionRuntime to) {
        Call hop = new Call(this, to);
        hop.trace = new CallTrace(runtime.name());
        hop.trace.sent = sent();
        if (trace != null) {
            hop.trace.tracing = trace.tracing;
            hop.trace.span = trace.span;
        }
        return hop;
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

    /** {@link #hop} for an asynchronous call: the next connection's concerns run as the attempt completes. */
    CompletionStage<HttpResult> hopAsync(String connection) {
        ConnectionRuntime to = generation.runtime(connection);
        if (to == null) {   // cannot happen, as for hop
            return java.util.concurrent.CompletableFuture.completedFuture(HttpResult.invalid("no connection named '"
                    + connection + "' in generation " + generation.generation() + " of the configuration"));
        }
        return core.exchange(to).exchangeAsync(next(to));
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
