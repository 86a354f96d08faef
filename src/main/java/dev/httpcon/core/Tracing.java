package dev.httpcon.core;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.util.function.BiConsumer;

/**
 * The tracing side of a measurement back end ({@link MetricsRecorder#tracing()}): spans need to
 * know when things start, not only what they gave. The core calls it on the caller's thread:
 *
 * <ul>
 *   <li>{@link #startCall}/{@link #endCall} around a whole call on a connection that names a
 *       failover (its attempts on every connection of the chain are children of that span): a
 *       span's parent is fixed when it starts, so the grouping span must be open before the first
 *       attempt, whether or not the call will fail over;</li>
 *   <li>{@link #startRequest}/{@link #endRequest} around each HTTP request on the wire (the first,
 *       each redirect, a re-send), with {@link Measurement}'s request fields filled in.</li>
 * </ul>
 * Handles are the back end's own objects (a span), kept by the core and handed back. At most one
 * tracing back end runs per deployment: trace context comes from one place. Implementations must
 * be fast, thread-safe and never throw.
 */
public interface Tracing {

    /**
     * A call on {@code connection} that may fail over begins.
     *
     * @return the handle of the call's span, handed to {@link #startRequest} and {@link #endCall}
     */
    Object startCall(String connection, HttpRequest request);

    /** The call begun by {@link #startCall} ends with {@code result} (after every failover hop). */
    void endCall(Object call, HttpResult result);

    /**
     * A request of {@code attempt} is about to go on the wire: its method, URL and resend count are
     * set. Starts its span, a child of {@code call}'s span if there is one, else of the caller's
     * current context.
     *
     * @param call    the handle from {@link #startCall}, or {@code null}
     * @param headers adds a header to the request (trace context); {@code null} when the connection
     *                does not propagate trace context ({@code propagate_trace=0})
     * @return the request's handle, handed to {@link #endRequest}
     */
    Object startRequest(Measurement attempt, Object call, BiConsumer<String, String> headers);

    /** The request begun by {@link #startRequest} ended: {@code attempt}'s request fields say how. */
    void endRequest(Object request, Measurement attempt);
}
