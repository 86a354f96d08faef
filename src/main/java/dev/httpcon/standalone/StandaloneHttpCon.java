package dev.httpcon.standalone;

import dev.httpcon.ConnectionStateChanged;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import dev.httpcon.PoolStats;
import dev.httpcon.ReloadResult;
import dev.httpcon.config.ConfigView;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.core.SettingsFeed;
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
 *
 * <p>Reload: {@link #reload()} reads the configuration view again (a {@link MapConfigView} holds a
 * copy of its map, so a reload of one finds nothing new; an {@code MpConfigView} re-reads every
 * MicroProfile Config source), and the {@code config_file}, certificate and key files are watched,
 * as in CDI. {@link #onReload} is told of every reload (the CDI event's counterpart).
 *
 * <pre>{@code
 * StandaloneHttpCon http = StandaloneHttpCon.start(new MpConfigView(ConfigProvider.getConfig()));
 * http.onReload(r -> System.out.println(r.summary()));
 * ReloadResult r = http.reload();
 * }</pre>
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

    /**
     * Starts from any configuration view (e.g. {@link dev.httpcon.config.MpConfigView}, which also
     * reads the ZooKeeper source when {@code httpclient.zookeeper.connect} is set), and reloads from it.
     */
    public static StandaloneHttpCon start(ConfigView config) {
        return start(config, MetricsRecorder.NOOP);
    }

    /** Starts from a configuration view, recording attempts to {@code metrics}; reloads from it. */
    public static StandaloneHttpCon start(ConfigView config, MetricsRecorder metrics) {
        SettingsFeed feed = SettingsFeed.open(config);
        HttpConCore core;
        try {
            core = HttpConCore.start(feed.load(), metrics);
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
        core.reloadFrom(feed);
        return new StandaloneHttpCon(core);
    }

    /**
     * Starts from already validated settings, recording attempts to {@code metrics}. There is
     * nothing to read again: {@link #reload()} refuses, saying so.
     */
    public static StandaloneHttpCon start(HttpConSettings settings, MetricsRecorder metrics) {
        return new StandaloneHttpCon(HttpConCore.start(settings, metrics));
    }

    /** Reads the configuration again and puts it in force, or changes nothing: see {@link HttpConnections#reload()}. */
    public ReloadResult reload() {
        return core.connections().reload();
    }

    /**
     * One line per configuration source that can be out of reach (ZooKeeper): reachable, or since
     * when not and which configuration is kept meanwhile. Empty without such a source.
     */
    public List<String> configurationSources() {
        return core.reloadStatus().sources();
    }

    /** Calls {@code listener} after every reload, whatever triggered it, with what it did. */
    public void onReload(Consumer<ReloadResult> listener) {
        core.onReload(listener);
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

    /** Stops watching, closes the ZooKeeper source if any, and every client and pool. */
    @Override
    public void close() {
        core.close();
    }
}
