package dev.httpcon.standalone;

import dev.httpcon.ConnectionStateChanged;
import dev.httpcon.HttpConConfigException;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import dev.httpcon.PoolStats;
import dev.httpcon.ReloadResult;
import dev.httpcon.config.ConfigView;
import dev.httpcon.config.LayeredConfigView;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.core.ExecutorLookup;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.core.SettingsFeed;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * httpcon without a CDI container: the same configuration keys, the same connections with
 * failover, per-thread redirect memory and counts, for SIP containers without CDI, plain Java
 * programs, tools and tests.
 *
 * <pre>{@code
 * // the application's META-INF/microprofile-config.properties, system properties and environment
 * try (StandaloneHttpCon http = StandaloneHttpCon.fromClasspath()) {
 *     HttpResult r = http.connection("routing").get("/route?uri=" + uri);
 * }
 *
 * // or properties of its own
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
 * {@link HttpConConfigException} listing every problem, and nothing is started. Start one instance
 * per application and close it when the application stops: it holds the connection pools and
 * threads.
 *
 * <p>Its public methods take and return only the API's types ({@code dev.httpcon}) and the JDK's:
 * the settings and the core behind it are internal.
 *
 * <p>Reload: {@link #reload()} reads the configuration again (the {@code config_file}, and for
 * {@link #fromClasspath()} nothing new from the properties, which are read once at start), and the
 * {@code config_file}, certificate and key files are watched, as in CDI. {@link #onReload} is told
 * of every reload (the CDI event's counterpart).
 *
 * <pre>{@code
 * http.onReload(r -> System.out.println(r.summary()));
 * ReloadResult r = http.reload();
 * }</pre>
 *
 * <p>{@code async_executor}: without CDI there are no bean names, so the executors a configuration
 * may name are registered at start, by name ({@link #start(Map, Map)}); a JNDI name
 * ({@code java:...}) is looked up when a naming context is there. A name that is neither is refused
 * at start ({@link HttpConConfigException} naming the key and the connection), as is a later
 * reload that brings one.
 *
 * <pre>{@code
 * ExecutorService sip = ...;   // the SIP container's executor, say
 * try (StandaloneHttpCon http = StandaloneHttpCon.start(
 *         Map.of("httpclient.httpcon", "routing=>http://127.0.0.1:8080/route;async_executor=sip"),
 *         Map.of("sip", sip))) {
 *     http.connection("routing").getAsync("/?user=alice").thenAccept(r -> answer(r));   // runs on sip
 * }
 * }</pre>
 */
public final class StandaloneHttpCon implements AutoCloseable {

    private final HttpConCore core;

    private StandaloneHttpCon(HttpConCore core) {
        this.core = core;
    }

    /**
     * Starts from {@code httpclient.*} properties, exactly these (no environment variables, no
     * expressions).
     *
     * @throws HttpConConfigException listing every problem of the configuration
     */
    public static StandaloneHttpCon start(Map<String, String> properties) {
        return start(new MapConfigView(properties));
    }

    /**
     * Starts from {@code httpclient.*} properties, as {@link #start(Map)}, with the executors an
     * {@code async_executor} may name: where a connection's asynchronous calls complete when the
     * caller names no executor. httpcon does not shut them down.
     *
     * @param executors executors by the name {@code async_executor} gives them
     * @throws HttpConConfigException listing every problem of the configuration, an
     *                                {@code async_executor} naming none of {@code executors} included
     */
    public static StandaloneHttpCon start(Map<String, String> properties, Map<String, ? extends Executor> executors) {
        return start(new MapConfigView(properties), MetricsRecorder.NOOP, executors);
    }

    /**
     * Starts from {@code httpclient.*} properties, exactly these, as {@link #start(Map)}: for
     * properties loaded from a file of the application's own.
     *
     * <pre>{@code
     * Properties p = new Properties();
     * try (Reader r = Files.newBufferedReader(Path.of("/etc/myapp/httpcon.properties"))) {
     *     p.load(r);
     * }
     * StandaloneHttpCon http = StandaloneHttpCon.start(p);
     * }</pre>
     *
     * @throws HttpConConfigException listing every problem of the configuration
     */
    public static StandaloneHttpCon start(Properties properties) {
        return start(MapConfigView.of(properties));
    }

    /**
     * Starts from MicroProfile Config's default sources without needing an implementation of it:
     * system properties, then environment variables, then every
     * {@code META-INF/microprofile-config.properties} of the thread's context class loader (by its
     * {@code config_ordinal}, 100 by default). Environment variables are found by MicroProfile's
     * name mapping ({@code HTTPCLIENT_CONNECTION_API_PASSWORD}), and {@code ${key}} and
     * {@code ${key:default}} expressions are expanded, as an implementation does; profiles are not
     * (no profile is active without one). A MicroProfile Config implementation on the class path
     * is not used: the sources are read the same way with or without one.
     *
     * @throws HttpConConfigException listing every problem of the configuration
     */
    public static StandaloneHttpCon fromClasspath() {
        return fromClasspath(Map.of());
    }

    /**
     * Starts from MicroProfile Config's default sources, as {@link #fromClasspath()}, with the
     * executors an {@code async_executor} may name, as {@link #start(Map, Map)}.
     *
     * @throws HttpConConfigException listing every problem of the configuration
     */
    public static StandaloneHttpCon fromClasspath(Map<String, ? extends Executor> executors) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return start(LayeredConfigView.defaults(loader != null ? loader : StandaloneHttpCon.class.getClassLoader()),
                MetricsRecorder.NOOP, executors);
    }

    /**
     * Starts from any view of the configuration, and reloads from it: the one way every public
     * start takes (tests use it too; the view is an internal type).
     */
    static StandaloneHttpCon start(ConfigView config) {
        return start(config, MetricsRecorder.NOOP);
    }

    /** Starts from a configuration view, recording attempts to {@code metrics}; reloads from it. */
    static StandaloneHttpCon start(ConfigView config, MetricsRecorder metrics) {
        return start(config, metrics, Map.of());
    }

    private static StandaloneHttpCon start(ConfigView config, MetricsRecorder metrics,
                                           Map<String, ? extends Executor> executors) {
        ExecutorLookup lookup = registered(executors);
        SettingsFeed feed = SettingsFeed.open(config);
        HttpConCore core;
        try {
            core = HttpConCore.start(feed.load(), metrics);
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
        try {
            core.executors(lookup);
        } catch (RuntimeException e) {
            core.close();
            feed.close();
            throw e;
        }
        core.reloadFrom(feed);
        return new StandaloneHttpCon(core);
    }

    /** The lookup of {@code async_executor} names among the executors registered at start. */
    private static ExecutorLookup registered(Map<String, ? extends Executor> executors) {
        Map<String, Executor> copy = Map.copyOf(Objects.requireNonNull(executors, "executors must be set"));
        return name -> {
            Executor e = copy.get(name);
            if (e == null) {
                throw new IllegalArgumentException(copy.isEmpty()
                        ? "without CDI there are no bean names: register the executor by this name with "
                          + "StandaloneHttpCon.start(properties, Map.of(\"" + name + "\", executor)), or use a "
                          + "JNDI name (java:...) in a container"
                        : "no executor is registered by this name; registered: " + new TreeSet<>(copy.keySet()));
            }
            return e;
        };
    }

    /**
     * Starts on settings already loaded, recording attempts to {@code metrics}; nothing to reload
     * from (internal: for httpcon's own tests of the measurement back ends).
     */
    static StandaloneHttpCon start(dev.httpcon.config.HttpConSettings settings, MetricsRecorder metrics) {
        HttpConCore core = HttpConCore.start(settings, metrics);
        try {
            core.executors(registered(Map.of()));
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
        return new StandaloneHttpCon(core);
    }

    /** The settings in force (internal: for httpcon's own tests). */
    dev.httpcon.config.HttpConSettings settings() {
        return core.settings();
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

    /** The connection with this name; {@link java.util.NoSuchElementException} naming the defined ones if none. */
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
