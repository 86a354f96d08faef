package dev.httpcon.core;

import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.engine.HttpEngine;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One generation of a deployment's connections, built from validated settings: an
 * {@link HttpEngine} and one {@link ConnectionRuntime} per name. A reload builds the next
 * generation ({@link #next}) and the core puts it in force; the calls that started on this one
 * finish on it ({@link InFlight}), and once it is retired and the last of them has ended, its
 * engine is closed, closing the transports no later generation uses. Internal.
 */
public final class ConnectionRegistry implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConnectionRegistry.class.getName());

    private final HttpConSettings settings;
    private final HttpEngine engine;
    private final Map<String, ConnectionRuntime> runtimes;
    private final long generation;
    private final InFlight inFlight;

    private ConnectionRegistry(HttpConSettings settings, HttpEngine engine, ConnectionRegistry previous,
                               Consumer<ConnectionRegistry> onDrained) {
        this.settings = settings;
        this.engine = engine;
        this.generation = previous == null ? 1 : previous.generation + 1;
        this.inFlight = new InFlight(() -> onDrained.accept(this));
        Map<String, ConnectionRuntime> map = new LinkedHashMap<>();
        for (ConnectionSettings c : settings.connections().values()) {
            ConnectionRuntime before = previous == null ? null : previous.runtime(c.name());
            map.put(c.name(), before == null ? new ConnectionRuntime(c, engine) : before.succeededBy(c, engine));
            if (before == null || !sameVerification(before.settings(), c)) {
                warnIfUnverified("connection '" + c.name() + "'", c.url().getScheme(), c.tls().verifyPeer(),
                        c.tls().verifyHost());
            }
        }
        if (previous == null || previous.settings.globals().tls().verifyPeer() != settings.globals().tls().verifyPeer()
                || previous.settings.globals().tls().verifyHost() != settings.globals().tls().verifyHost()) {
            warnIfUnverified("http_client_query (the globals)", "https", settings.globals().tls().verifyPeer(),
                    settings.globals().tls().verifyHost());
        }
        this.runtimes = Collections.unmodifiableMap(map);
    }

    private static boolean sameVerification(ConnectionSettings a, ConnectionSettings b) {
        return a.url().getScheme().equals(b.url().getScheme()) && a.tls().verifyPeer() == b.tls().verifyPeer()
                && a.tls().verifyHost() == b.tls().verifyHost();
    }

    /**
     * Verification off is sometimes needed (a lab, a self-signed appliance) but must never go
     * unnoticed: one warning per connection, when it is deployed or reloaded so, never per request.
     */
    private static void warnIfUnverified(String what, String scheme, boolean verifyPeer, boolean verifyHost) {
        if (!"https".equals(scheme) || (verifyPeer && verifyHost)) {
            return;
        }
        String off = !verifyPeer && !verifyHost ? "verify_peer=0 and verify_host=0"
                : !verifyPeer ? "verify_peer=0" : "verify_host=0";
        LOG.log(Level.WARNING, "httpcon: " + what + " has " + off
                + ": the server is not authenticated, so its TLS traffic can be intercepted");
    }

    /**
     * Builds the engine and a runtime per connection: the first generation. {@code onDrained} is
     * called once it is retired (by a reload) and has nothing in flight any more.
     */
    static ConnectionRegistry create(HttpConSettings settings, Consumer<ConnectionRegistry> onDrained) {
        Objects.requireNonNull(settings, "settings must be set");
        return new ConnectionRegistry(settings, new HttpEngine(settings), null, onDrained);
    }

    /**
     * The next generation: {@code next}'s connections on an engine that shares this one's
     * transports; a connection defined in both keeps its state. {@code onDrained} is called once
     * that generation, retired, has nothing in flight any more (it should close it).
     */
    ConnectionRegistry next(HttpConSettings next, Consumer<ConnectionRegistry> onDrained) {
        HttpEngine nextEngine = engine.next(next);
        try {
            return new ConnectionRegistry(next, nextEngine, this, onDrained);
        } catch (RuntimeException | Error e) {
            nextEngine.close();
            throw e;
        }
    }

    public HttpConSettings settings() {
        return settings;
    }

    HttpEngine engine() {
        return engine;
    }

    /** 1 for the configuration deployed, one more per reload applied. */
    public long generation() {
        return generation;
    }

    InFlight inFlight() {
        return inFlight;
    }

    /** The runtime of a connection, or {@code null} if no connection has that name. */
    public ConnectionRuntime runtime(String name) {
        return runtimes.get(name);
    }

    /** Every runtime, in definition order. */
    public Collection<ConnectionRuntime> runtimes() {
        return runtimes.values();
    }

    /** Every connection name, in definition order. */
    public Set<String> names() {
        return runtimes.keySet();
    }

    /** Closes this generation's engine (the transports no other generation uses). */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "ConnectionRegistry[generation " + generation + ", " + runtimes.size() + " connections]";
    }
}
