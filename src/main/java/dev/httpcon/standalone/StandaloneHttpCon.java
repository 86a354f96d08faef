package dev.httpcon.standalone;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConfigView;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.engine.ConnectionRegistry;
import dev.httpcon.engine.ConnectionRuntime;
import dev.httpcon.engine.FailoverPolicy;
import dev.httpcon.engine.PoolStats;
import dev.httpcon.metrics.MetricsRecorder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * httpcon without a CDI container: the same configuration keys, the same connections with
 * failover, per-thread redirect memory and counts, for plain Java programs and tests.
 *
 * <pre>{@code
 * try (StandaloneHttpCon http = StandaloneHttpCon.start(Map.of(
 *         "httpclient.httpcon", "api=>http://127.0.0.1:8080/api;timeout=2s;failover=backup,"
 *                             + "backup=>http://127.0.0.1:8081/api"))) {
 *     HttpResult r = http.connection("api").get("/status");
 *     System.out.println(r.code() + " from " + r.servedBy());
 * }
 * }</pre>
 *
 * <p>Invalid configuration throws {@link dev.httpcon.config.ConfigValidationException} listing every problem.
 */
public final class StandaloneHttpCon implements AutoCloseable {

    private final ConnectionRegistry registry;
    private final Map<String, HttpConnection> connections;
    private final HttpQuery query;
    private final HttpConnections api;

    private StandaloneHttpCon(HttpConSettings settings, MetricsRecorder metrics) {
        this.registry = ConnectionRegistry.create(settings);
        Map<String, HttpConnection> map = new LinkedHashMap<>();
        for (ConnectionRuntime rt : registry.runtimes()) {
            map.put(rt.name(), new PipelineConnection(rt, this::connection, metrics));
        }
        this.connections = Collections.unmodifiableMap(map);
        this.query = new HttpQuery(registry.engine());
        this.api = new HttpConnections(registry, this::connection, query);
    }

    /** Starts from {@code httpclient.*} properties. */
    public static StandaloneHttpCon start(Map<String, String> properties) {
        return start(new MapConfigView(properties));
    }

    /** Starts from any configuration view (e.g. {@link dev.httpcon.config.MpConfigView}). */
    public static StandaloneHttpCon start(ConfigView config) {
        return new StandaloneHttpCon(SettingsLoader.load(config), MetricsRecorder.NOOP);
    }

    /** Starts from already validated settings, recording attempts to {@code metrics}. */
    public static StandaloneHttpCon start(HttpConSettings settings, MetricsRecorder metrics) {
        return new StandaloneHttpCon(settings, metrics);
    }

    /** The connection with this name; {@link java.util.NoSuchElementException} if none. */
    public HttpConnection connection(String name) {
        HttpConnection c = connections.get(name);
        if (c == null) {
            throw new java.util.NoSuchElementException("no connection named '" + name + "'; defined: "
                    + connections.keySet());
        }
        return c;
    }

    /** The developer API: exists, connect, query, contentType, list. */
    public HttpConnections connections() {
        return api;
    }

    /** {@code http_client_query} with the globals. */
    public HttpQuery query() {
        return query;
    }

    /** The settings in force. */
    public HttpConSettings settings() {
        return registry.settings();
    }

    /**
     * What the pooled and one-off HTTP connections are doing right now, per transport profile:
     * read-only, for health checks ({@code PoolStats.total(http.poolStats()).leased()} is the
     * number of connections held by attempts in flight).
     */
    public List<PoolStats> poolStats() {
        return registry.engine().poolStats();
    }

    /** Closes every client and pool. */
    @Override
    public void close() {
        registry.close();
    }

    /**
     * The CDI interceptors' three concerns, composed by hand in the same order: redirect memory
     * (outermost), failover, metrics (innermost, so each attempt is counted on its own connection).
     */
    private static final class PipelineConnection extends HttpConnection {
        private final ConnectionRuntime runtime;
        private final java.util.function.Function<String, HttpConnection> lookup;
        private final MetricsRecorder metrics;

        PipelineConnection(ConnectionRuntime runtime, java.util.function.Function<String, HttpConnection> lookup,
                           MetricsRecorder metrics) {
            super(runtime);
            this.runtime = runtime;
            this.lookup = lookup;
            this.metrics = Objects.requireNonNull(metrics, "metrics must be set");
        }

        @Override
        public HttpResult send(HttpRequest request) {
            long start = System.nanoTime();
            HttpResult result = super.send(request);
            runtime.recordAttempt(result, System.nanoTime() - start, metrics);
            result = FailoverPolicy.apply(runtime.name(), runtime.settings().failover(), request, result, lookup);
            runtime.remember(result);
            return result;
        }
    }
}
