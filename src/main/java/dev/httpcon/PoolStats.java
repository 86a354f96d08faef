package dev.httpcon;

import java.util.Collection;

/**
 * A read-only snapshot of the connections of one transport profile (or, from {@link #total}, of
 * all of them): how many are in use by an attempt, how many attempts wait for one, and how many
 * sit idle for reuse. Made for health checks and for tests that prove nothing is left leased.
 *
 * <pre>{@code
 * PoolStats all = PoolStats.total(engine.poolStats());
 * if (all.leased() > 0) { ... }   // some attempt is still running right now
 * }</pre>
 *
 * @param profile   what the transport serves, e.g. {@code "kept, verify_peer=1 verify_host=1"}
 * @param leased    connections held by attempts right now: pooled leases plus one-off
 *                  connections (keep_connections off, or the re-send after a stale pooled one)
 * @param pending   attempts waiting for a pooled connection (the pool is at its bound)
 * @param available idle pooled connections kept for reuse
 * @param max       the pool's total bound; 0 for a transport that pools nothing
 */
public record PoolStats(String profile, int leased, int pending, int available, int max) {

    /** The sums over {@code stats}, with the profile {@code "all"}. */
    public static PoolStats total(Collection<PoolStats> stats) {
        int leased = 0;
        int pending = 0;
        int available = 0;
        int max = 0;
        for (PoolStats s : stats) {
            leased += s.leased;
            pending += s.pending;
            available += s.available;
            max += s.max;
        }
        return new PoolStats("all", leased, pending, available, max);
    }
}
