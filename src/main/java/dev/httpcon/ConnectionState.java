package dev.httpcon;

/**
 * The state of a named connection, as the original module declared it (and never used): whether
 * calls are sent to it.
 *
 * <pre>{@code
 * @Inject HttpConnections connections;
 *
 * if (connections.state("routing") == ConnectionState.NOTREACHABLE) {
 *     log.warn("routing API down; calls go straight to its failover");
 * }
 * connections.disable("routing");   // maintenance: every call skips it until enable("routing")
 * }</pre>
 *
 * <p>A connection that is not {@link #AVAILABLE} is skipped: nothing is sent to it, the call goes
 * straight to its {@code failover}, and with no failover left the result is code 7
 * ({@link CurlError#COULDNT_CONNECT}) at once, with a message naming the state. See
 * {@code docs/resilience.md}.
 */
public enum ConnectionState {

    /** Calls are sent to the connection. Every connection starts here. */
    AVAILABLE,

    /**
     * {@code health_failures} attempts in a row failed: calls skip the connection until a trial
     * call (after {@code health_retry}) or the background probe ({@code health_probe}) succeeds.
     */
    NOTREACHABLE,

    /** An operator took the connection out of service ({@code disable}); only {@code enable} brings it back. */
    DISABLED;

    /** Whether calls are sent to a connection in this state. */
    public boolean takesCalls() {
        return this == AVAILABLE;
    }
}
