package dev.httpcon.core;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.Redaction;
import dev.httpcon.config.AuthMethod;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.engine.HttpEngine;
import java.net.URI;
import java.util.Objects;

/**
 * The live side of one named connection in one generation of the configuration: its settings,
 * the engine that sends for it, and its {@link ConnectionState} (the per-thread memory of its last
 * response, the original's {@code http_get_redirect} and {@code http_get_content_type}, and its
 * ok/fail counts for listcon), which the runtime of the next generation takes over
 * ({@link #successor}).
 *
 * <p>Thread-safe. Internal: users reach it through {@link dev.httpcon.HttpConnection}. Sending is
 * package-private on purpose: an attempt made here bypasses failover, redirect capture and
 * measurements, so only the {@link Pipeline} makes one.
 */
public final class ConnectionRuntime {

    private final ConnectionSettings settings;
    private final HttpEngine engine;
    private final ConnectionState state;
    private final ThreadLocal<Object[]> last;
    /** The exchange calls on this runtime enter through, set on first use by {@link HttpConCore#exchange}. */
    volatile Exchange exchange;

    ConnectionRuntime(ConnectionSettings settings, HttpEngine engine) {
        this(settings, engine, new ConnectionState());
    }

    private ConnectionRuntime(ConnectionSettings settings, HttpEngine engine, ConnectionState state) {
        this.settings = Objects.requireNonNull(settings, "settings must be set");
        this.engine = Objects.requireNonNull(engine, "engine must be set");
        this.state = state;
        this.last = state.last;
    }

    /**
     * The runtime of this connection in the next generation of the configuration: new settings
     * and engine, the same {@link ConnectionState} (counts, last responses, and whatever else
     * must survive a reload).
     */
    ConnectionRuntime successor(ConnectionSettings next, HttpEngine nextEngine) {
        return new ConnectionRuntime(next, nextEngine, state);
    }

    public String name() {
        return settings.name();
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** One attempt on this connection, no failover: never throws for network or server trouble. */
    HttpResult execute(HttpRequest request) {
        return engine.execute(settings, request);
    }

    /** Records a result as this thread's last on this connection. */
    void remember(HttpResult result) {
        Object[] l = last.get();
        if (l == null) {
            l = new Object[2];
            last.set(l);
        }
        l[0] = result.effectiveUrl();
        l[1] = result.contentType();
    }

    /** The effective URL of this thread's last result here; empty if none or after a transport error. */
    String lastRedirect() {
        Object[] l = last.get();
        URI url = l == null ? null : (URI) l[0];
        return url == null ? "" : url.toString();
    }

    /** The content type of this thread's last result here, or {@code null}. */
    String lastContentType() {
        Object[] l = last.get();
        return l == null ? null : (String) l[1];
    }

    /** Counts one attempt: failed if a curl error or a status of 500 or more, ok otherwise. */
    void count(HttpResult result) {
        if (result.isFailure()) {
            state.fail.increment();
        } else {
            state.ok.increment();
        }
    }

    public long okCount() {
        return state.ok.sum();
    }

    public long failCount() {
        return state.fail.sum();
    }

    /** The listcon row of this connection: settings without secrets, and counts. */
    public ConnectionInfo info() {
        ConnectionSettings s = settings;
        return new ConnectionInfo(s.name(), s.url().getScheme(), Redaction.url(s.url()),
                s.username() == null ? "" : s.username(),
                s.password() == null ? "" : "****",
                s.failover() == null ? "" : s.failover(),
                s.timeout(), AuthMethod.toBits(s.authMethods()), s.keepConnections(), s.maxDataSize(),
                s.followRedirects(), s.maxRedirects(), s.userAgent(),
                s.proxy() == null ? "" : s.proxy().toString(),
                s.tls().verifyPeer(), s.tls().verifyHost(), s.tls().minVersion().label(), s.tls().cipherSuites(),
                s.tls().caCert() == null ? "" : s.tls().caCert().declared(),
                s.tls().clientCert() == null ? "" : s.tls().clientCert().declared(),
                s.origin(), okCount(), failCount());
    }

    @Override
    public String toString() {
        return "ConnectionRuntime[" + settings.name() + " " + Redaction.url(settings.url()) + "]";
    }
}
