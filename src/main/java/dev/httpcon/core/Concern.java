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
     * The call's time budget, per attempt: applies the connection's {@code total_timeout} from the
     * moment the hop starts, and answers 28 at once, nothing sent, when the call's deadline has
     * already passed. Inside failover, so that the budget of a hop's own connection counts from
     * that hop; the attempt itself gets the smaller of its {@code timeout} and what is left.
     */
    BUDGET(Position.BUDGET),

    /**
     * Connection health: a DISABLED or NOTREACHABLE connection is skipped (code 7, nothing sent),
     * and each attempt's outcome moves its state. A gate inside failover, so a skipped connection
     * fails over at once; outside measurements, so a skip is not counted as an attempt.
     */
    HEALTH(Position.HEALTH),

    /**
     * The overload guard of {@code max_concurrent}: a call beyond it is refused at once (code 89,
     * nothing sent, no thread held) and fails over. Inside health, so a skipped connection takes
     * no permit.
     */
    OVERLOAD_GUARD(Position.OVERLOAD_GUARD),

    /**
     * Counts and times each attempt on the connection that made it (listcon counts and the
     * {@link MetricsRecorder}). Innermost on purpose: outside failover it would credit a failed
     * primary with its backup's success.
     */
    MEASUREMENTS(Position.MEASUREMENTS);

    /**
     * The positions as compile-time constants, for annotations that cannot read an enum (a CDI
     * interceptor's {@code @Priority}). A lower position runs outside a higher one. The per-attempt
     * gates sit between {@link #FAILOVER} and {@link #MEASUREMENTS}, with gaps left for more.
     */
    public static final class Position {
        public static final int REDIRECT_CAPTURE = 100;
        public static final int FAILOVER = 200;
        public static final int BUDGET = 220;
        public static final int HEALTH = 240;
        public static final int OVERLOAD_GUARD = 260;
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
