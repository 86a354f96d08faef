package dev.httpcon.engine;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.Redaction;
import dev.httpcon.config.AuthMethod;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.metrics.MetricsRecorder;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live side of one named connection: its settings, the engine that sends for it, the
 * per-thread memory of its last response (the original's {@code http_get_redirect} and
 * {@code http_get_content_type}) and its ok/fail counts (for listcon).
 *
 * <p>Thread-safe. Internal: users reach it through {@link dev.httpcon.HttpConnection}.
 */
public final class ConnectionRuntime {

    private final ConnectionSettings settings;
    private final HttpEngine engine;

    // The original keeps the last redirect and content type per process; our equivalent of a
    // Kamailio worker process is the calling thread. The value is a String[] (a JDK type), so a
    // container worker thread that outlives an undeployed application pins no class of ours.
    private final ThreadLocal<String[]> last = new ThreadLocal<>();

    private final LongAdder ok = new LongAdder();
    private final LongAdder fail = new LongAdder();

    public ConnectionRuntime(ConnectionSettings settings, HttpEngine engine) {
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
    public HttpResult execute(HttpRequest request) {
        return engine.execute(settings, request);
    }

    /** Records a result as this thread's last on this connection. */
    public void remember(HttpResult result) {
        String url = result.effectiveUrl() == null ? "" : result.effectiveUrl().toString();
        last.set(new String[] {url, result.contentType()});
    }

    /** The effective URL of this thread's last result here; empty if none or after a transport error. */
    public String lastRedirect() {
        String[] l = last.get();
        return l == null ? "" : l[0];
    }

    /** The content type of this thread's last result here, or {@code null}. */
    public String lastContentType() {
        String[] l = last.get();
        return l == null ? null : l[1];
    }

    /**
     * Records one attempt made on this connection: the listcon counts, and {@code metrics}
     * (MicroProfile Metrics when present).
     */
    public void recordAttempt(HttpResult result, long nanos, MetricsRecorder metrics) {
        count(result);
        metrics.attempt(settings.name(), result, nanos);
    }

    /** Counts one attempt: failed if a curl error or a status of 500 or more, ok otherwise. */
    public void count(HttpResult result) {
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
                s.origin(), okCount(), failCount());
    }

    @Override
    public String toString() {
        return "ConnectionRuntime[" + settings.name() + " " + Redaction.url(settings.url()) + "]";
    }
}
