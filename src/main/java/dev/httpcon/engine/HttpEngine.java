package dev.httpcon.engine;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.PoolStats;
import dev.httpcon.config.AuthMethod;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends requests with Apache HttpClient 5, doing for one connection and one request what libcurl
 * does for the original module: the same result codes, redirect rules, auth rules, total timeout,
 * size limit and connection reuse (see {@code docs/engine.md} for the whole mapping).
 *
 * <pre>{@code
 * try (HttpEngine engine = new HttpEngine(settings)) {
 *     HttpResult r = engine.execute(settings.connection("api"), HttpRequest.get("/status"));
 *     HttpResult q = engine.query("http://127.0.0.1:8080/json", null, null);
 * }
 * }</pre>
 *
 * <p>Never throws for network or server trouble: every failure is a result with libcurl's code
 * and a message without credentials. Thread-safe; connections with the same TLS, proxy and
 * keep-connections settings share one HttpClient and pool, made on first use.
 */
public final class HttpEngine implements AutoCloseable {

    /** {@link HttpResult#servedBy()} of {@link #query} results. */
    public static final String QUERY_NAME = "http_client_query";

    private static final System.Logger LOG = System.getLogger(HttpEngine.class.getName());

    private final HttpConSettings settings;
    private final Shared shared;
    /**
     * The transport of each configured connection, looked up by name (a String keeps its hash):
     * making and hashing a {@link TransportKey} (TLS settings, proxy, ...) on every request showed
     * in {@code bench/} profiles. Only for the very settings instance configured; any other
     * settings (queries, tests) go through the key.
     */
    private final Map<String, Prepared> prepared;
    /** Every transport this engine acquired, by key: released, once, by {@link #close()}. */
    private final ConcurrentMap<TransportKey, Transport> held = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Prepared(ConnectionSettings settings, Transport transport, JoinedUrls urls) {
    }

    /**
     * What the generations of one engine share: the transports (pools), the deadline thread and the
     * name resolver (its cache and threads). All are closed with the last generation.
     */
    private static final class Shared {
        final HostResolver dns;
        final Transports transports;
        final DeadlineTimer timer = new DeadlineTimer();
        private int open;

        Shared(HostResolver dns) {
            this.dns = dns;
            this.transports = new Transports(dns);
        }

        synchronized void opened() {
            open++;
        }

        /** One generation fewer; true for the last one. */
        synchronized boolean closedOne() {
            return --open == 0;
        }
    }

    public HttpEngine(HttpConSettings settings) {
        this(settings, HostResolver.SYSTEM, HostResolver.Ttl.fromJvm());
    }

    /** An engine whose name lookups go through {@code lookup}, cached for {@code ttl} (a seam for tests). */
    HttpEngine(HttpConSettings settings, HostResolver.Lookup lookup, HostResolver.Ttl ttl) {
        this(settings, new Shared(new HostResolver(lookup, ttl)));
    }

    private HttpEngine(HttpConSettings settings, Shared shared) {
        this.settings = Objects.requireNonNull(settings, "settings must be set");
        this.shared = shared;
        shared.opened();
        // Made now rather than on first use: an SSLContext takes a while to set up, and that
        // time would otherwise come out of the first request's deadline. Thousands of
        // connections with one profile still make one transport.
        transport(TransportKey.of(settings.globals().forUrl(QUERY_NAME, URI.create("http://localhost/"), null, null)));
        Map<String, Prepared> map = new HashMap<>();
        settings.connections().values().forEach(c -> map.put(c.name(),
                new Prepared(c, transport(TransportKey.of(c)), new JoinedUrls(c.url()))));
        this.prepared = Map.copyOf(map);
    }

    /**
     * The engine for the next generation of the configuration (a reload): it shares this engine's
     * transports, so a transport profile both have keeps its pool and open connections, and makes
     * the ones only {@code next} has. Close this engine once no attempt runs on it any more: the
     * transports only it used are closed then.
     */
    public HttpEngine next(HttpConSettings next) {
        return new HttpEngine(next, shared);
    }

    /** One attempt of {@code request} on {@code connection}. Never throws for network or server trouble. */
    public HttpResult execute(ConnectionSettings connection, HttpRequest request) {
        return execute(connection, request, connection.timeout(), WireObserver.NONE);
    }

