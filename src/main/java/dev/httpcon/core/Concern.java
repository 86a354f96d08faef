package dev.httpcon.core;

/**
 * The concerns the core composes around the attempts of a call, in their one order, outermost
 * first (see {@link Pipeline}). The CDI interceptors' priorities are these positions, so a
 * container nests them exactly as the plain-Java pipeline does.
 */
public enum Concern {

    /**
     * Remembers, per thread, the effective URL and content type of the result the caller gets.
     * Outermost: after failover it describes the response the caller actually holds.
     */
    REDIRECT_CAPTURE(Position.REDIRECT_CAPTURE),

    /**
     * On a failed attempt (curl error or status of 500 or more) sends the same request through
     * the failover connection, whose own concerns take the next hop.
     */
    FAILOVER(Position.FAILOVER),

    /**
     * Counts and times each attempt on the connection that made it (listcon counts and the
     * {@link MetricsRecorder}). Innermost on purpose: outside failover it would credit a failed
     * primary with its backup's success.
     */
    MEASUREMENTS(Position.MEASUREMENTS);

    /**
     * The positions as compile-time constants, for annotations that cannot read an enum (a CDI
     * interceptor's {@code @Priority}). A lower position runs outside a higher one. Gaps are left
     * for concerns still to come (per-attempt gates such as connection health and an overload
     * guard go between {@link #FAILOVER} and {@link #MEASUREMENTS}).
     */
    public static final class Position {
        public static final int REDIRECT_CAPTURE = 100;
        public static final int FAILOVER = 200;
        public static final int MEASUREMENTS = 300;

        private Position() {
        }
    }

    private final int position;

    Concern(int position) {
        this.position = position;
    }

    /** Where this concern runs: a lower position runs outside a higher one. */
    public int position() {
        return position;
    }
}
