package dev.httpcon.core;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.ConnectionState;
import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.Redaction;
import dev.httpcon.config.AuthMethod;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.ResilienceSettings;
import dev.httpcon.engine.HttpEngine;
import dev.httpcon.engine.WireObserver;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The live side of one named connection: its settings, the engine that sends for it, and what it
 * has lived through ({@link LiveState}: the per-thread memory of its last response, the
 * original's {@code http_get_redirect} and {@code http_get_content_type}; its ok/fail counts for
 * listcon; its health and the calls in flight). A reload that changes a connection makes a new
 * runtime with {@link #succeededBy}, which carries the live state over.
 *
 * <p>Thread-safe. Internal: users reach it through {@link dev.httpcon.HttpConnection}. Sending is
 * package-private on purpose: an attempt made here bypasses failover, redirect capture and
 * measurements, so only the {@link Pipeline} makes one.
 */
public final class ConnectionRuntime {

    private final ConnectionSettings settings;
    private final HttpEngine engine;
    private final LiveState live;
    /** What the overload guard answers, made on its first refusal. */
    private volatile HttpResult refusal;
    /** The exchange calls on this runtime enter through, set on first use by {@link HttpConCore#exchange}. */
    volatile Exchange exchange;
    /**
     * Where this connection's asynchronous calls complete when the caller names no executor (its
     * {@code async_executor}), or null for the core's pool: resolved by {@link CompletionExecutors}
     * before the generation takes calls.
     */
    private volatile Executor completions;

    ConnectionRuntime(ConnectionSettings settings, HttpEngine engine) {
        this(settings, engine, new LiveState(settings.name()));
    }

    private ConnectionRuntime(ConnectionSettings settings, HttpEngine engine, LiveState live) {
        this.settings = Objects.requireNonNull(settings, "settings must be set");
        this.engine = Objects.requireNonNull(engine, "engine must be set");
        this.live = live;
    }

    /**
     * The runtime that replaces this one when the connection's settings change (a reload): new
     * settings and engine, the same live state: counts, per-thread memory, health state, trial in
     * flight and calls in flight carry over, and the new thresholds apply from the next call.
     */
    ConnectionRuntime succeededBy(ConnectionSettings next, HttpEngine nextEngine) {
        if (!next.name().equals(settings.name())) {
            throw new IllegalArgumentException("a successor has the same name: " + settings.name() + ", not "
                    + next.name());
        }
        return new ConnectionRuntime(next, nextEngine, live);
    }

    LiveState live() {
        return live;
    }

    /** The executor {@code async_executor} names, or null when unset. */
    Executor completions() {
        return completions;
    }

    void completions(Executor executor) {
        completions = executor;
    }

    /** The connection's state now. */
    public ConnectionState state() {
        return live.health.state();
    }

    public String name() {
        return settings.name();
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /**
     * One attempt on this connection, no failover, within {@code timeout} (the connection's own, or
     * less when a call's budget caps it), telling {@code observer} of each HTTP request: never
     * throws for network or server trouble.
     */
    HttpResult execute(HttpRequest request, Duration timeout, WireObserver observer) {
        return engine.execute(settings, request, timeout, observer);
    }

    /** {@link #execute} without waiting: the future completes on {@code completions}, never exceptionally. */
    CompletableFuture<HttpResult> executeAsync(HttpRequest request, Duration timeout, WireObserver observer,
                                               Executor completions) {
        return engine.executeAsync(settings, request, timeout, observer, completions);
    }

    /**
     * The health probe: a GET of {@code path}, bounded by the connection's timeout, or by
     * {@code health_retry} when it has none. Not an attempt: neither counted nor measured.
     */
    HttpResult probe(String path) {
        Duration bound = settings.timeout().isZero() ? settings.resilience().healthRetry() : settings.timeout();
        return engine.execute(settings, HttpRequest.get(path), bound);
    }

    /** What the overload guard answers for this connection: code 89, nothing sent. */
    HttpResult refusal() {
        HttpResult r = refusal;
        if (r == null) {
            r = HttpResult.builder().servedBy(name()).error(CurlError.NO_CONNECTION_AVAILABLE, "connection '" + name()
                    + "' already has max_concurrent=" + settings.resilience().maxConcurrent()
                    + " calls in flight: refused at once, not sent").sent(false).elapsed(Duration.ZERO).build();
            refusal = r;
        }
        return r;
    }

    /** Records a result as this thread's last on this connection. */
    void remember(HttpResult result) {
        Object[] l = live.last.get();
        if (l == null) {
            l = new Object[2];
            live.last.set(l);
        }
        l[0] = result.effectiveUrl();
        l[1] = result.contentType();
    }

    /** The effective URL of this thread's last result here; empty if none or after a transport error. */
    String lastRedirect() {
        Object[] l = live.last.get();
        URI url = l == null ? null : (URI) l[0];
        return url == null ? "" : url.toString();
    }

    /** The content type of this thread's last result here, or {@code null}. */
    String lastContentType() {
        Object[] l = live.last.get();
        return l == null ? null : (String) l[1];
    }

    /** Counts one attempt: failed if a curl error or a status of 500 or more, ok otherwise. */
    void count(HttpResult result) {
        if (result.isFailure()) {
            live.fail.increment();
        } else {
            live.ok.increment();
        }
    }

    public long okCount() {
        return live.ok.sum();
    }

    public long failCount() {
        return live.fail.sum();
    }

    /** Calls that skipped this connection because of its state. */
    public long skippedCount() {
        return live.skipped.sum();
    }

    /** Calls the overload guard refused here. */
    public long refusedCount() {
        return live.refused.sum();
    }

    /** The listcon row of this connection: settings without secrets, and counts. */
    public ConnectionInfo info() {
        ConnectionSettings s = settings;
        ResilienceSettings r = s.resilience();
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
                s.origin(), okCount(), failCount(), r.totalTimeout(), r.healthFailures(), r.healthRetry(),
                r.healthProbe() == null ? "" : r.healthProbe(), r.maxConcurrent(), r.failoverUnsafe(), state(),
                skippedCount(), refusedCount(),
                s.headers().stream().map(HttpRequest.Header::toString).toList());
    }

    @Override
    public String toString() {
        return "ConnectionRuntime[" + settings.name() + " " + Redaction.url(settings.url()) + "]";
    }
}
