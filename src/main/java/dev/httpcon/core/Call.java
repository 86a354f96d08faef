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
    /** The connection whose failed attempt led to this hop, {@code null} for the connection called. */
    private final String previous;

    /** When the measured attempt started ({@link System#nanoTime()}), set by the measurements stage. */
    long started;
    /** The attempt's measurement while it runs, only when a back end is present. */
    Measurement measurement;
    /** HTTP requests sent so far by the whole call, every hop's: the next one's resend count. */
    int sent;
    /** The tracing that opened the call's span, and that span's handle; {@code null} if none was opened. */
    Tracing tracing;
    Object trace;

    Call(ConnectionRuntime runtime, HttpRequest request, HttpConCore core) {
        this(runtime, request, core, null);
    }

    private Call(ConnectionRuntime runtime, HttpRequest request, HttpConCore core, String previous) {
        this.runtime = runtime;
        this.request = request;
        this.core = core;
        this.previous = previous;
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
        return previous;
    }

    /** Whether this is the call as the caller made it, not a failover hop of it. */
    boolean isFirst() {
        return previous == null;
    }

    /** This call, continued on another connection (a failover hop): what belongs to the whole call goes along. */
    Call next(ConnectionRuntime to) {
        Call hop = new Call(to, request, core, runtime.name());
        hop.sent = sent;
        hop.tracing = tracing;
        hop.trace = trace;
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
