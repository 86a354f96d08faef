package dev.httpcon.core;

/**
 * What a call keeps across its failover hops for the measurements: made only for a hop (with the
 * connection it failed over from) or, when a back end traces, for the call's span. A call on one
 * connection without a tracing back end never makes one, so {@link Call} stays as small as it was
 * before there were measurements to carry.
 */
final class CallTrace {

    /** The connection whose failed attempt led to this hop, {@code null} for the connection called. */
    final String previous;
    /** HTTP requests sent so far by the whole call: the next one's resend count. */
    int sent;
    /** The tracing that opened the call's span, and the span's handle; {@code null} if none is open. */
    Tracing tracing;
    Object span;

    CallTrace(String previous) {
        this.previous = previous;
    }
}
