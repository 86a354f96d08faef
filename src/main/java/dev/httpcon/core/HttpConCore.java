package dev.httpcon.core;

import dev.httpcon.ConnectionState;
import dev.httpcon.ConnectionStateChanged;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import dev.httpcon.PoolStats;
import dev.httpcon.config.HttpConSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

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
        Recording recording = new Recording(recorder);
        this.pipeline = Pipeline.standard(recording, new HealthMonitor(registry, recording));
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

    /**
     * Registers a listener of every change of connection state from now on, called on httpcon's
     * notification thread in the order of the changes; closing the result removes it.
     */
    public AutoCloseable onStateChange(Consumer<ConnectionStateChanged> listener) {
        return pipeline.monitor().listen(listener);
    }

    /** The state of a defined connection; {@link NoSuchElementException} naming the defined ones otherwise. */
    public ConnectionState state(String name) {
        return runtime(name).state();
    }

    /** An operator takes a connection out of service: DISABLED until {@link #enable}. */
    public ConnectionState disable(String name) {
        runtime(name).live().health.operator(ConnectionState.DISABLED, pipeline.monitor());
        return state(name);
    }

    /** An operator puts a connection back in service: AVAILABLE, its failure count reset. */
    public ConnectionState enable(String name) {
        runtime(name).live().health.operator(ConnectionState.AVAILABLE, pipeline.monitor());
        return state(name);
    }

    /**
     * The connections a call cannot be served through now: for each connection no other names as
     * its failover (where calls start), whose every connection along its failover chain is not
     * AVAILABLE, that chain with the states, e.g. {@code "routing" -> "routing NOTREACHABLE,
     * routing_backup DISABLED"}. Empty when every call can still be tried somewhere: what a
     * readiness check reports.
     */
    public Map<String, String> unusable() {
        Set<String> targets = new HashSet<>();
        for (ConnectionRuntime r : registry.runtimes()) {
            if (r.settings().failover() != null) {
                targets.add(r.settings().failover());
            }
        }
        Map<String, String> down = new LinkedHashMap<>();
        for (ConnectionRuntime head : registry.runtimes()) {
            if (targets.contains(head.name())) {
                continue;
            }
            List<String> chain = new ArrayList<>();
            boolean usable = false;
            Set<String> seen = new HashSet<>();
            for (ConnectionRuntime r = head; r != null && seen.add(r.name());
                 r = r.settings().failover() == null ? null : registry.runtime(r.settings().failover())) {
                ConnectionState state = r.state();
                if (state.takesCalls()) {
                    usable = true;
                    break;
                }
                chain.add(r.name() + " " + state);
            }
            if (!usable) {
                down.put(head.name(), String.join(", ", chain));
            }
        }
        return down;
    }

    private ConnectionRuntime runtime(String name) {
        ConnectionRuntime r = name == null ? null : registry.runtime(name);
        if (r == null) {
            throw new NoSuchElementException("no connection named '" + name + "'; defined: " + registry.names());
        }
        return r;
    }

    /** Stops the health probes and notifications, closes every client and pool. */
    @Override
    public void close() {
        pipeline.monitor().close();
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
