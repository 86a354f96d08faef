package dev.httpcon.core;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;

/**
 * One call on one connection as it goes through the concerns: the request, the connection's
 * runtime as it was when the call started, and what the stages note on the way. A failover hop is
 * a new {@code Call} on the next connection, made from this one ({@link #next}), so whatever
 * belongs to the whole call (a budget for every hop, the attempts made so far) is handed on there.
 *
 * <p>Made only by the core: an application cannot make one, so it cannot reach the attempt
 * without the concerns. Not thread-safe: one call runs on one thread at a time.
 */
public final class Call {

    private final ConnectionRuntime runtime;
    private final HttpRequest request;
    private final HttpConCore core;

    /**
     * The attempt's measurement, only when a back end is present (made by the measurements stage;
     * kept after the attempt, for a failover hop to continue the count of requests).
     */
    Measurement measurement;
    /** What the call carries across hops, {@code null} on a call's first connection without a tracing back end. */
    CallTrace trace;

    Call(ConnectionRuntime runtime, HttpRequest request, HttpConCore core) {
        this.runtime = runtime;
        this.request = request;
        this.core = core;
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

    /** This call, continued on another connection (a failover hop): what belongs to the whole call goes along. */
    Call next(ConnectionRuntime to) {
        Call hop = new Call(to, request, core);
        hop.trace = new CallTrace(runtime.name());
        hop.trace.sent = sent();
        if (trace != null) {
            hop.trace.tracing = trace.tracing;
            hop.trace.span = trace.span;
        }
        return hop;
    }

    /** Sends this call's request through {@code connection}'s front door: all its concerns apply. */
    HttpResult hop(String connection) {
        return core.front(connection).hop(this);
    }

    @Override
    public String toString() {
        return "Call[" + runtime.name() + " " + request + "]";
    }
}
