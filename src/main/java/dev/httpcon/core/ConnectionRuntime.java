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
import java.util.concurrent.atomic.LongAdder;

/**
 * The live side of one named connection: its settings, the engine that sends for it, the
 * per-thread memory of its last response (the original's {@code http_get_redirect} and
 * {@code http_get_content_type}) and its ok/fail counts (for listcon).
 *
 * <p>Thread-safe. Internal: users reach it through {@link dev.httpcon.HttpConnection}. Sending is
 * package-private on purpose: an attempt made here bypasses failover, redirect capture and
 * measurements, so only the {@link Pipeline} makes one.
 */
public final class ConnectionRuntime {

    private final ConnectionSettings settings;
    private final HttpEngine engine;

    // The original keeps the last redirect and content type per process; our equivalent of a
    // Kamailio worker process is the calling thread. The value is an Object[] of JDK types (the
    // effective URI, the content type), reused for every call of the thread: no allocation per
    // call, and a container worker thread that outlives an undeployed application pins no class
    // of ours.
    private final ThreadLocal<Object[]> last = new ThreadLocal<>();

    private final LongAdder ok = new LongAdder();
    private final LongAdder fail = new LongAdder();

    ConnectionRuntime(ConnectionSettings settings, HttpEngine engine) {
        this.settings = Objects.requireNonNull(settings, "settings must be set");
        this.engine = Objects.requireNonNull(engine, "engine must be set");
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
            fail.increment();
        } else {
            ok.increment();
        }
    }

    public long okCount() {
        return ok.sum();
    }

    public long failCount() {
        return fail.sum();
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
                s.origin(), okCount(), failCount(), s.headers().stream().map(HttpRequest.Header::toString).toList());
    }

    @Override
    public String toString() {
        return "ConnectionRuntime[" + settings.name() + " " + Redaction.url(settings.url()) + "]";
    }
}
