package dev.httpcon.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.HttpVersion;
import dev.httpcon.engine.HttpEngine;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How a suite's requests travel, so that one suite runs against every way with the same expected
 * codes ({@code @ParameterizedClass @EnumSource(Via.class)}):
 * <ul>
 *   <li>{@link #CLASSIC}: the blocking attempt on the classic transport, HTTP/1.1;</li>
 *   <li>{@link #ASYNC}: the asynchronous attempt ({@code executeAsync}), HTTP/1.1;</li>
 *   <li>{@link #H2C}: the asynchronous attempt over cleartext HTTP/2 ({@code http_version=2-prior-knowledge});</li>
 *   <li>{@link #H2}: the blocking attempt over HTTP/2 on TLS, offered by ALPN ({@code http_version=2}),
 *       which the engine runs on its asynchronous transport.</li>
 * </ul>
 * The reference server of a via speaks what it needs: HTTP/1.1 only for the first two, HTTP/1.1
 * and h2c for {@link #H2C}, TLS with ALPN (h2, http/1.1) for {@link #H2}. Asynchronous results are
 * handed over on a thread of the test's own executor, which {@link #send} checks.
 */
public enum Via {
    CLASSIC(HttpVersion.HTTP_1_1, false, false),
    ASYNC(HttpVersion.HTTP_1_1, true, false),
    H2C(HttpVersion.HTTP_2_PRIOR_KNOWLEDGE, true, false),
    H2(HttpVersion.HTTP_2, false, true);

    /** The test CA every {@link #H2} connection trusts, and the server's certificate from it. */
    public static final TestCerts.Ca CA = TestCerts.ca("httpcon via CA");
    private static final TestCerts.Issued CERT = CA.server("localhost", "127.0.0.1");

    /** Where asynchronous results are handed over: never an engine I/O thread. */
    private static final String COMPLETION_THREAD = "via-completions";
    private static final ExecutorService COMPLETIONS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, COMPLETION_THREAD);
        t.setDaemon(true);
        return t;
    });

    private final HttpVersion version;
    private final boolean async;
    private final boolean tls;

    Via(HttpVersion version, boolean async, boolean tls) {
        this.version = version;
        this.async = async;
        this.tls = tls;
    }

    public HttpVersion httpVersion() {
        return version;
    }

    /** Whether responses come in HTTP/2. */
    public boolean http2() {
        return version != HttpVersion.HTTP_1_1;
    }

    /** Whether the requests go over TLS (the server is https). */
    public boolean tls() {
        return tls;
    }

    /** What {@link HttpResult#protocol()} says for a response. */
    public String protocol() {
        return http2() ? HttpResult.HTTP_2 : HttpResult.HTTP_1_1;
    }

    /** A builder for this via's reference server (to add more options). */
    public ReferenceServer.Builder serverBuilder() {
        ReferenceServer.Builder b = ReferenceServer.builder().http2(http2());
        return tls ? b.tls(CERT) : b;
    }

    /** This via's reference server. */
    public ReferenceServer startServer() {
        return serverBuilder().start();
    }

    /** A connection to {@code url} with this via's HTTP version (and, for TLS, trust in the test CA). */
    public TestSettings.ConnectionBuilder connection(String name, URI url) {
        TestSettings.ConnectionBuilder b = TestSettings.connection(name, url).httpVersion(version);
        return tls ? b.tls(TestSettings.tls(true, true, CA)) : b;
    }

    /** Globals with this via's HTTP version (and trust), for queries. */
    public TestSettings.GlobalsBuilder globals() {
        TestSettings.GlobalsBuilder g = TestSettings.globals().httpVersion(version);
        return tls ? g.tls(TestSettings.tls(true, true, CA)) : g;
    }

    /** One attempt, the way of this via. */
    public HttpResult send(HttpEngine engine, ConnectionSettings connection, HttpRequest request) {
        return async ? handedOver(engine.executeAsync(connection, request, COMPLETIONS)) : engine.execute(connection,
                request);
    }

    /** One {@code http_client_query}, the way of this via. */
    public HttpResult query(HttpEngine engine, String url, String postData, String headerLines) {
        return async ? handedOver(engine.queryAsync(url, postData, headerLines, COMPLETIONS))
                : engine.query(url, postData, headerLines);
    }

    private static HttpResult handedOver(CompletableFuture<HttpResult> future) {
        Thread caller = Thread.currentThread();   // runs what is attached to an already completed future
        return future.thenApply(r -> {
            Thread t = Thread.currentThread();
            assertTrue(t == caller || t.getName().equals(COMPLETION_THREAD),
                    "the result was handed over on " + t.getName() + ", not on the caller's executor");
            return r;
        }).join();
    }

    @Override
    public String toString() {
        return switch (this) {
            case CLASSIC -> "classic HTTP/1.1";
            case ASYNC -> "async HTTP/1.1";
            case H2C -> "async h2c";
            case H2 -> "blocking h2 (TLS, ALPN)";
        };
    }
}
