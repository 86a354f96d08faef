package dev.httpcon;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The original's developer API for other modules, by connection name, plus listcon.
 *
 * <pre>{@code
 * @Inject HttpConnections http;
 *
 * if (http.exists("apiserver")) {                                        // http_connection_exists
 *     HttpResult r = http.connect("apiserver", "/mailbox", "application/json", json); // http_connect
 *     String type = http.contentType("apiserver");                        // http_get_content_type
 * }
 * HttpResult q = http.query("http://10.0.0.5/ping", null);                // http_query
 * http.list().forEach(c -> System.out.println(c.name() + " ok=" + c.ok()));  // httpclient.listcon
 * http.reload();                                                          // read the configuration again
 *
 * http.disable("apiserver");                       // maintenance: calls skip it, go to its failover
 * ConnectionState s = http.state("apiserver");     // DISABLED
 * http.enable("apiserver");                        // AVAILABLE again
 * }</pre>
 *
 * <p>Connections found here are the same objects as the injected ones (failover, redirect
 * capture and counts apply). Applications get this from CDI or from
 * {@code dev.httpcon.standalone.StandaloneHttpCon}.
 */
public interface HttpConnections {

    /** Whether a connection with this name is defined: the original's {@code http_connection_exists}. */
    boolean exists(String name);

    /**
     * The original's {@code http_connect}: GET {@code path} on the named connection, or POST
     * {@code body} with {@code contentType} when {@code body} is not {@code null}. An unknown
     * connection name gives code -1 and sends nothing.
     */
    HttpResult connect(String name, String path, String contentType, String body);

    /**
     * {@link #connect(String, String, String, String)} with extra request headers (name to
     * value), which win over the connection's default headers of the same name.
     *
     * @throws IllegalArgumentException for an invalid header, as {@link HttpConnection#get(String, Map)}
     */
    HttpResult connect(String name, String path, String contentType, String body, Map<String, String> headers);

    /** The original's {@code http_query}: GET, or POST when {@code post} is not null, with the globals. */
    HttpResult query(String url, String post);

    /**
     * {@link #connect} without waiting, as {@link HttpConnection#sendAsync(HttpRequest, Executor)}
     * (never exceptional, cancel gives 42); completes on {@code completions}, or on the connection's
     * default when {@code null}. An unknown name gives code -1 at once.
     */
    CompletableFuture<HttpResult> connectAsync(String name, String path, String contentType, String body,
                                               Executor completions);

    /** {@link #query} without waiting, as {@link HttpQuery#queryAsync}. */
    CompletableFuture<HttpResult> queryAsync(String url, String post, Executor completions);

    /**
     * The original's {@code http_get_content_type}: the Content-Type of this thread's last response
     * on the named connection; {@code null} for an unknown name or when there is none.
     */
    String contentType(String name);

    /** The connection with this name; {@link NoSuchElementException} naming the defined ones otherwise. */
    HttpConnection get(String name);

    /** The connection with this name, if defined. */
    Optional<HttpConnection> find(String name);

    /** Every defined connection name, in definition order. */
    Set<String> names();

    /** The original's RPC {@code httpclient.listcon}: every connection, without secrets, with counts. */
    List<ConnectionInfo> list();

    /**
     * Reads every configuration source again, validates the whole configuration exactly as at
     * deployment and puts it in force at once; if anything is invalid, nothing changes and the
     * result lists every problem. Calls that start afterwards use the new settings, calls in
     * flight finish on theirs; added connections can be used at once through this API (an
     * injection point of a new name needs a redeploy), removed ones answer -1. Never throws for
     * an invalid configuration.
     *
     * <pre>{@code
     * ReloadResult r = http.reload();
     * System.out.println(r.summary());   // reload (api): applied, generation 2: 1 added, 0 removed, 1 changed
     * }</pre>
     */
    ReloadResult reload();

    /**
     * The state of the named connection now.
     *
     * @throws NoSuchElementException naming the defined connections, for an unknown name
     */
    ConnectionState state(String name);

    /**
     * Takes the named connection out of service by hand: it becomes {@link ConnectionState#DISABLED}
     * and every call skips it (its failover takes the call) until {@link #enable}. Calls in
     * flight finish. Logged and announced ({@link ConnectionStateChanged}) when the state changes.
     *
     * @return the state now: {@link ConnectionState#DISABLED}
     * @throws NoSuchElementException naming the defined connections, for an unknown name
     */
    ConnectionState disable(String name);

    /**
     * Puts the named connection back in service by hand: it becomes {@link ConnectionState#AVAILABLE}
     * whatever its state was (also out of NOTREACHABLE, for an operator who knows the server is
     * back), with its count of failed attempts reset.
     *
     * @return the state now: {@link ConnectionState#AVAILABLE}
     * @throws NoSuchElementException naming the defined connections, for an unknown name
     */
    ConnectionState enable(String name);
}
