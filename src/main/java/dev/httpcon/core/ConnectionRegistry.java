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

/**
 * Every connection of a deployment, built once from validated settings: one shared
 * {@link HttpEngine} and one {@link ConnectionRuntime} per name. Closing it closes the engine's
 * clients and pools. Internal.
 */
public final class ConnectionRegistry implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConnectionRegistry.class.getName());

    private final HttpConSettings settings;
    private final HttpEngine engine;
    private final Map<String, ConnectionRuntime> runtimes;

    private ConnectionRegistry(HttpConSettings settings, HttpEngine engine) {
        this.settings = settings;
        this.engine = engine;
        Map<String, ConnectionRuntime> map = new LinkedHashMap<>();
        for (ConnectionSettings c : settings.connections().values()) {
            map.put(c.name(), new ConnectionRuntime(c, engine));
            warnIfUnverified("connection '" + c.name() + "'", c.url().getScheme(), c.tls().verifyPeer(),
                    c.tls().verifyHost());
        }
        warnIfUnverified("http_client_query (the globals)", "https", settings.globals().tls().verifyPeer(),
                settings.globals().tls().verifyHost());
        this.runtimes = Collections.unmodifiableMap(map);
    }

    /**
     * Verification off is sometimes needed (a lab, a self-signed appliance) but must never go
     * unnoticed: one warning per connection, at deployment, never per request.
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

    /** Builds the engine and a runtime per connection. */
    public static ConnectionRegistry create(HttpConSettings settings) {
        Objects.requireNonNull(settings, "settings must be set");
        return new ConnectionRegistry(settings, new HttpEngine(settings));
    }

    public HttpConSettings settings() {
        return settings;
    }

    HttpEngine engine() {
        return engine;
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

    @Override
    public void close() {
        engine.close();
    }
}
