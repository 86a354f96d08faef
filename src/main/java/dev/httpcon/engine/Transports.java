package dev.httpcon.engine;

import dev.httpcon.PoolStats;
import dev.httpcon.config.GlobalSettings;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@link Transport} per transport profile, made on first use and shared by every connection
 * with that profile.
 */
final class Transports implements AutoCloseable {

    private final GlobalSettings globals;
    private final HostResolver dns;
    private final ConcurrentMap<TransportKey, Transport> transports = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Transports(GlobalSettings globals, HostResolver dns) {
        this.globals = globals;
        this.dns = dns;
    }

    /** The transport for {@code key}, made if needed; {@code null} once closed. */
    Transport get(TransportKey key) {
        if (closed) {
            return null;
        }
        Transport t = transports.computeIfAbsent(key, k -> new Transport(k, globals, dns));
        if (closed) {   // closed while we were making it: do not leak it
            t.close();
            return null;
        }
        return t;
    }

    boolean isClosed() {
        return closed;
    }

    /** How many profiles have a transport so far. */
    int size() {
        return transports.size();
    }

    /** A snapshot of every transport's connections. */
    java.util.List<PoolStats> stats() {
        return transports.values().stream().map(Transport::stats).toList();
    }

    @Override
    public void close() {
        closed = true;
        transports.values().forEach(Transport::close);
        transports.clear();
    }
}
