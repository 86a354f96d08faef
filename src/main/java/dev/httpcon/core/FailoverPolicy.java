package dev.httpcon.core;

import dev.httpcon.Attempt;
import dev.httpcon.CurlError;
import dev.httpcon.HttpResult;
import dev.httpcon.engine.Correlation;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The original's failover rule, the {@link Concern#FAILOVER} stage: when an attempt fails (a curl
 * error, or an HTTP status of 500 or more), send the same request (method, path, headers, body) to
 * the connection named by {@code failover}. 3xx and 4xx answers never fail over, nor does code 42
 * (the calling thread was interrupted: it asked to stop, not to try elsewhere).
 *
 * <p>Each step hands the request to the next connection <em>as a connection</em> (its front door,
 * through {@link Call#hop}), so that connection's own failover takes the next step: the chain is
 * followed one hop per connection, and since cycles are rejected at deployment each connection is
 * tried at most once. The result says who served it and lists every attempt.
 *
 * <p>Two things stop the chain before a hop: a spent budget (the call's deadline has passed: the
 * result is 28, listing the attempts made), and {@code failover_unsafe=0} on the failed
 * connection for a non-idempotent request that may have reached the server (the failed result is
 * returned: re-sending a POST that may have been applied could apply it twice).
 *
 * <p>This stage is where a call that may span several connections begins and ends, so it tells the
 * measurements ({@link Measurements#callStarted}, {@link Measurements#failedOver},
 * {@link Measurements#callEnded}); what is recorded is theirs to decide.
 */
final class FailoverPolicy implements Stage {

    private static final System.Logger LOG = System.getLogger(FailoverPolicy.class.getName());

    private final Measurements measurements;

    FailoverPolicy(Measurements measurements) {
        this.measurements = measurements;
    }

    @Override
    public Concern concern() {
        return Concern.FAILOVER;
    }

    @Override
    public HttpResult enter(Call call) {
        if (call.isFirst()) {
            measurements.callStarted(call);
        }
        return null;
    }

    /**
     * Applies the rule to what the stages inside gave for {@code call}.
     *
     * @return {@code first} unchanged, or the failover's result with the whole attempt trail
     */
    @Override
    public HttpResult exit(Call call, HttpResult first) {
        HttpResult stop = stop(call, first);
        HttpResult result = stop != null ? stop
                : joined(call, first, call.hop(hopTo(call, first)));
        return ended(call, result);
    }

    /** {@link #exit} of an asynchronous call: the hop is sent without waiting, the trail joined when it completes. */
    @Override
    public CompletionStage<HttpResult> exitAsync(Call call, HttpResult first) {
        HttpResult stop = stop(call, first);
        if (stop != null) {
            return CompletableFuture.completedFuture(ended(call, stop));
        }
        return call.hopAsync(hopTo(call, first)).thenApply(next -> ended(call, joined(call, first, next)));
    }

    @Override
    public void abandon(Call call, Throwable failure) {
        if (call.isFirst()) {
            measurements.callEnded(call, HttpResult.invalid("abandoned: " + failure.getClass().getName()));
        }
    }

    /** The call that began on this connection ends with {@code result}, after every hop. */
    private HttpResult ended(Call call, HttpResult result) {
        if (call.isFirst()) {
            measurements.callEnded(call, result);
        }
        return result;
    }

    /** What the call answers without a hop to the failover, or {@code null} when the rule sends one. */
    private static HttpResult stop(Call call, HttpResult first) {
        ConnectionRuntime runtime = call.runtime();
        String failover = runtime.settings().failover();
        if (failover == null || !first.isFailure() || first.error() == CurlError.ABORTED_BY_CALLBACK) {
            return first;
        }
        if (!runtime.settings().resilience().failoverUnsafe() && first.sent()
                && !idempotent(call.request().method())) {
            return first;   // may have been applied: sending it again could apply it twice
        }
        // An attempt cut short by the budget and ended by its deadline (28) has spent the budget,
        // even when the clock reads a hair before it: the engine's timer works in whole
        // milliseconds and may fire up to one early, and a next hop with the rest (under a
        // millisecond) could only time out too.
        boolean cutByBudget = call.capped && first.error() == CurlError.OPERATION_TIMEDOUT;
        if (call.hasDeadline && (cutByBudget || call.spent(System.nanoTime()))) {
            HttpResult.Builder spent = !call.attempted && first.code() == 28
                    ? first.toBuilder().error(first.error(), first.message() + "; '" + failover + "' not tried")
                    : Budget.spent(call, (call.attempted ? "after the attempt on '" + runtime.name() + "'"
                            : "at '" + runtime.name() + "' (" + first.code() + ")") + "; '" + failover + "' not tried")
                            .toBuilder();
            return spent.attempts(List.of(made(call, first))).elapsed(first.elapsed()).sent(first.sent()).build();
        }
        return null;
    }

    /** The failover a hop goes to, once the rule sends one: logged and measured here, for both kinds of call. */
    private String hopTo(Call call, HttpResult first) {
        ConnectionRuntime runtime = call.runtime();
        String failover = runtime.settings().failover();
        if (LOG.isLoggable(Level.DEBUG)) {   // no message supplier allocated per hop when DEBUG is off
            LOG.log(Level.DEBUG, runtime.name() + ": " + first.code() + " " + first.errorText()
                    + "; failing over to " + failover + Correlation.suffix(call.request()));
        }
        measurements.failedOver(call, failover);
        return failover;
    }

    /** This connection's entry in the trail; a health skip's is made once per change of state. */
    private static Attempt made(Call call, HttpResult first) {
        ConnectionRuntime runtime = call.runtime();
        Attempt skipped = runtime.live().health.skipAttempt(first);
        return skipped != null ? skipped : new Attempt(runtime.name(), first.code(), first.elapsed(), first.sent());
    }

    /**
     * The failover's result with the whole trail: this attempt, then every one the hop made. The
     * hop's result is copied once, sharing its body, headers and redirects (a skipped primary adds
     * one entry to the trail and nothing to the time).
     */
    private static HttpResult joined(Call call, HttpResult first, HttpResult next) {
        List<Attempt> after = next.attempts();
        Attempt[] trail;
        if (after.isEmpty()) {
            String failover = call.runtime().settings().failover();
            trail = new Attempt[] {made(call, first), new Attempt(next.servedBy() == null ? failover : next.servedBy(),
                    next.code(), next.elapsed(), next.sent())};
        } else {
            trail = new Attempt[after.size() + 1];
            trail[0] = made(call, first);
            for (int i = 0; i < after.size(); i++) {
                trail[i + 1] = after.get(i);
            }
        }
        return next.toBuilder()
                .attempts(List.of(trail))
                .elapsed(next.elapsed().plus(first.elapsed()))   // the hop's own when the first took no time
                .sent(first.sent() || next.sent())
                .build();
    }

    /**
     * The idempotent methods of RFC 9110 (9.2.2): sending one twice has the effect of sending it
     * once. Everything else (POST, PATCH, any other token) is not.
     */
    static boolean idempotent(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" -> true;
            default -> false;
        };
    }
}