    /**
     * One attempt of {@code request} on {@code connection} within {@code timeout} rather than the
     * connection's own: the core's seam for a call's budget, which gives each attempt the smaller
     * of the connection's {@code timeout} and what is left of the call ({@link Duration#ZERO}: none).
     * Never throws for network or server trouble.
     */
    public HttpResult execute(ConnectionSettings connection, HttpRequest request, Duration timeout) {
        return execute(connection, request, timeout, WireObserver.NONE);
    }

    /**
     * {@link #execute(ConnectionSettings, HttpRequest, Duration)}, telling {@code observer} of each
     * HTTP request it sends (the core's seam for measurements and spans).
     */
    public HttpResult execute(ConnectionSettings connection, HttpRequest request, Duration timeout,
                              WireObserver observer) {
        Objects.requireNonNull(connection, "connection must be set");
        Objects.requireNonNull(request, "request must be set");
        Objects.requireNonNull(observer, "observer must be set");
        long start = System.nanoTime();
        HttpResult.Builder result = HttpResult.builder().servedBy(connection.name());
        if (request.method().equals("CONNECT")) {
            return HttpResult.invalid("CONNECT is not a request method httpcon sends");
        }
        if (Thread.currentThread().isInterrupted()) {
            // Interrupted before it started: nothing is sent, and the flag stays for the caller.
            EngineFailure aborted = ErrorMapping.aborted();
            return finish(result.error(aborted.error(), aborted.getMessage()), connection, start);
        }
        try {
            request = withDefaultHeaders(connection, request);
        } catch (IllegalArgumentException tooMany) {
            return HttpResult.invalid(connection.name() + ": " + tooMany.getMessage() + " with the default headers");
        }
        Prepared p = prepared(connection);
        Transport transport = transport(connection, p);
        if (transport != null && transport.blockingGoesAsync()) {
            // HTTP/2: only the async transport speaks it (it adds the default headers again: a no-op,
            // the request has them now)
            return await((AsyncCall) executeAsync(connection, request, timeout, observer, null));
        }
        try (Deadline deadline = startDeadline(timeout)) {
            URI url = p != null ? p.urls().join(request.path()) : UrlJoin.join(connection.url(), request.path());
            if (transport == null) {
                throw ErrorMapping.closed();
            }
            new RedirectLoop(new AttemptPlan(connection, deadline, url, request, observer), transport).run(result);
        } catch (EngineFailure f) {
            result.error(f.error(), f.getMessage());
        }
        return finish(result, connection, start);
    }

    /**
     * One attempt of {@code request} on {@code connection}, asynchronously: exactly the attempt of
     * {@link #execute} (the same codes, redirects and their capture, credentials, TLS, proxy,
     * {@code maxdatasize}, deadline, connection reuse and re-send), but no thread waits for it. The
     * attempt runs on the engine's I/O threads; thousands in flight hold no thread each.
     *
     * <pre>{@code
     * engine.executeAsync(settings.connection("api"), HttpRequest.get("/route?user=bob"), sipExecutor)
     *       .thenAccept(r -> answer(r.code(), r.bodyText()));   // runs on sipExecutor
     * }</pre>
     *
     * <p>The future never completes exceptionally for network or server trouble: the result
     * carries the code, as {@link #execute}'s does. It completes on {@code completions} (so code
     * attached to it never runs on an I/O thread, where it would stall every other request), or,
     * when {@code completions} is {@code null}, on the engine's thread that ended the attempt: for
     * callers that only wait on the future. If {@code completions} refuses the task (shut down,
     * saturated), the future completes on the common fork-join pool instead, never on an I/O
     * thread.
     *
     * <p>{@code cancel(...)} on the returned future stops the attempt: the exchange in flight is
     * aborted (an HTTP/1.1 connection closed, an HTTP/2 stream reset), its connection released,
     * and the future completes normally with code 42 ({@code isCancelled()} stays {@code false}:
     * the result says what happened, as for every other failure), on the cancelling thread.
     * {@code cancel} returns whether it was that cancel that completed the future.
     */
    public CompletableFuture<HttpResult> executeAsync(ConnectionSettings connection, HttpRequest request,
                                                      Executor completions) {
        return executeAsync(connection, request, connection.timeout(), completions);
    }

