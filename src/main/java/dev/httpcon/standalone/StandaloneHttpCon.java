package dev.httpcon.standalone;

import dev.httpcon.ConnectionStateChanged;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import dev.httpcon.PoolStats;
import dev.httpcon.config.ConfigView;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.MetricsRecorder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
 * <p>The concerns around each attempt (redirect capture, failover, the call's budget, connection
 * health, the overload guard, measurements) are the core's,
 * in the core's order: the very code the CDI interceptors call. Invalid configuration throws
 * {@link dev.httpcon.config.ConfigValidationException} listing every problem.
 */
public final class StandaloneHttpCon implements AutoCloseable {

    private final HttpConCore core;

    private StandaloneHttpCon(HttpConCore core) {
        this.core = core;
    }

    /** Starts from {@code httpclient.*} properties. */
    public static StandaloneHttpCon start(Map<String, String> properties) {
        return start(new MapConfigView(properties));
    }

    /** Starts from any configuration view (e.g. {@link dev.httpcon.config.MpConfigView}). */
    public static StandaloneHttpCon start(ConfigView config) {
        return start(SettingsLoader.load(config), MetricsRecorder.NOOP);
    }

    /** Starts from already validated settings, recording attempts to {@code metrics}. */
    public static StandaloneHttpCon start(HttpConSettings settings, MetricsRecorder metrics) {
        return new StandaloneHttpCon(HttpConCore.start(settings, metrics));
    }

    /** The connection with this name; {@link java.util.NoSuchElementException} if none. */
    public HttpConnection connection(String name) {
        return core.connections().get(name);
    }

    /** The developer API: exists, connect, query, contentType, list. */
    public HttpConnections connections() {
        return core.connections();
    }

    /** {@code http_client_query} with the globals. */
    public HttpQuery query() {
        return core.query();
    }

    /**
     * Registers a listener of every change of connection state from now on (what CDI applications
     * observe as the {@link ConnectionStateChanged} event): called on httpcon's notification thread,
     * never on the thread of the call that caused the change, in the order of the changes. Closing
     * the result removes it.
     *
     * <pre>{@code
     * AutoCloseable registration = http.onStateChange(e -> alarms.raise(e.toString()));
     * }</pre>
     */
    public AutoCloseable onStateChange(Consumer<ConnectionStateChanged> listener) {
        return core.onStateChange(listener);
    }

    /**
     * The connections a call cannot be served through now, each with its failover chain and their
     * states (empty when every call can still be tried somewhere): what the MicroProfile Health
     * readiness check reports in a container.
     */
    public Map<String, String> unusable() {
        return core.unusable();
    }

    /** The settings in force. */
    public HttpConSettings settings() {
        return core.settings();
    }

    /**
     * What the pooled and one-off HTTP connections are doing right now, per transport profile:
     * read-only, for health checks ({@code PoolStats.total(http.poolStats()).leased()} is the
     * number of connections held by attempts in flight).
     */
    public List<PoolStats> poolStats() {
        return core.poolStats();
    }

    /** Closes every client and pool. */
    @Override
    public void close() {
        core.close();
    }
}
