package dev.httpcon.engine;

import dev.httpcon.Attempt;
import dev.httpcon.CurlError;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The original's failover rule: when an attempt fails (a curl error, or an HTTP status of 500 or
 * more), send the same request (method, path, headers, body) to the connection named by
 * {@code failover}. 3xx and 4xx answers never fail over, nor does code 42 (the calling thread was
 * interrupted: it asked to stop, not to try elsewhere).
 *
 * <p>Each step hands the request to the next connection <em>as a connection</em> (through
 * {@code lookup}), so that connection's own failover takes the next step: the chain is followed
 * one hop per connection, and since cycles are rejected at deployment each connection is tried at
 * most once. The result says who served it and lists every attempt.
 */
public final class FailoverPolicy {

    private FailoverPolicy() {
    }

    /**
     * Applies the rule to the result of one attempt on {@code from}.
     *
     * @param from     name of the connection that produced {@code first}
     * @param failover name of its failover connection, or {@code null}
     * @param request  the request that was sent
     * @param first    its result
     * @param lookup   resolves a connection name to the connection to send through
     * @return {@code first} unchanged, or the failover's result with the whole attempt trail
     */
    public static HttpResult apply(String from, String failover, HttpRequest request, HttpResult first,
                                   Function<String, HttpConnection> lookup) {
        if (failover == null || !first.isFailure() || first.error() == CurlError.ABORTED_BY_CALLBACK) {
            return first;
        }
        HttpResult next = lookup.apply(failover).send(request);
        List<Attempt> trail = new ArrayList<>();
        trail.add(new Attempt(from, first.code(), first.elapsed()));
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
