package dev.httpcon.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Time in tests, one rule for all, so that no test fails because the machine is busy (a parallel
 * build, the collector, the JIT, both cores taken by another program), and none asserts a speed
 * (speed is measured in {@code bench/}):
 *
 * <ul>
 *   <li>A call that must end at its deadline may take up to the deadline plus {@link #SLACK}
 *       ({@link #assertEndedByDeadline}), against a server that would hold it for {@link #STALL}:
 *       only a deadline that is not enforced fails the check, never a slow machine.</li>
 *   <li>A call that must <em>not</em> time out gets a deadline of what its server takes plus at
 *       least {@link #SLACK} ({@link #IN_TIME} when the server answers at once).</li>
 *   <li>A lower bound only where it is the point (a deadline must not fire early), measured from
 *       before the call ({@link #assertNotBefore}): being slow cannot break it.</li>
 * </ul>
 *
 * <pre>{@code
 * Duration deadline = Duration.ofMillis(300);
 * Timing.Timed<HttpResult> t = Timing.time(() -> engine.execute(connectionWith(deadline), HttpRequest.get("/slow?s=30")));
 * assertEquals(28, t.value().code());
 * Timing.assertEndedByDeadline(t.elapsed(), deadline, t.value());
 * }</pre>
 */
public final class Timing {

    /**
     * What a busy 2-core machine may add to a step: the deadline's cancel runs on a timer thread,
     * and the thread it wakes must still be scheduled.
     */
    public static final Duration SLACK = Duration.ofSeconds(2);

    /** How long a stalling test server holds a request: many times any deadline plus {@link #SLACK}. */
    public static final Duration STALL = Duration.ofSeconds(30);

    /** The deadline of a call whose server answers at once and that must not time out. */
    public static final Duration IN_TIME = Duration.ofSeconds(10);

    /**
     * How early a deadline may end a call: what is left of it is handed to socket timeouts in whole
     * milliseconds, rounded down.
     */
    public static final Duration ROUNDING = Duration.ofMillis(50);

    /** A value and the wall-clock time it took, measured around the call. */
    public record Timed<T>(T value, Duration elapsed) {
    }

    private Timing() {
    }

    /** Runs {@code call} and measures it from the outside. */
    public static <T> Timed<T> time(Supplier<T> call) {
        long start = System.nanoTime();
        T value = call.get();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
    }

    /** {@code elapsed} is below {@code deadline} plus {@link #SLACK}. */
    public static void assertEndedByDeadline(Duration elapsed, Duration deadline, Object context) {
        assertTrue(elapsed.compareTo(deadline.plus(SLACK)) < 0, () -> "held " + elapsed.toMillis()
                + " ms, past the " + deadline.toMillis() + " ms deadline and " + SLACK.toMillis() + " ms of slack: "
                + context);
    }

    /**
     * {@code elapsed}, measured from before the call, is not below {@code deadline}, give or take
     * {@link #ROUNDING}.
     */
    public static void assertNotBefore(Duration elapsed, Duration deadline, Object context) {
        assertTrue(elapsed.compareTo(deadline.minus(ROUNDING)) >= 0, () -> "ended after " + elapsed.toMillis()
                + " ms, before the " + deadline.toMillis() + " ms deadline: " + context);
    }
}
