package dev.httpcon;

import dev.httpcon.engine.ConnectionRegistry;
import dev.httpcon.engine.ConnectionRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
 * }</pre>
 */
public class HttpConnections {

    private final ConnectionRegistry registry;
    private final Function<String, HttpConnection> lookup;
    private final HttpQuery query;

    /** For CDI proxies only. */
    protected HttpConnections() {
        this.registry = null;
        this.lookup = null;
        this.query = null;
    }

    /**
     * The developer API over a registry. {@code lookup} gives the connection to send through for a
     * defined name (in CDI: the intercepted bean). Applications get this from CDI or
     * {@code dev.httpcon.standalone.StandaloneHttpCon}.
     */
    public HttpConnections(ConnectionRegistry registry, Function<String, HttpConnection> lookup, HttpQuery query) {
        this.registry = Objects.requireNonNull(registry, "registry must be set");
        this.lookup = Objects.requireNonNull(lookup, "lookup must be set");
        this.query = Objects.requireNonNull(query, "query must be set");
    }

    /** Whether a connection with this name is defined: the original's {@code http_connection_exists}. */
    public boolean exists(String name) {
        return name != null && registry.runtime(name) != null;
    }

    /**
     * The original's {@code http_connect}: GET {@code path} on the named connection, or POST
     * {@code body} with {@code contentType} when {@code body} is not {@code null}. An unknown
     * connection name gives code -1 and sends nothing.
     */
    public HttpResult connect(String name, String path, String contentType, String body) {
        if (!exists(name)) {
            return HttpResult.invalid("no connection named '" + name + "'; defined: " + names());
        }
        HttpConnection c = lookup.apply(name);
        return body == null ? c.get(path) : c.post(path, contentType, body);
    }

    /** The original's {@code http_query}: GET, or POST when {@code post} is not null, with the globals. */
    public HttpResult query(String url, String post) {
        return query.query(url, post);
    }

    /**
     * The original's {@code http_get_content_type}: the Content-Type of this thread's last response
     * on the named connection; {@code null} for an unknown name or when there is none.
     */
    public String contentType(String name) {
        return exists(name) ? lookup.apply(name).lastContentType() : null;
    }

    /** The connection with this name; {@link NoSuchElementException} naming the defined ones otherwise. */
    public HttpConnection get(String name) {
        return find(name).orElseThrow(() ->
                new NoSuchElementException("no connection named '" + name + "'; defined: " + names()));
    }

    /** The connection with this name, if defined. */
    public Optional<HttpConnection> find(String name) {
        return exists(name) ? Optional.of(lookup.apply(name)) : Optional.empty();
    }

    /** Every defined connection name, in definition order. */
    public Set<String> names() {
        return registry.names();
    }

    /** The original's RPC {@code httpclient.listcon}: every connection, without secrets, with counts. */
    public List<ConnectionInfo> list() {
        List<ConnectionInfo> rows = new ArrayList<>();
        for (ConnectionRuntime r : registry.runtimes()) {
            rows.add(r.info());
        }
        return rows;
    }
}
