package dev.httpcon.core;

import dev.httpcon.Attempt;
import dev.httpcon.CurlError;
import dev.httpcon.HttpResult;
import java.util.ArrayList;
import java.util.List;

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
 */
final class FailoverPolicy implements Stage {

    @Override
    public Concern concern() {
        return Concern.FAILOVER;
    }

    /**
     * Applies the rule to what the stages inside gave for {@code call}.
     *
     * @return {@code first} unchanged, or the failover's result with the whole attempt trail
     */
    @Override
    public HttpResult exit(Call call, HttpResult first) {
        ConnectionRuntime runtime = call.runtime();
        String failover = runtime.settings().failover();
        if (failover == null || !first.isFailure() || first.error() == CurlError.ABORTED_BY_CALLBACK) {
            return first;
        }
        if (!runtime.settings().resilience().failoverUnsafe() && first.sent()
                && !idempotent(call.request().method())) {
            return first;   // may have been applied: sending it again could apply it twice
        }
        Attempt made = new Attempt(runtime.name(), first.code(), first.elapsed(), first.sent());
        if (call.hasDeadline && call.spent(System.nanoTime())) {
            HttpResult.Builder spent = !call.attempted && first.code() == 28
                    ? first.toBuilder().error(first.error(), first.message() + "; '" + failover + "' not tried")
                    : Budget.spent(call, (call.attempted ? "after the attempt on '" + runtime.name() + "'"
                            : "at '" + runtime.name() + "' (" + first.code() + ")") + "; '" + failover + "' not tried")
                            .toBuilder();
            return spent.attempts(List.of(made)).elapsed(first.elapsed()).sent(first.sent()).build();
        }
        HttpResult next = call.hop(failover);
        List<Attempt> trail = new ArrayList<>();
        trail.add(made);
        if (next.attempts().isEmpty()) {
            trail.add(new Attempt(next.servedBy() == null ? failover : next.servedBy(), next.code(), next.elapsed(),
                    next.sent()));
        } else {
            trail.addAll(next.attempts());
        }
        return next.toBuilder()
                .attempts(trail)
                .elapsed(first.elapsed().plus(next.elapsed()))
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
