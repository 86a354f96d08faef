package dev.httpcon.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How a connection behaves when its server is slow, down or overloaded (docs/resilience.md): the
 * budget of a whole call, connection health, the overload guard and safe replays. The built-in
 * defaults ({@link #DEFAULT}) are the original module's behaviour: none of it.
 *
 * @param totalTimeout   {@code total_timeout}: the time one call may take across every failover hop
 *                       from this connection on; {@link Duration#ZERO} = no budget (each hop has its
 *                       own {@code timeout}, as in the original)
 * @param healthFailures {@code health_failures}: failed attempts in a row after which the connection
 *                       is NOTREACHABLE; 0 = health off
 * @param healthRetry    {@code health_retry}: how long a NOTREACHABLE connection is skipped before a
 *                       trial call (or the next probe); above zero
 * @param healthProbe    {@code health_probe}: the path a background GET checks while NOTREACHABLE,
 *                       instead of trial calls; {@code null} = trial calls
 * @param maxConcurrent  {@code max_concurrent}: calls in flight at once on this connection before the
 *                       overload guard refuses more (code 89); 0 = unlimited
 * @param failoverUnsafe {@code failover_unsafe}: whether a non-idempotent request (POST, PATCH, ...)
 *                       that may have reached the server still fails over (the original: yes)
 */
public record ResilienceSettings(Duration totalTimeout, int healthFailures, Duration healthRetry, String healthProbe,
                                 int maxConcurrent, boolean failoverUnsafe) {

    /** The default wait before a trial call or probe of a NOTREACHABLE connection. */
    public static final Duration DEFAULT_HEALTH_RETRY = Duration.ofSeconds(10);

    /** The original's behaviour: no budget, no health, no guard, failed POSTs fail over. */
    public static final ResilienceSettings DEFAULT = new ResilienceSettings(Duration.ZERO, 0, DEFAULT_HEALTH_RETRY,
            null, 0, true);

    public ResilienceSettings {
        Objects.requireNonNull(totalTimeout, "totalTimeout must be set");
        Objects.requireNonNull(healthRetry, "healthRetry must be set");
        if (totalTimeout.isNegative()) {
            throw new IllegalArgumentException("totalTimeout must not be negative");
        }
        if (healthFailures < 0 || maxConcurrent < 0) {
            throw new IllegalArgumentException("healthFailures and maxConcurrent must not be negative");
        }
        if (healthRetry.isZero() || healthRetry.isNegative()) {
            throw new IllegalArgumentException("healthRetry must be above zero");
        }
    }

    /** Whether connection health is on: {@code health_failures} above 0. */
    public boolean healthOn() {
        return healthFailures > 0;
    }
}
