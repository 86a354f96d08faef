package dev.httpcon;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.Map;

/**
 * A named HTTP connection: a base URL and everything the original module lets a connection define
 * (credentials, timeout, TLS, proxy, redirects, size limit, failover). Inject it by name:
 *
 * <pre>{@code
 * @Inject @HttpCon("apiserver") HttpConnection api;
 *
 * HttpResult r = api.post("/callroute", "application/json", json);   // http_connect(...)
 * if (r.code() == 200) {
 *     String route = r.bodyText();
 *     String where = api.lastRedirect();                              // http_get_redirect(...)
 * }
 * HttpResult g = api.get("/route?uri=" + uri, Map.of("X-Trace", callId));   // with headers
 * HttpResult d = api.send(HttpRequest.builder("DELETE", "/sessions/17").header("X-Trace", id).build());
 * }</pre>
 *
 * <p>Calls never throw for network or server trouble: the result carries the HTTP status or the
 * curl error code, as the original's return value did. Safe for many threads at once.
 *
 * <p>Every call fails over to the connection named by {@code failover}, remembers the last redirect
 * and content type per calling thread, and counts each attempt (listcon, and metrics when present),
 * whether the connection was injected by CDI or taken from
 * {@code dev.httpcon.standalone.StandaloneHttpCon}; see {@code docs/usage.md}. Applications use
 * the connections httpcon gives them; implementing this interface is for test doubles.
 *
 * <p>No default methods on purpose: a CDI client proxy dispatches a default method of its bean
 * type on a slower path than an abstract one (measured: 80 bytes more allocated per {@code get}).
 */
public interface HttpConnection {

    /** The connection name. */
    String name();

    /**
     * GET the base URL joined with {@code path} (exactly one {@code /} between them; query strings
     * pass through): the original's {@code http_connect(connection, url, result)}.
     */
    HttpResult get(String path);

    /**
     * GET {@code path} with extra request headers (name to value). A header named here is sent
     * instead of the connection's default header of that name ({@code header.<Name>}).
     *
     * @throws IllegalArgumentException for a header name that is not an HTTP token or a value with
     *                                  CR, LF or NUL, as {@link HttpRequest.Builder#header} refuses;
     *                                  nothing is sent
     */
    HttpResult get(String path, Map<String, String> headers);

    /**
     * POST {@code body} (UTF-8) with a Content-Type: the original's
     * {@code http_connect(connection, url, content_type, data, result)}.
     */
    HttpResult post(String path, String contentType, String body);

    /**
     * POST {@code body} (UTF-8) with a Content-Type and extra request headers, as
     * {@link #get(String, Map)} adds them.
     *
     * @throws IllegalArgumentException for an invalid header, as {@link #get(String, Map)}
     */
    HttpResult post(String path, String contentType, String body, Map<String, String> headers);

    /** Sends any request: any method, extra headers, any body. */
    HttpResult send(HttpRequest request);

    /**
     * {@link #get} without waiting; see {@link #sendAsync(HttpRequest, Executor)}. Completes on
     * httpcon's completion pool.
     */
    CompletableFuture<HttpResult> getAsync(String path);

    /** {@link #post} without waiting; see {@link #sendAsync(HttpRequest, Executor)}. */
    CompletableFuture<HttpResult> postAsync(String path, String contentType, String body);

    /**
     * {@link #send} without waiting; completes on httpcon's completion pool. See
     * {@link #sendAsync(HttpRequest, Executor)}.
     */
    CompletableFuture<HttpResult> sendAsync(HttpRequest request);

    /**
     * Sends {@code request} and returns at once; no thread waits for the answer, so thousands of
     * calls can be in flight without a thread each. The call is the blocking call's in every
     * respect (the same codes, failover, budget, health, overload guard, measurements, limits and
     * secrets rules); only its result comes later:
     *
     * <pre>{@code
     * api.sendAsync(HttpRequest.get("/route?user=" + user), sipExecutor)
     *    .thenAccept(r -> {
     *        if (r.code() == 200) {
     *            forward(r.bodyText());
     *        } else {
     *            reject(r.code(), r.errorText());   // a curl code or an HTTP status, as for get()
     *        }
     *    });
     * }</pre>
     *
     * <ul>
     *   <li>Never completes exceptionally for network or server trouble: the result carries the
     *       code.</li>
     *   <li>Completes on {@code completions} (code attached before completion runs there), never
     *       on an I/O thread of the engine unless {@code completions} runs tasks on the thread
     *       that hands them over ({@code Runnable::run}): then on the I/O thread that ended the
     *       attempt, which saves the hop to another thread and suits only short code that never
     *       waits (anything slower stalls every exchange of that thread). A call that ends before
     *       any request is sent (a refusal of the overload guard, a spent budget, an unavailable
     *       connection without failover) may be complete already when returned.</li>
     *   <li>{@code cancel(...)} aborts the exchange in flight, releases its connection, starts no
     *       failover hop, and completes the future with code 42 ({@code isCancelled()} stays false:
     *       the result says what happened).</li>
     *   <li>{@link #lastRedirect()} and {@link #lastContentType()} are per calling thread and are
     *       not updated by an asynchronous call: read {@link HttpResult#effectiveUrl()} and
     *       {@link HttpResult#contentType()} from its result.</li>
     * </ul>
     *
     * @param completions where the future completes (a SIP container's {@code ManagedExecutorService},
     *                    an application's pool); {@code null}: httpcon's completion pool
     */
    CompletableFuture<HttpResult> sendAsync(HttpRequest request, Executor completions);

    /**
     * The effective URL of this thread's last request on this connection, after redirects: the
     * original's {@code http_get_redirect}. Empty before the first request and after a transport
     * error. Never contains credentials.
     */
    String lastRedirect();

    /**
     * The Content-Type of this thread's last response on this connection, or {@code null}: the
     * original's {@code http_get_content_type}.
     */
    String lastContentType();

    /** This connection's settings (without secrets) and counts, as a listcon row. */
    ConnectionInfo info();
}
