package dev.httpcon.engine;

import dev.httpcon.CurlError;
import dev.httpcon.PoolStats;
import dev.httpcon.config.GlobalSettings;
import dev.httpcon.config.HttpVersion;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.EndpointInfo;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.ConnectionHolder;
import org.apache.hc.client5.http.nio.ManagedAsyncClientConnection;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.DefaultClientConnectionReuseStrategy;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.nio.AsyncClientConnectionManager;
import org.apache.hc.client5.http.nio.AsyncConnectionEndpoint;
import org.apache.hc.core5.concurrent.ComplexCancellable;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.ConnectionReuseStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.nio.AsyncClientExchangeHandler;
import org.apache.hc.core5.http.nio.AsyncPushConsumer;
import org.apache.hc.core5.http.nio.HandlerFactory;
import org.apache.hc.core5.http.nio.command.RequestExecutionCommand;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ConnectionInitiator;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous transport of one transport profile: one HttpClient 5 async client (I/O reactor
 * threads, no thread per request) and its pool, for asynchronous attempts and for every attempt
 * that may speak HTTP/2. Built like the classic client ({@link Transport}), without HttpClient's
 * defaults libcurl does not have: no automatic retries, no redirect handling, no cookies, no
 * compression, no auth cache, no user token state, no system properties; the same TLS strategy,
 * DNS resolver, pool bounds, auth schemes and header limits.
 *
 * <p>HTTP/2: with {@code http_version=2} TLS connections offer {@code h2} and {@code http/1.1}
 * by ALPN; with {@code 2-prior-knowledge} cleartext connections start with the HTTP/2 preface.
 * Requests running at the same time share one HTTP/2 connection (HttpClient's pool multiplexes
 * leased HTTP/2 connections, an experimental feature of 5.5 and later).
 *
 * <p>{@code keep_connections} off: every attempt leases with a state of its own
 * ({@link AttemptScope}), so no other attempt ever gets its connection; an HTTP/1.1 connection is
 * kept after a response only when the same attempt sends its next hop to the same server (an
 * auth round trip, a redirect), as curl's easy handle does; whatever is left open at the end of
 * the attempt is closed then.
 *
 * <p>Logging: HttpClient's async transport decides per connection whether to print every header
 * (its {@code org.apache.hc.client5.http.headers} logger) and per exchange whether to print the
 * request target with its query ({@code HttpAsyncMainClientExec}), and neither can be switched
 * off through its API. While one of those loggers is at DEBUG, this transport sends nothing and
 * every attempt fails with code 2 saying why: credentials never reach a log. Its wire logging is
 * off (its session decorator is {@link FirstComeFirstServed} over HTTP/2 and none over HTTP/1.1:
 * neither logs).
 */
final class AsyncTransport {

    /** HttpClient's loggers that would print credentials or query values of our requests. */
    private static final List<Logger> LEAKING_LOGGERS = List.of(
            LoggerFactory.getLogger("org.apache.hc.client5.http.headers"),
            LoggerFactory.getLogger("org.apache.hc.client5.http2.frame.payload"),
            LoggerFactory.getLogger("org.apache.hc.client5.http.impl.async.HttpAsyncMainClientExec"));

    /** HTTP/1.1 header limits, as the classic transport's ({@link QuietConnectionFactory}). */
    private static final Http1Config H1 = Http1Config.custom()
            .setMaxLineLength(100 * 1024)
            .setMaxHeaderCount(1000)
            .build();

    /** Headers HTTP/2 forbids (RFC 9113, 8.2.2): dropped from a request that goes out as HTTP/2. */
    private static final List<String> CONNECTION_SPECIFIC = List.of("Connection", "Keep-Alive", "Proxy-Connection",
            "Transfer-Encoding", "Upgrade");

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** The context attribute under which an attempt's driver answers the reuse question. */
    static final String EXCHANGE = "dev.httpcon.engine.exchange";

    private final CloseableHttpAsyncClient client;
    private final PoolingAsyncClientConnectionManager pool;
    /** The pool as HttpClient sees it (attempt scopes applied); an endpoint released here goes through it too. */
    private final Scoped scoped;
    private final boolean keepConnections;
    private final String profile;

