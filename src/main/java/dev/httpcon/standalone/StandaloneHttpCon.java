package dev.httpcon.standalone;

import dev.httpcon.ConnectionStateChanged;
import dev.httpcon.HttpConConfigException;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import dev.httpcon.MeasurementBackEnd;
import dev.httpcon.PoolStats;
import dev.httpcon.ReloadResult;
import dev.httpcon.config.ConfigView;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.LayeredConfigView;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.core.ExecutorLookup;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.core.RecorderFactory;
import dev.httpcon.core.SettingsFeed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

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
 * <p>More than a configuration: {@link #builder()} takes, besides where the configuration comes
 * from, the measurement back ends and the executors the configuration may name, in any
 * combination; {@link #start(Map)}, {@link #start(Properties)} and {@link #fromClasspath()} are
 * its shortcuts for the configuration alone.
 *
 * <p>Measurements: the {@link MeasurementBackEnd}s given to {@link Builder#measureWith}, none by
 * default (then nothing is measured). Several at once are fine: each attempt is measured once and
 * handed to every one of them; the first OpenTelemetry back end given makes the spans.
 *
 * <pre>{@code
 * try (StandaloneHttpCon http = StandaloneHttpCon.builder()
 *         .properties(properties)
 *         .measureWith(HttpConOpenTelemetry.backEnd(otel),     // spans, traceparent, http.client.request.duration
 *                      HttpConMicrometer.backEnd(meterRegistry)) // http.client.requests and httpcon's counters
 *         .start()) {
 *     HttpResult r = http.connection("routing").get("/route?uri=" + uri);
 * }
 * }</pre>
 *
 * <p>Its public methods take and return only the API's types ({@code dev.httpcon}) and the JDK's:
 * the settings, the core behind it and the measurement SPI are internal.
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
 * may name are registered at start, by name ({@link Builder#executor}); a JNDI name
 * ({@code java:...}) is looked up when a naming context is there. A name that is neither is refused
 * at start ({@link HttpConConfigException} naming the key and the connection), as is a later
 * reload that brings one.
 *
 * <pre>{@code
 * ExecutorService sip = ...;   // the SIP container's executor, say
 * try (StandaloneHttpCon http = StandaloneHttpCon.builder()
 *         .properties(Map.of("httpclient.httpcon", "routing=>http://127.0.0.1:8080/route;async_executor=sip"))
 *         .executor("sip", sip)
 *         .start()) {
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
     * expressions), measuring nothing: {@code builder().properties(properties).start()}.
     *
     * @throws HttpConConfigException listing every problem of the configuration
     */
    public static StandaloneHttpCon start(Map<String, String> properties) {
        return builder().properties(properties).start();
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
        return builder().properties(properties).start();
    }

    /**
     * Starts from MicroProfile Config's default sources without needing an implementation of it:
     * system properties, then environment variables, then every
     * {@code META-INF/microprofile-config.properties} of the thread's context class loader (by its
     * {@code config_ordinal}, 100 by default). Environment variables are found by MicroProfile's
     * name mapping ({@code HTTPCLIENT_CONNECTION_API_PASSWORD}), and {@code ${key}} and
     * {@code ${key:default}} expressions are expanded, as an implementation does; profiles are not
     * (no profile is active without one). A MicroProfile Config implementation on the class path
     * is not used: the sources are read the same way with or without one. Measures nothing:
     * {@code builder().fromClasspath().start()}.
     *
     * @throws HttpConConfigException listing every problem of the configuration
     */
    public static StandaloneHttpCon fromClasspath() {
        return builder().fromClasspath().start();
    }

    /**
     * A start with more than a configuration: where it comes from (one of
     * {@link Builder#properties(Map)}, {@link Builder#properties(Properties)},
     * {@link Builder#fromClasspath()}; the last one given counts), the measurement back ends, and
     * the executors an {@code async_executor} may name.
     *
     * <pre>{@code
     * try (StandaloneHttpCon http = StandaloneHttpCon.builder()
     *         .fromClasspath()
     *         .measureWith(HttpConOpenTelemetry.backEnd(otel))
     *         .executor("sip", sipExecutor)
     *         .start()) {
     *     http.connection("routing").getAsync("/route?uri=" + uri).thenAccept(r -> answer(r));
     * }
     * }</pre>
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a {@link StandaloneHttpCon} starts with; made by {@link StandaloneHttpCon#builder()}.
     * Not thread-safe; each {@link #start()} starts a new instance from what was given so far.
     */
    public static final class Builder {

        private ConfigView config;
        private final List<MeasurementBackEnd> backEnds = new ArrayList<>();
        private final Map<String, Executor> executors = new LinkedHashMap<>();

        private Builder() {
        }

        /** The configuration: {@code httpclient.*} properties, exactly these (no environment variables, no expressions). */
        public Builder properties(Map<String, String> properties) {
            config = new MapConfigView(Objects.requireNonNull(properties, "properties must be set"));
            return this;
        }

        /** The configuration: {@code httpclient.*} properties, exactly these, e.g. loaded from a file of the application's own. */
        public Builder properties(Properties properties) {
            config = MapConfigView.of(Objects.requireNonNull(properties, "properties must be set"));
            return this;
        }

        /** The configuration: MicroProfile Config's default sources, read as {@link StandaloneHttpCon#fromClasspath()} says. */
        public Builder fromClasspath() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            config = LayeredConfigView.defaults(loader != null ? loader : StandaloneHttpCon.class.getClassLoader());
            return this;
        }

        /**
         * Measures each attempt to these back ends too (made by {@code HttpConOpenTelemetry.backEnd},
         * {@code HttpConMicrometer.backEnd} or {@code HttpConMpMetrics.backEnd}); none: nothing is measured.
         *
         * @throws NullPointerException if a back end is null
         */
        public Builder measureWith(MeasurementBackEnd... backEnds) {
            for (MeasurementBackEnd b : Objects.requireNonNull(backEnds, "backEnds must be set")) {
                this.backEnds.add(Objects.requireNonNull(b, "a measurement back end is null"));
            }
            return this;
        }

        /**
         * An executor an {@code async_executor} may name: where a connection's asynchronous calls
         * complete when the caller names no executor. httpcon does not shut it down.
         */
        public Builder executor(String name, Executor executor) {
            executors.put(Objects.requireNonNull(name, "name must be set"),
                    Objects.requireNonNull(executor, "executor must be set"));
            return this;
        }

        /**
         * Starts: loads and validates the configuration, then the connections.
         *
         * @throws HttpConConfigException   listing every problem of the configuration, an
         *                                  {@code async_executor} naming no registered executor included
         * @throws IllegalArgumentException if a back end was not made by one of httpcon's factories
         * @throws IllegalStateException    if no configuration was given
         */
        public StandaloneHttpCon start() {
            if (config == null) {
                throw new IllegalStateException("no configuration: call properties(...) or fromClasspath() before start()");
            }
            List<RecorderFactory> factories = factories(backEnds);
            return open(config, settings -> recorder(factories, settings), executors);
        }
    }

    /** Starts from any view of the configuration, and reloads from it (internal: for httpcon's own tests). */
    static StandaloneHttpCon start(ConfigView config) {
        return open(config, settings -> MetricsRecorder.NOOP, Map.of());
    }

    /** Starts from a configuration view, recording attempts to {@code metrics}; reloads from it. */
    static StandaloneHttpCon start(ConfigView config, MetricsRecorder metrics) {
        return open(config, settings -> metrics, Map.of());
    }

    /**
     * The one way every start takes: loads the settings, makes their recorder, starts the core on
     * them with the registered executors, and reloads from {@code config}.
     */
    private static StandaloneHttpCon open(ConfigView config, Function<HttpConSettings, MetricsRecorder> metrics,
                                          Map<String, ? extends Executor> executors) {
        ExecutorLookup lookup = registered(executors);
        SettingsFeed feed = SettingsFeed.open(config);
        HttpConCore core;
        try {
            HttpConSettings settings = feed.load();
            core = HttpConCore.start(settings, metrics.apply(settings));
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

    /** What each public back end is behind its face; a clear error for one httpcon did not make. */
    private static List<RecorderFactory> factories(List<MeasurementBackEnd> backEnds) {
        List<RecorderFactory> factories = new ArrayList<>();
        for (MeasurementBackEnd b : backEnds) {
            if (!(b instanceof RecorderFactory f)) {
                throw new IllegalArgumentException("not a measurement back end made by httpcon: " + b.getClass().getName()
                        + "; use HttpConOpenTelemetry.backEnd, HttpConMicrometer.backEnd or HttpConMpMetrics.backEnd");
            }
            factories.add(f);
        }
        return factories;
    }

    /** One recorder handing every measurement to each back end ({@link MetricsRecorder#NOOP} for none). */
    private static MetricsRecorder recorder(List<RecorderFactory> factories, HttpConSettings settings) {
        List<MetricsRecorder> recorders = new ArrayList<>();
        for (RecorderFactory f : factories) {
            recorders.add(f.recorder(settings.connections().keySet()));
        }
        return MetricsRecorder.all(recorders);
    }

    /** The lookup of {@code async_executor} names among the executors registered at start. */
    private static ExecutorLookup registered(Map<String, ? extends Executor> executors) {
        Map<String, Executor> copy = Map.copyOf(executors);
        return name -> {
            Executor e = copy.get(name);
            if (e == null) {
                throw new IllegalArgumentException(copy.isEmpty()
                        ? "without CDI there are no bean names: register the executor by this name with "
                          + "StandaloneHttpCon.builder().executor(\"" + name + "\", executor), or use a "
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
    static StandaloneHttpCon start(HttpConSettings settings, MetricsRecorder metrics) {
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
    HttpConSettings settings() {
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
