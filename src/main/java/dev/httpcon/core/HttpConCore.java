package dev.httpcon.core;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import dev.httpcon.PoolStats;
import dev.httpcon.config.HttpConSettings;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * httpcon's plain-Java core for one deployment: the live connections ({@link ConnectionRegistry}),
 * the one composition of the concerns around their attempts ({@link Pipeline}), and the objects
 * applications use ({@link HttpConnection}, {@link HttpConnections}, {@link HttpQuery}). Every
 * front door is built on it: the CDI extension (which runs the concerns as interceptors, through
 * an {@link Interception}) and {@code StandaloneHttpCon} (where the core runs them itself).
 *
 * <p>Internal: applications get connections from CDI or {@code StandaloneHttpCon}. Thread-safe.
 */
public final class HttpConCore implements AutoCloseable {

    private final ConnectionRegistry registry;
    private final Pipeline pipeline;
    private final Interception interception;
    /**
     * The connection objects, made on first use: a connection made through a container's
     * interception can only be made once the container runs, and ten thousand idle definitions
     * should cost nothing.
     */
    private final ConcurrentMap<String, DefaultHttpConnection> connections = new ConcurrentHashMap<>();
    private final HttpQuery query;
    private final HttpConnections api;

    private HttpConCore(HttpConSettings settings, MetricsRecorder recorder, Interception interception) {
        this.registry = ConnectionRegistry.create(settings);
        this.pipeline = Pipeline.standard(recorder);
        this.interception = interception;
        this.query = new DefaultHttpQuery(registry.engine());
        this.api = new DefaultHttpConnections(this);
    }

    /** A core that composes the concerns itself, recording attempts to {@code recorder}. */
    public static HttpConCore start(HttpConSettings settings, MetricsRecorder recorder) {
        Objects.requireNonNull(settings, "settings must be set");
        return new HttpConCore(settings, recorder, null);
    }

    /**
     * A core whose concerns a container runs, through {@code interception}. Attempts are recorded
     * nowhere but in the listcon counts until {@link #recorder} is given one.
     */
    public static HttpConCore start(HttpConSettings settings, Interception interception) {
        Objects.requireNonNull(settings, "settings must be set");
        return new HttpConCore(settings, MetricsRecorder.NOOP,
                Objects.requireNonNull(interception, "interception must be set"));
    }

    /** The connection with this name, or {@code null} if none is defined. */
    public HttpConnection connection(String name) {
        return registry.runtime(name) == null ? null : front(name);
    }

    /** The developer API: exists, connect, query, contentType, list. */
    public HttpConnections connections() {
        return api;
    }

    /** {@code http_client_query} with the globals. */
    public HttpQuery query() {
        return query;
    }

    public ConnectionRegistry registry() {
        return registry;
    }

    /** The settings in force. */
    public HttpConSettings settings() {
        return registry.settings();
    }

    /** What each transport's pooled and one-off connections are doing right now. */
    public List<PoolStats> poolStats() {
        return registry.engine().poolStats();
    }

    /** The stage of a concern, for a container's interceptor of that concern. */
    public Stage stage(Concern concern) {
        return pipeline.stage(concern);
    }

    /** Where attempts are recorded from now on. */
    public void recorder(MetricsRecorder recorder) {
        pipeline.recorder(recorder);
    }

    /** Closes every client and pool. */
    @Override
    public void close() {
        registry.close();
    }

    /** The front door of a defined connection: what a failover hop and the developer API send through. */
    DefaultHttpConnection front(String name) {
        DefaultHttpConnection c = connections.get(name);
        return c != null ? c : connections.computeIfAbsent(name, this::make);
    }

    private DefaultHttpConnection make(String name) {
        ConnectionRuntime runtime = registry.runtime(name);
        if (runtime == null) {
            throw new IllegalStateException("no connection named '" + name + "'; defined: " + registry.names());
        }
        Exchange exchange = interception == null ? new Exchange(pipeline, true)
                : interception.intercept(new Exchange(pipeline, false), pipeline.concernsFor(runtime.settings()));
        return new DefaultHttpConnection(name, this, exchange);
    }
}
