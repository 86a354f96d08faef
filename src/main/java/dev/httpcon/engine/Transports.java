package dev.httpcon.engine;

import dev.httpcon.PoolStats;
import dev.httpcon.config.GlobalSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link Transport} per transport profile, shared by every connection with that profile and
 * by every generation of the configuration that has it ({@link HttpEngine#next}): a reload that
 * keeps a profile keeps its pool and its open connections.
 *
 * <p>Each transport counts its owners, the engine generations that acquired it. A generation is
 * released only once no call is in flight on it (the core counts those), so a transport whose
 * last owner lets go is idle: it is closed then, and never under an attempt.
 */
final class Transports implements AutoCloseable {

    /** A profile with the pool bounds it was built with: bounds changed by a reload make a new pool. */
    private record Profile(TransportKey key, int maxPerHost, int maxTotal) {
        static Profile of(TransportKey key, GlobalSettings globals) {
            return new Profile(key, globals.maxConnectionsPerHost(), globals.maxConnectionsTotal());
        }
    }

    private static final class Entry {
        final Transport transport;
        int owners;

        Entry(Transport transport) {
            this.transport = transport;
        }
    }

    private final HostResolver dns;
    private final Map<Profile, Entry> transports = new HashMap<>();
    /** Read on every attempt: volatile rather than under the lock. */
    private volatile boolean closed;

    /** @param dns the name resolver every transport's connections use */
    Transports(HostResolver dns) {
        this.dns = dns;
    }

    /**
     * The transport for {@code key} with {@code globals}' pool bounds, made if needed, with one more
     * owner; {@code null} once closed. Every acquire is paired with one {@link #release}.
     */
    synchronized Transport acquire(TransportKey key, GlobalSettings globals) {
        if (closed) {
            return null;
        }
        Entry e = transports.computeIfAbsent(Profile.of(key, globals),
                p -> new Entry(new Transport(p.key(), globals, dns)));
        e.owners++;
        return e.transport;
    }

    /** One owner fewer; the last one closes the transport (its idle pooled connections with it). */
    void release(Transport transport) {
        Transport idle = null;
        synchronized (this) {
            for (var it = transports.values().iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.transport == transport) {
                    if (--e.owners == 0) {
                        it.remove();
                        idle = transport;
                    }
                    break;
                }
            }
        }
        if (idle != null) {
            idle.closeIdle();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** How many profiles have a transport right now. */
    synchronized int size() {
        return transports.size();
    }

    /** A snapshot of every transport's connections. */
    List<PoolStats> stats() {
        List<Transport> all;
        synchronized (this) {
            all = transports.values().stream().map(e -> e.transport).toList();
        }
        return all.stream().flatMap(t -> t.stats().stream()).toList();
    }

    /** Closes every transport at once, owned or not: later acquires give {@code null}. */
    @Override
    public void close() {
        List<Transport> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>();
            transports.values().forEach(e -> all.add(e.transport));
            transports.clear();
        }
        all.forEach(Transport::close);
    }
}
