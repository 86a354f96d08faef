package dev.httpcon.engine;

import dev.httpcon.CurlError;
import dev.httpcon.PoolStats;
import dev.httpcon.config.GlobalSettings;
import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.auth.AuthSchemeFactory;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.auth.BasicSchemeFactory;
import org.apache.hc.client5.http.impl.auth.DigestSchemeFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.LeaseRequest;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.Lookup;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP clients of one transport profile ({@link TransportKey}).
 *
 * <p>With {@code keep_connections} on, one shared client and pool serve every attempt: TCP and TLS
 * connections are reused across requests, bounded per host and in total by the globals. With it
 * off, every attempt gets a client of its own over a single-connection manager, whose connection
 * is closed when the attempt ends: a fresh connection per request, still reused inside the attempt
 * for auth round trips and redirects to the same server, exactly as curl's easy handle does. The
 * re-send after a stale pooled connection uses such a one-off client too, which guarantees a fresh
 * connection.
 *
 * <p>A one-off client whose attempt has ended, its connection closed, serves a later attempt:
 * building a client and its manager per attempt was 11% of the CPU of calls without kept
 * connections (bench/RESULTS.md). It goes back only when its manager holds no connection, open or
 * leased ({@link OneOff#endAttempt}); otherwise it is closed, as each one was before.
 *
 * <p>Every client is built the same way, without HttpClient's defaults that libcurl does not
 * have: no automatic retries, no redirect handling (the engine follows redirects itself), no
 * cookies, no compression, no auth cache, no user token state, no system properties.
 */
final class Transport implements Closeable {

    /** The auth schemes both transports answer challenges with. */
    static final Lookup<AuthSchemeFactory> AUTH_SCHEMES = authSchemes();

    private final TlsContexts.Strategy tls;
    private final TransportKey key;
    private final GlobalSettings globals;
    /** The asynchronous client, made on first use (at once for a profile that may speak HTTP/2). */
    private volatile AsyncTransport async;
    private final java.util.concurrent.locks.Lock asyncMaking = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean closed;
    private final HttpHost proxy;
    private final ConnectionConfig connectionConfig;
    private final SocketConfig socketConfig;
    private final CloseableHttpClient shared;
    /** The shared client as an attempt's client: closing it does nothing, so one instance serves all. */
    private final Client sharedClient;
    private final PoolingHttpClientConnectionManager pool;
    private final String profile;
    /** Resolves within the attempt's deadline; HttpClient only reads what it resolved. */
    private final HostResolver dns;
    /** One-off clients in use by an attempt: each holds at most one connection. */
    private final AtomicInteger oneOffOpen = new AtomicInteger();
    /** One-off clients whose attempt has ended, holding no connection, for the next attempts. */
    private final ConcurrentLinkedDeque<OneOff> idleOneOffs = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    /** At most this many idle one-off clients are kept (a burst beyond it closes its clients after use). */
    private static final int MAX_IDLE_ONE_OFFS = 64;

    Transport(TransportKey key, GlobalSettings globals, HostResolver dns) {
        this.profile = key.describe();
        this.key = key;
        this.globals = globals;
        this.dns = dns;
        this.tls = TlsContexts.strategy(key.tls());
        this.proxy = key.proxy() == null ? null : new HttpHost(URIScheme.HTTP.id, key.proxy().host(), key.proxy().port());
        this.connectionConfig = ConnectionConfig.custom()
                // A pooled connection idle for a while is checked before reuse; the rare stale one
                // that slips through is re-sent once by the engine (as curl does).
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .build();
        this.socketConfig = SocketConfig.custom().setTcpNoDelay(true).build();
        if (key.keepConnections()) {
            this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                    .setConnectionFactory(QuietConnectionFactory.INSTANCE)
                    .setDnsResolver(dns)
                    .setTlsSocketStrategy(tls)
                    .setMaxConnPerRoute(globals.maxConnectionsPerHost())
                    .setMaxConnTotal(globals.maxConnectionsTotal())
                    .setDefaultConnectionConfig(connectionConfig)
                    .setDefaultSocketConfig(socketConfig)
                    .build();
            this.shared = build(pool);
            this.sharedClient = new Client(shared, null, null);
        } else {
            this.pool = null;
            this.shared = null;
            this.sharedClient = null;
        }
        if (key.httpVersion().allowsHttp2()) {
            async();   // now rather than inside the first request's deadline: it starts I/O threads
        }
    }

    /**
     * Whether blocking attempts go through the asynchronous transport: when the connection may
     * speak HTTP/2, which only that transport does. Otherwise the classic one, measured faster for
     * blocking HTTP/1.1 calls (docs/engine.md).
     */
    boolean blockingGoesAsync() {
        return key.httpVersion().allowsHttp2();
    }

    /** The asynchronous transport of this profile, made on first use; null once closed. */
    AsyncTransport async() {
        AsyncTransport a = async;
        if (a != null || closed) {
            return closed ? null : a;
        }
        asyncMaking.lock();
        try {
            if (async == null && !closed) {
                async = new AsyncTransport(key, globals, tls, dns);
            }
            return closed ? null : async;
        } finally {
            asyncMaking.unlock();
        }
    }

    /** The client for one attempt; close it when the attempt is over. */
    Client forAttempt() {
        return sharedClient != null ? sharedClient : oneOff();
    }

    /** A client with no connection yet, whose connection is closed when the client is. */
    Client oneOff() {
        OneOff o = idleOneOffs.pollFirst();
        if (o != null) {
            idleCount.decrementAndGet();
        } else {
            o = new OneOff();
        }
        oneOffOpen.incrementAndGet();
        return new Client(o.http, this, o);
    }

    /** An attempt is over with {@code o}: its connection closed, kept for the next attempt, or closed with it. */
    private void ended(OneOff o) {
        if (!closed && o.endAttempt()) {
            if (idleCount.incrementAndGet() <= MAX_IDLE_ONE_OFFS) {
                idleOneOffs.offerFirst(o);
                if (closed) {
                    closeIdleOneOffs();   // closed meanwhile: nothing may stay behind
                }
                return;
            }
            idleCount.decrementAndGet();
        }
        // A normal close (FIN, TLS close_notify) like curl's; a connection dropped on purpose
        // (deadline, size limit) was already closed hard by the cancel.
        o.http.close(CloseMode.GRACEFUL);
    }

    private void closeIdleOneOffs() {
        OneOff o;
        while ((o = idleOneOffs.pollFirst()) != null) {
            idleCount.decrementAndGet();
            o.http.close(CloseMode.GRACEFUL);
        }
    }

    /**
     * A one-off client: HttpClient's single-connection manager behind a manager that counts its
     * leases and a factory that remembers the connection it made last, so that the end of an
     * attempt can tell for certain that nothing of it is left open.
     */
    private final class OneOff implements HttpClientConnectionManager, HttpConnectionFactory<ManagedHttpClientConnection> {
        private final BasicHttpClientConnectionManager basic;
        private final CloseableHttpClient http;
        private final AtomicInteger leased = new AtomicInteger();
        /** The connection made last (the manager closes the one before when it makes another). */
        private volatile ManagedHttpClientConnection last;
        /** A release failed: closed at the end of its attempt, never handed to another. */
        private volatile boolean spoilt;

        OneOff() {
            basic = BasicHttpClientConnectionManager.create(null, dns,
                    RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build(), this);
            basic.setConnectionConfig(connectionConfig);
            basic.setSocketConfig(socketConfig);
            http = build(this);
        }

        @Override
        public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
            ManagedHttpClientConnection c = QuietConnectionFactory.INSTANCE.createConnection(socket);
            last = c;
            return c;
        }

        /**
         * Closes what the attempt left open (a connection kept for a hop that did not come) and says
         * whether the client may serve another attempt: only with no lease outstanding and its
         * last connection closed.
         */
        boolean endAttempt() {
            if (leased.get() != 0 || spoilt || basic.isClosed()) {
                return false;
            }
            basic.closeIdle(TimeValue.ZERO_MILLISECONDS);
            ManagedHttpClientConnection c = last;
            last = null;
            return c == null || !c.isOpen();
        }

        @Override
        public LeaseRequest lease(String id, HttpRoute route, Timeout requestTimeout, Object state) {
            LeaseRequest request = basic.lease(id, route, requestTimeout, state);
            return new LeaseRequest() {
                @Override
                public ConnectionEndpoint get(Timeout timeout)
                        throws InterruptedException, ExecutionException, TimeoutException {
                    ConnectionEndpoint endpoint = request.get(timeout);
                    leased.incrementAndGet();
                    return endpoint;
                }

                @Override
                public boolean cancel() {
                    return request.cancel();
                }
            };
        }

        @Override
        public void release(ConnectionEndpoint endpoint, Object newState, TimeValue validDuration) {
            boolean released = false;
            try {
                basic.release(endpoint, newState, validDuration);
                released = true;
            } finally {
                if (released) {
                    leased.decrementAndGet();
                } else {
                    spoilt = true;   // the manager's state is unknown now: this client serves no other attempt
                }
            }
        }

        @Override
        public void connect(ConnectionEndpoint endpoint, TimeValue connectTimeout, HttpContext context)
                throws IOException {
            basic.connect(endpoint, connectTimeout, context);
        }

        @Override
        public void upgrade(ConnectionEndpoint endpoint, HttpContext context) throws IOException {
            basic.upgrade(endpoint, context);
        }

        @Override
        public void close(CloseMode closeMode) {
            basic.close(closeMode);
        }

        @Override
        public void close() {
            basic.close();
        }
    }

    /** The resolver the attempts must resolve through before HttpClient connects. */
    HostResolver dns() {
        return dns;
    }

    /**
     * Code 89 for an attempt that found every pooled connection in use until its deadline, naming
     * the bound that was full and the key that sets it.
     */
    EngineFailure noConnection(URI url, Deadline deadline) {
        return pool == null ? noConnection(0, 1, 1, url, deadline)
                : noConnection(pool.getTotalStats().getLeased(), pool.getMaxTotal(), pool.getDefaultMaxPerRoute(), url,
                        deadline);
    }

    /** Code 89, naming the pool bound that was full ({@code leased} of {@code max} in use, else the per-host one). */
    static EngineFailure noConnection(int leased, int max, int perHost, URI url, Deadline deadline) {
        String why;
        if (leased >= max) {
            why = "all " + max + " connections of the pool are in use (httpclient.max_connections=" + max + ")";
        } else {
            why = "all " + perHost + " connections to " + url.getHost() + ":" + UrlJoin.port(url)
                    + " are in use (httpclient.max_connections_per_host=" + perHost + ")";
        }
        return new EngineFailure(CurlError.NO_CONNECTION_AVAILABLE,
                "No connection available in " + deadline.budgetMillis() + " milliseconds: " + why);
    }

    /** What this transport's connections are doing right now: the classic ones, then the asynchronous ones (if made). */
    java.util.List<PoolStats> stats() {
        int oneOff = oneOffOpen.get();
        PoolStats classic;
        if (pool == null) {
            classic = new PoolStats(profile, oneOff, 0, 0, 0);
        } else {
            org.apache.hc.core5.pool.PoolStats s = pool.getTotalStats();
            classic = new PoolStats(profile, s.getLeased() + oneOff, s.getPending(), s.getAvailable(), s.getMax());
        }
        AsyncTransport a = async;
        return a == null ? java.util.List.of(classic) : java.util.List.of(classic, a.stats());
    }

    private CloseableHttpClient build(HttpClientConnectionManager cm) {
        HttpClientBuilder b = HttpClientBuilder.create()
                .setConnectionManager(cm)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .disableConnectionState()
                .disableDefaultUserAgent()
                .setDefaultAuthSchemeRegistry(AUTH_SCHEMES)
                .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "httpcon-hide-query",
                        QuietConnectionFactory.HIDE_QUERY)
                // HTTP/1.1 keeps connections by default; curl does not send "Connection: keep-alive"
                // and neither do we (HttpClient adds it unless a request says otherwise).
                .addRequestInterceptorLast((request, entity, context) -> {
                    Header c = request.getFirstHeader(HttpHeaders.CONNECTION);
                    if (c != null && c.getValue().equalsIgnoreCase("keep-alive")) {
                        request.removeHeader(c);
                    }
                });
        if (proxy != null) {
            b.setProxy(proxy);
        }
        return b.build();
    }

    @SuppressWarnings("deprecation") // NTLM: deprecated in HttpClient 5.6 and not registered by default; see docs/engine.md
    private static Lookup<AuthSchemeFactory> authSchemes() {
        return RegistryBuilder.<AuthSchemeFactory>create()
                .register(StandardAuthScheme.BASIC, BasicSchemeFactory.INSTANCE)
                .register(StandardAuthScheme.DIGEST, DigestSchemeFactory.INSTANCE)
                .register("NTLM", org.apache.hc.client5.http.impl.auth.NTLMSchemeFactory.INSTANCE)
                .build();
    }

    /** Closes the shared pool at once, connections in use or not (the engine is being shut down). */
    @Override
    public void close() {
        shutDown(CloseMode.IMMEDIATE);
    }

    /**
     * Closes the transport of a profile no configuration uses any more, and that no attempt
     * holds: its idle connections end normally (FIN, TLS close_notify, HTTP/2 GOAWAY), as curl's
     * would, and the asynchronous transport's I/O threads stop.
     */
    void closeIdle() {
        shutDown(CloseMode.GRACEFUL);
    }

    private void shutDown(CloseMode mode) {
        asyncMaking.lock();
        try {
            closed = true;   // no asynchronous transport is made after this
        } finally {
            asyncMaking.unlock();
        }
        try {
            closeIdleOneOffs();
            if (shared != null) {
                shared.close(mode);
            }
        } finally {
            AsyncTransport a = async;
            if (a != null) {
                a.close(mode);
            }
        }
    }

    /**
     * An HTTP client for one attempt; closing it ends a one-off client's attempt (once, however
     * often close is called): its connection is closed. Closing the shared client does nothing.
     */
    static final class Client implements Closeable {
        private final CloseableHttpClient http;
        private final Transport transport;
        private final OneOff oneOff;
        private final AtomicBoolean closed = new AtomicBoolean();

        /** @param oneOff the one-off client of this attempt, or null (and {@code transport} too) for the shared client */
        Client(CloseableHttpClient http, Transport transport, OneOff oneOff) {
            this.http = http;
            this.transport = transport;
            this.oneOff = oneOff;
        }

        CloseableHttpClient http() {
            return http;
        }

        @Override
        public void close() {
            if (oneOff != null && closed.compareAndSet(false, true)) {
                try {
                    transport.ended(oneOff);
                } finally {
                    transport.oneOffOpen.decrementAndGet();
                }
            }
        }
    }

    /** Closes quietly: the engine reports failures as results, never as exceptions. */
    static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing to report: the result is decided already
        }
    }
}