    /**
     * {@link #executeAsync(ConnectionSettings, HttpRequest, Executor)} within {@code timeout}
     * rather than the connection's own: the seam of a call's budget, as for {@link #execute(
     * ConnectionSettings, HttpRequest, Duration)} ({@link Duration#ZERO}: none).
     */
    public CompletableFuture<HttpResult> executeAsync(ConnectionSettings connection, HttpRequest request,
                                                      Duration timeout, Executor completions) {
        return executeAsync(connection, request, timeout, WireObserver.NONE, completions);
    }

    /**
     * {@link #executeAsync(ConnectionSettings, HttpRequest, Duration, Executor)}, telling
     * {@code observer} of each HTTP request it sends, as {@link #execute(ConnectionSettings,
     * HttpRequest, Duration, WireObserver)} does (on the attempt's I/O threads, one request after
     * the other).
     */
    public CompletableFuture<HttpResult> executeAsync(ConnectionSettings connection, HttpRequest request,
                                                      Duration timeout, WireObserver observer, Executor completions) {
        Objects.requireNonNull(observer, "observer must be set");
        Objects.requireNonNull(connection, "connection must be set");
        Objects.requireNonNull(request, "request must be set");
        long start = System.nanoTime();
        AsyncCall call = new AsyncCall(connection, start, completions);
        HttpResult.Builder result = HttpResult.builder().servedBy(connection.name());
        if (request.method().equals("CONNECT")) {
            call.deliver(HttpResult.invalid("CONNECT is not a request method httpcon sends"));
            return call;
        }
        try {
            request = withDefaultHeaders(connection, request);
        } catch (IllegalArgumentException tooMany) {
            call.deliver(HttpResult.invalid(connection.name() + ": " + tooMany.getMessage() + " with the default headers"));
            return call;
        }
        Deadline deadline = null;
        try {
            Prepared p = prepared(connection);
            URI url = p != null ? p.urls().join(request.path()) : UrlJoin.join(connection.url(), request.path());
            Transport transport = transport(connection, p);
            AsyncTransport async = transport == null ? null : transport.async();
            if (async == null) {
                throw ErrorMapping.closed();
            }
            deadline = startDeadline(timeout);
            AsyncExchange exchange = new AsyncExchange(new AttemptPlan(connection, deadline, url, request, observer),
                    async, shared.dns,
                    result, ended -> call.deliver(finish(ended.result(), connection, start)));
            call.started(exchange);
            exchange.start();
        } catch (EngineFailure f) {
            if (deadline != null) {
                deadline.detach();
            }
            call.deliver(finish(result.error(f.error(), f.getMessage()), connection, start));
        } catch (RuntimeException bug) {
            if (deadline != null) {
                deadline.detach();
            }
            LOG.log(System.Logger.Level.WARNING, connection.name() + ": unexpected failure", bug);
            call.deliver(finish(result.error(CurlError.RECV_ERROR, "internal failure: " + bug), connection, start));
        }
        return call;
    }

    /**
     * The result of a call cancelled by its caller (code 42), as an asynchronous attempt answers
     * when its future is cancelled: for a front door whose call was cancelled between attempts.
     */
    public static HttpResult cancelled(String connection) {
        EngineFailure why = ErrorMapping.cancelled();
        return HttpResult.builder().servedBy(connection).error(why.error(), why.getMessage()).sent(false).build();
    }