    AsyncTransport(TransportKey key, GlobalSettings globals, TlsContexts.Strategy tls, HostResolver dns) {
        this.keepConnections = key.keepConnections();
        this.profile = key.describe() + ", async";
        HttpVersionPolicy policy = switch (key.httpVersion()) {
            case HTTP_1_1 -> HttpVersionPolicy.FORCE_HTTP_1;
            case HTTP_2 -> HttpVersionPolicy.NEGOTIATE;
            case HTTP_2_PRIOR_KNOWLEDGE -> HttpVersionPolicy.FORCE_HTTP_2;
        };
        this.pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(tls)
                .setDnsResolver(dns)
                .setMaxConnPerRoute(globals.maxConnectionsPerHost())
                .setMaxConnTotal(globals.maxConnectionsTotal())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        // as the classic transport: checked before reuse after 2 s idle; a stale one
                        // that slips through is re-sent once by the engine
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                // the version policy travels to each new connection: ALPN offers for TLS, the
                // preface or HTTP/1.1 for cleartext (HttpClient turns NEGOTIATE into HTTP/1.1 there)
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(policy).build())
                .setMessageMultiplexing(key.httpVersion() != HttpVersion.HTTP_1_1 && key.keepConnections())
                .build();
        this.scoped = new Scoped(pool);
        int n = CLIENTS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory names = r -> {
            Thread t = new Thread(r, "httpcon-io-" + n + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        HttpAsyncClientBuilder b = HttpAsyncClients.custom()
                .setConnectionManager(scoped)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setTcpNoDelay(true)
                        .setIoThreadCount(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())))
                        .build())
                .setThreadFactory(names)
                // no wire logging (HttpClient's default decorator logs every byte at DEBUG); over
                // HTTP/2, requests waiting for a stream in the order they came (HttpClient's own
                // order is last in, first out). An HTTP/1.1 session carries one request at a time, so
                // it has no order to keep and goes undecorated: every I/O event of every connection
                // passes through the decorator, a layer of calls worth sparing
                .setIoSessionDecorator(key.httpVersion() == HttpVersion.HTTP_1_1
                        ? session -> session : FirstComeFirstServed::new)
                .setHttp1Config(H1)
                .setH2Config(H2Config.custom().setPushEnabled(false).build())
                .setConnectionReuseStrategy(reuse(key.keepConnections()))
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .disableConnectionState()
                .disableRequestPriority()
                .setDefaultAuthSchemeRegistry(Transport.AUTH_SCHEMES)
                .addRequestInterceptorLast(LAST);
        if (key.proxy() != null) {
            b.setProxy(new HttpHost(URIScheme.HTTP.id, key.proxy().host(), key.proxy().port()));
        }
        this.client = b.build();
        client.start();
    }

    CloseableHttpAsyncClient client() {
        return client;
    }

    boolean keepsConnections() {
        return keepConnections;
    }

    /**
     * Why this transport must not send now (HttpClient would print credentials or query values
     * in its logs), or null.
     */
    static String loggingRefusal() {
        for (Logger l : LEAKING_LOGGERS) {
            if (l.isDebugEnabled()) {
                return "httpcon does not send through HttpClient's asynchronous transport (HTTP/2, asynchronous "
                        + "calls) while the logger '" + l.getName() + "' is at DEBUG: that transport would print "
                        + "request headers or query values, credentials included, and cannot be told not to. Set it "
                        + "to INFO (the classic HTTP/1.1 transport of blocking calls logs nothing of the kind)";
            }
        }
        return null;
    }

    /** Code 89: every connection the pool may hold was in use until the deadline. */
    EngineFailure noConnection(URI url, Deadline deadline) {
        return Transport.noConnection(pool.getTotalStats().getLeased(), pool.getMaxTotal(), pool.getDefaultMaxPerRoute(),
                url, deadline);
    }

    PoolStats stats() {
        org.apache.hc.core5.pool.PoolStats s = pool.getTotalStats();
        return new PoolStats(profile, s.getLeased(), s.getPending(), s.getAvailable(), s.getMax());
    }

    /** Stops the I/O threads and closes every connection: at once, or after telling the peers (GOAWAY, close_notify). */
    void close(CloseMode mode) {
        client.close(mode);
    }

    /**
     * The last request interceptor, run on the I/O thread just before the request goes out (after
     * HttpClient added a challenge answer): curl sends no {@code Connection: keep-alive}; HTTP/2
     * forbids connection-specific headers, and gets a {@code Content-Length} for a body as from
     * curl; and HttpClient's own credential headers become
     * {@link AttemptPlan.SecretHeader}s, masked wherever a header is printed.
     */
    private static final HttpRequestInterceptor LAST = (HttpRequest request, org.apache.hc.core5.http.EntityDetails entity,
                                                        HttpContext context) -> {
        ProtocolVersion version = context.getProtocolVersion();
        if (version != null && version.getMajor() >= 2) {
            for (String name : CONNECTION_SPECIFIC) {
                request.removeHeaders(name);
            }
            Header te = request.getFirstHeader("TE");
            if (te != null && !te.getValue().trim().equalsIgnoreCase("trailers")) {
                request.removeHeaders("TE");
            }
            if (entity != null && entity.getContentLength() >= 0 && !request.containsHeader(HttpHeaders.CONTENT_LENGTH)) {
                // optional in HTTP/2, but curl sends it and some servers want it for a body
                request.addHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(entity.getContentLength()));
            }
        } else {
            Header c = request.getFirstHeader(HttpHeaders.CONNECTION);
            if (c != null && c.getValue().equalsIgnoreCase("keep-alive")) {
                request.removeHeader(c);
            }
        }
        for (String name : new String[] {HttpHeaders.AUTHORIZATION, HttpHeaders.PROXY_AUTHORIZATION}) {
            Header h = request.getFirstHeader(name);
            if (h != null && !(h instanceof AttemptPlan.SecretHeader)) {
                request.setHeader(new AttemptPlan.SecretHeader(h.getName(), h.getValue()));
            }
        }
    };

    /**
     * HTTP/1.1 reuse: the server's say (HttpClient's default rule), and with keep_connections off
     * only while the attempt goes on to the same server.
     */
    private static ConnectionReuseStrategy reuse(boolean keep) {
        return (HttpRequest request, HttpResponse response, HttpContext context) -> {
            if (!DefaultClientConnectionReuseStrategy.INSTANCE.keepAlive(request, response, context)) {
                return false;
            }
            if (keep || "CONNECT".equals(request.getMethod())) {
                return true;   // a tunnel through a proxy carries the attempt's exchanges
            }
            Object exchange = context.getAttribute(EXCHANGE);
            return exchange instanceof AsyncExchange x && x.continuesOnSameServer(response);
        };
    }

    /**
     * A lease state: with keep_connections off, one per attempt (only that attempt ever gets the
     * connections it opened); a fresh one for the re-send after a stale connection, which must
     * not reuse any pooled connection.
     */
    static final class AttemptScope {
        private final boolean fresh;
        /** The route of the last lease under this scope. */
        private volatile HttpRoute route;
        /** The route of a connection this scope left open in the pool, to close at the end; null when none. */
        private volatile HttpRoute idle;

        AttemptScope(boolean fresh) {
            this.fresh = fresh;
        }
    }

    /**
     * The end of an attempt that leased with {@code scope}: a connection it left open in the pool
     * (an HTTP/2 connection, or an HTTP/1.1 one kept for a hop that never came) is closed.
     */
    void endScope(AttemptScope scope) {
        HttpRoute route = scope == null ? null : scope.idle;
        if (route == null || keepConnections && scope.fresh) {
            return;
        }
        scope.idle = null;
        pool.lease("httpcon-cleanup", route, scope, Timeout.ofMilliseconds(1), new FutureCallback<>() {
            @Override
            public void completed(AsyncConnectionEndpoint endpoint) {
                endpoint.close(CloseMode.GRACEFUL);
                pool.release(endpoint, null, TimeValue.ZERO_MILLISECONDS);
            }

            @Override
            public void failed(Exception e) {
                // nothing was free to close: it is in use or gone
            }

            @Override
            public void cancelled() {
                // as failed
            }
        });
    }

    /**
     * The pool as HttpClient sees it, with the attempt scopes applied: a fresh scope never gets a
     * connected endpoint (one it is handed is closed first, so HttpClient connects anew), and a
     * connection released under a fresh scope of a kept transport goes back to the common pool.
     */
    private final class Scoped implements AsyncClientConnectionManager {
        private final PoolingAsyncClientConnectionManager delegate;

        Scoped(PoolingAsyncClientConnectionManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public Future<AsyncConnectionEndpoint> lease(String id, HttpRoute route, Object state, Timeout requestTimeout,
                                                     FutureCallback<AsyncConnectionEndpoint> callback) {
            FutureCallback<AsyncConnectionEndpoint> tracked = AsyncExchange.leasing(callback);
            if (!(state instanceof AttemptScope scope)) {
                return delegate.lease(id, route, state, requestTimeout, new FutureCallback<>() {
                    @Override
                    public void completed(AsyncConnectionEndpoint endpoint) {
                        tracked.completed(new Tracked(endpoint));
                    }

                    @Override
                    public void failed(Exception e) {
                        tracked.failed(e);
                    }

                    @Override
                    public void cancelled() {
                        tracked.cancelled();
                    }
                });
            }
            scope.route = route;
            return delegate.lease(id, route, state, requestTimeout, new FutureCallback<>() {
                @Override
                public void completed(AsyncConnectionEndpoint endpoint) {
                    scope.idle = null;
                    if (scope.fresh && endpoint.isConnected()) {
                        endpoint.close(CloseMode.GRACEFUL);   // a fresh connection, as curl's re-send has
                    }
                    Tracked t = new Tracked(endpoint);
                    t.scope = scope;
                    tracked.completed(t);
                }

                @Override
                public void failed(Exception e) {
                    tracked.failed(e);
                }

                @Override
                public void cancelled() {
                    tracked.cancelled();
                }
            });
        }

        @Override
        public void release(AsyncConnectionEndpoint endpoint, Object state, TimeValue keepAlive) {
            if (endpoint instanceof Tracked t) {
                t.released = true;
                endpoint = t.inner;
                if (state == null && t.scope != null) {
                    // A discarded endpoint comes back without its state. Over HTTP/2 its connection
                    // is still open (only the stream was reset): it stays this attempt's, for the
                    // attempt's end to close, instead of going back to the pool for anybody.
                    state = t.scope;
                }
            }
            if (state instanceof AttemptScope scope) {
                if (keepConnections && scope.fresh) {
                    state = null;   // a kept transport's connection: anybody's from now on
                } else if (endpoint.isConnected()) {
                    scope.idle = scope.route;
                }
            }
            delegate.release(endpoint, state, keepAlive);
        }

        @Override
        public Future<AsyncConnectionEndpoint> connect(AsyncConnectionEndpoint endpoint, ConnectionInitiator initiator,
                                                       Timeout timeout, Object attachment, HttpContext context,
                                                       FutureCallback<AsyncConnectionEndpoint> callback) {
            Tracked t = (Tracked) endpoint;
            return delegate.connect(t.inner, initiator, timeout, attachment, context, answeringWith(t, callback));
        }

        @Override
        public void upgrade(AsyncConnectionEndpoint endpoint, Object attachment, HttpContext context) {
            delegate.upgrade(((Tracked) endpoint).inner, attachment, context);
        }

        @Override
        public void upgrade(AsyncConnectionEndpoint endpoint, Object attachment, HttpContext context,
                            FutureCallback<AsyncConnectionEndpoint> callback) {
            Tracked t = (Tracked) endpoint;
            delegate.upgrade(t.inner, attachment, context, answeringWith(t, callback));
        }

        /** The pool's callback for the inner endpoint, answering {@code callback} with its tracked wrapper. */
        private static FutureCallback<AsyncConnectionEndpoint> answeringWith(Tracked t,
                                                                            FutureCallback<AsyncConnectionEndpoint> callback) {
            return new FutureCallback<>() {
                @Override
                public void completed(AsyncConnectionEndpoint inner) {
                    callback.completed(t);
                }

                @Override
                public void failed(Exception e) {
                    callback.failed(e);
                }

                @Override
                public void cancelled() {
                    callback.cancelled();
                }
            };
        }

        @Override
        public void close(CloseMode mode) {
            delegate.close(mode);
        }

        @Override
        public void close() {
            delegate.close(CloseMode.GRACEFUL);
        }
    }

    /**
     * A leased endpoint as this transport hands it to HttpClient, for two things HttpClient 5.6
     * does not do: an HTTP/2 exchange that ends early (cancelled, timed out, body too long) resets
     * its own stream (RST_STREAM, CANCEL) instead of closing the connection that other requests
     * share; and the attempt can tell whether HttpClient has released the endpoint, and release
     * it itself when a cancel left it leased ({@link #discard}).
     */
    final class Tracked extends AsyncConnectionEndpoint {
        final AsyncConnectionEndpoint inner;
        volatile boolean released;
        /** The attempt scope it was leased under (keep_connections off, or a re-send), or null. */
        volatile AttemptScope scope;
        /** The HTTP/2 stream of the exchange running on this endpoint, to reset it; null for HTTP/1.1. */
        private volatile ComplexCancellable stream;

        Tracked(AsyncConnectionEndpoint inner) {
            this.inner = inner;
        }

        private ManagedAsyncClientConnection http2() {
            HttpConnection c = inner instanceof ConnectionHolder h ? h.get() : null;
            ProtocolVersion v = c == null ? null : c.getProtocolVersion();
            return v != null && v.getMajor() >= 2 && c instanceof ManagedAsyncClientConnection m ? m : null;
        }

        @Override
        public void execute(String id, AsyncClientExchangeHandler handler, HandlerFactory<AsyncPushConsumer> push,
                            HttpContext context) {
            ManagedAsyncClientConnection h2 = http2();
            if (h2 == null) {
                inner.execute(id, handler, push, context);
                return;
            }
            ComplexCancellable s = new ComplexCancellable();
            stream = s;
            context.setProtocolVersion(h2.getProtocolVersion());
            h2.submitCommand(new RequestExecutionCommand(handler, push, s, context), Command.Priority.NORMAL);
        }

        @Override
        public boolean isConnected() {
            return inner.isConnected();
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            inner.setSocketTimeout(timeout);
        }

        @Override
        public EndpointInfo getInfo() {
            return inner.getInfo();
        }

        /**
         * HttpClient closes an endpoint whose exchange failed. Over HTTP/1.1 that drops the
         * connection (what is left of the response is never read); over HTTP/2 only this
         * exchange's stream is reset, and the connection stays with the requests sharing it.
         */
        @Override
        public void close(CloseMode mode) {
            if (http2() != null) {
                ComplexCancellable s = stream;
                if (s != null) {
                    s.cancel();
                }
                return;   // a broken HTTP/2 connection is closed by its own multiplexer, not here
            }
            if (mode == CloseMode.IMMEDIATE && inner instanceof ConnectionHolder h && h.get() != null) {
                // The pool disposes of a discarded connection gracefully, and a graceful close of an
                // HTTP/1.1 connection waits for the exchange in progress: the very one being aborted,
                // against a server that may never answer. Closed here at once instead.
                h.get().close(CloseMode.IMMEDIATE);
            }
            inner.close(mode);
        }

        /**
         * Releases the endpoint if HttpClient has not (an exchange stopped while it was leasing
         * or connecting): closed as after a failure, never back for reuse. Safe against
         * HttpClient releasing it at the same moment: a released endpoint is detached, and both
         * calls then do nothing.
         */
        void discard() {
            if (released) {
                return;
            }
            close(CloseMode.IMMEDIATE);
            // through the attempt scopes, as HttpClient's own releases: an HTTP/2 connection that
            // only lost this stream stays the attempt's (closed at its end) without keep_connections
            scoped.release(this, null, TimeValue.ZERO_MILLISECONDS);
        }
    }
}
