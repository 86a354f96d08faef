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
        String failover = call.runtime().settings().failover();
        if (failover == null || !first.isFailure() || first.error() == CurlError.ABORTED_BY_CALLBACK) {
            return first;
        }
        HttpResult next = call.hop(failover);
        List<Attempt> trail = new ArrayList<>();
        trail.add(new Attempt(call.runtime().name(), first.code(), first.elapsed()));
        if (next.attempts().isEmpty()) {
            trail.add(new Attempt(next.servedBy() == null ? failover : next.servedBy(), next.code(), next.elapsed()));
        } else {
            trail.addAll(next.attempts());
        }
        return next.toBuilder()
                .attempts(trail)
                .elapsed(first.elapsed().plus(next.elapsed()))
                .build();
    }
}