    /**
     * Waits for an asynchronous attempt on the calling thread, as a blocking call: an interrupt
     * aborts it (code 42, the interrupt flag kept), as it does on the classic transport.
     */
    private static HttpResult await(AsyncCall call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            call.abort(ErrorMapping.aborted());
            Thread.currentThread().interrupt();
            return call.getNow(null);
        } catch (java.util.concurrent.ExecutionException e) {
            // never: the future only completes normally
            return HttpResult.builder().error(CurlError.RECV_ERROR, "internal failure: " + e.getCause()).build();
        }
    }

    /**
     * The future of an asynchronous attempt: completed on the caller's executor, and cancelled by
     * stopping the attempt with code 42 (see {@link #executeAsync}).
     */
    private static final class AsyncCall extends CompletableFuture<HttpResult> {
        private final ConnectionSettings connection;
        private final long start;
        private final Executor completions;
        private volatile AsyncExchange exchange;
        /** The thread cancelling the call: the result it causes completes the future on that thread. */
        private volatile Thread aborting;

        AsyncCall(ConnectionSettings connection, long start, Executor completions) {
            this.connection = connection;
            this.start = start;
            this.completions = completions;
        }

        void started(AsyncExchange x) {
            exchange = x;
        }

        void deliver(HttpResult r) {
            if (completions == null || aborting == Thread.currentThread()) {
                complete(r);
                return;
            }
            try {
                completions.execute(() -> complete(r));
            } catch (RejectedExecutionException refused) {
                ForkJoinPool.commonPool().execute(() -> complete(r));
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return abort(ErrorMapping.cancelled());
        }

        /** Stops the attempt with {@code why} (42); true if that completed this future. */
        boolean abort(EngineFailure why) {
            if (isDone()) {
                return false;
            }
            aborting = Thread.currentThread();
            try {
                AsyncExchange x = exchange;
                if (x != null) {
                    x.stop(why);
                }
                // the attempt had already ended and its result is on its way to the executor: the cancel wins
                HttpResult.Builder r = HttpResult.builder().servedBy(connection.name()).error(why.error(),
                        why.getMessage());
                return complete(finish(r, connection, start)) || isDone() && getNow(null).code() == why.error().code();
            } finally {
                aborting = null;
            }
        }
    }

    /**
     * The original's {@code http_client_query(url, [post], [hdrs])} with the global settings: a GET,
     * or a POST when {@code postData} is neither null nor empty (Content-Type
     * {@code application/x-www-form-urlencoded} unless a header line sets one). {@code headerLines}
     * are raw header lines separated by CRLF (or LF), or null. Credentials in the URL are sent with
     * Basic authentication on the first request, as the original did. Invalid arguments (a blank
     * URL, a malformed header line) give code -1; a URL of another scheme ({@code ftp://},
     * {@code file://}, ...) gives code 1 (Unsupported protocol) and one without a scheme, or
     * malformed, code 3, as libcurl; in every one of these cases nothing is sent.
     */
    public HttpResult query(String url, String postData, String headerLines) {
        Object q = prepareQuery(url, postData, headerLines);
        return q instanceof Query query ? execute(query.connection(), query.request()) : (HttpResult) q;
    }

    /**
     * {@link #query} asynchronously, as {@link #executeAsync} runs an attempt: the same request,
     * codes and completion rules.
     */
    public CompletableFuture<HttpResult> queryAsync(String url, String postData, String headerLines,
                                                    Executor completions) {
        Object q = prepareQuery(url, postData, headerLines);
        if (q instanceof Query query) {
            return executeAsync(query.connection(), query.request(), completions);
        }
        AsyncCall call = new AsyncCall(settings.globals().forUrl(QUERY_NAME, URI.create("http://localhost/"), null,
                null), System.nanoTime(), completions);
        call.deliver((HttpResult) q);
        return call;
    }

    private record Query(ConnectionSettings connection, HttpRequest request) {
    }

    /** The connection settings and request of a query, or the result of one that is not sent. */
    private Object prepareQuery(String url, String postData, String headerLines) {
        if (url == null || url.isBlank()) {
            return HttpResult.invalid("http_client_query: the URL is empty");
        }
        List<HttpRequest.Header> headers;
        try {
            headers = HeaderLines.parse(headerLines);
        } catch (IllegalArgumentException e) {
            return HttpResult.invalid("http_client_query: " + e.getMessage());
        }
        URI target;
        try {
            target = UrlJoin.absolute(url);
        } catch (EngineFailure f) {
            // libcurl's codes: 1 for another scheme (ftp://, file://, ...), 3 for a malformed URL
            return HttpResult.builder().servedBy(QUERY_NAME).error(f.error(), f.getMessage()).build();
        }
        String user = null;
        Secret password = null;
        String userInfo = target.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = Secret.of(colon < 0 ? "" : decode(userInfo.substring(colon + 1)));
        }
        ConnectionSettings c = settings.globals().forUrl(QUERY_NAME, UrlJoin.withoutUserInfo(target), user, password);
        if (user != null) {
            // The original hands URL credentials to curl with Basic only: sent on the first request.
            c = new ConnectionSettings(c.name(), c.url(), c.username(), c.password(), Set.of(AuthMethod.BASIC),
                    c.keepConnections(), c.userAgent(), c.tls(), c.timeout(), c.maxDataSize(), c.followRedirects(),
                    c.maxRedirects(), c.proxy(), c.httpVersion(), null, c.resilience(), List.of(), c.origin(),
                    c.propagateTrace());
        }
        HttpRequest.Builder b;
        if (postData != null && !postData.isEmpty()) {
            boolean typed = headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Content-Type"));
            b = HttpRequest.builder("POST", "").body(typed ? null : "application/x-www-form-urlencoded", postData);
        } else {
            b = HttpRequest.builder("GET", "");
        }
        headers.forEach(h -> b.header(h.name(), h.value()));
        return new Query(c, b.build());
    }

    /**
     * {@code request} with the connection's default headers added, each unless the request has a
     * header of that name (in any letter case): the caller's header wins, all of its lines if it
     * repeats it. The request itself when nothing is added (nothing allocated).
     *
     * @throws IllegalArgumentException when the headers together are more than a request may carry
     */
    static HttpRequest withDefaultHeaders(ConnectionSettings connection, HttpRequest request) {
        List<HttpRequest.Header> defaults = connection.headers();
        if (defaults.isEmpty()) {
            return request;
        }
        List<HttpRequest.Header> own = request.headers();
        HttpRequest.Builder b = null;   // the caller's headers first, then the defaults it lacks
        for (HttpRequest.Header d : defaults) {
            boolean overridden = false;
            for (HttpRequest.Header h : own) {
                if (h.name().equalsIgnoreCase(d.name())) {
                    overridden = true;
                    break;
                }
            }
            if (!overridden) {
                if (b == null) {
                    b = request.toBuilder();
                }
                b.header(d.name(), d.value());
            }
        }
        return b == null ? request : b.build();
    }

    /**
     * How many HttpClients (transport profiles) are open: one per distinct TLS/proxy/keep set of the
     * generations not yet closed.
     */
    public int clientCount() {
        return shared.transports.size();
    }

    /**
     * What the connections of each transport profile are doing right now (leased, pending,
     * available): read-only, for health checks and leak tests. Empty once closed.
     */
    public List<PoolStats> poolStats() {
        return shared.transports.stats();
    }

    /**
     * Closes this engine: the transports no other generation uses are closed (call it once no
     * attempt runs on it). The last generation to close closes every client and pool, the
     * deadline thread and the name resolver; later requests on a closed engine give code 2.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        held.values().forEach(shared.transports::release);
        held.clear();
        if (shared.closedOne()) {
            shared.transports.close();
            shared.timer.close();
            shared.dns.close();
        }
    }

    /** What was prepared for {@code connection}, if it is a configured connection's very settings. */
    private Prepared prepared(ConnectionSettings connection) {
        Prepared p = prepared.get(connection.name());
        return p != null && p.settings() == connection ? p : null;
    }

    /** The transport for {@code connection} ({@code prepared}, if any); {@code null} once the engine is closed. */
    private Transport transport(ConnectionSettings connection, Prepared prepared) {
        if (closed.get() || shared.transports.isClosed()) {
            return null;
        }
        return prepared != null ? prepared.transport() : transport(TransportKey.of(connection));
    }

    /** The transport of {@code key}, acquired by this engine on first use; null once closed. */
    private Transport transport(TransportKey key) {
        Transport t = held.get(key);
        return t != null ? t : held.computeIfAbsent(key, k -> shared.transports.acquire(k, settings.globals()));
    }

    private Deadline startDeadline(Duration timeout) throws EngineFailure {
        try {
            return Deadline.start(timeout, shared.timer);
        } catch (RejectedExecutionException e) {
            throw ErrorMapping.closed();   // the timer is closed: close() was called
        }
    }

    private static HttpResult finish(HttpResult.Builder result, ConnectionSettings connection, long start) {
        result.elapsed(Duration.ofNanos(System.nanoTime() - start));
        HttpResult r = result.build();
        return scrub(r, connection);
    }

    /**
     * Belt and braces: messages come from our own texts and from exception messages that never
     * carry credentials, but a password must not reach a log through a result in any case.
     */
    private static HttpResult scrub(HttpResult r, ConnectionSettings c) {
        if (r.message() == null || c.password() == null || c.password().isEmpty()
                || !r.message().contains(c.password().reveal())) {
            return r;
        }
        HttpResult.Builder b = r.toBuilder();
        return b.error(r.error(), r.message().replace(c.password().reveal(), "****")).build();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
