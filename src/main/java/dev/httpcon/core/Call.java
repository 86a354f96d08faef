package dev.httpcon.core;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;

/**
 * One call on one connection as it goes through the concerns: the request, the connection's
 * runtime as it was when the call started, the generation of the configuration the call started
 * on, and what the stages note on the way. A failover hop is a new {@code Call} on the next
 * connection of the same generation, made from this one ({@link #next}), so whatever belongs to
 * the whole call (a budget for every hop, the attempts made so far) is handed on there, and a
 * reload in the middle of a call does not change the settings it finishes on.
 *
 * <p>Made only by the core: an application cannot make one, so it cannot reach the attempt
 * without the concerns. Not thread-safe: one call runs on one thread at a time.
 */
public final class Call {

    private final ConnectionRuntime runtime;
    private final HttpRequest request;
    private final ConnectionRegistry generation;
    private final HttpConCore core;

    /** When the measured attempt started ({@link System#nanoTime()}), set by the measurements stage. */
    long started;

    Call(ConnectionRuntime runtime, HttpRequest request, ConnectionRegistry generation, HttpConCore core) {
        this.runtime = runtime;
        this.request = request;
        this.generation = generation;
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

    /** This call, continued on another connection (a failover hop). */
    Call next(ConnectionRuntime to) {
        return new Call(to, request, generation, core);
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

    @Override
    public String toString() {
        return "Call[" + runtime.name() + " " + request + "]";
    }
}
