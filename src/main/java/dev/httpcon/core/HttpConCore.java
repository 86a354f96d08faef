package dev.httpcon.core;

import dev.httpcon.ConnectionState;
import dev.httpcon.ConnectionStateChanged;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import dev.httpcon.HttpResult;
import dev.httpcon.PoolStats;
import dev.httpcon.ReloadResult;
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
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * httpcon's plain-Java core for one deployment: the live connections (the generation of the
 * configuration in force, a {@link ConnectionRegistry}), the one composition of the concerns
 * around their attempts ({@link Pipeline}), the objects applications use ({@link HttpConnection},
 * {@link HttpConnections}, {@link HttpQuery}), and reloads ({@link Reloader}). Every front door is
 * built on it: the CDI extension (which runs the concerns as interceptors, through an
 * {@link Interception}) and {@code StandaloneHttpCon} (where the core runs them itself).
 *
 * <p>A reload puts a new generation in force with one write. A call takes the generation in force
 * when it starts and keeps it to its end, failover hops included ({@link Call}); the connection
 * objects applications hold look their runtime up on every call, so they stay the same objects
 * across reloads.
 *
 * <p>Internal: applications get connections from CDI or {@code StandaloneHttpCon}. Thread-safe.
 */
public final class HttpConCore implements AutoCloseable {

    private volatile ConnectionRegistry registry;
    private final Pipeline pipeline;
    private final Interception interception;
    /** The exchange of every call when the core composes the concerns itself. */
    private final Exchange composing;
    /**
     * In a container: one intercepted exchange per connection name and set of concerns. Never one
     * shared by two connections: a failover hop enters the next connection's exchange from inside
     * the interceptors of the first, and a container treats a call on an instance whose interceptor
     * chain is running as a self-invocation, which it does not intercept (Weld does so), so the
     * next connection's concerns (its own failover, its measurements) would not run. A connection's
     * set may change with a reload (a failover added): its next runtime then takes the exchange of
     * its new set, made when first needed (at most four per name: failover and guard, each on or off).
     */
    private final ConcurrentMap<ExchangeKey, Exchange> exchanges = new ConcurrentHashMap<>();

    private record ExchangeKey(String name, List<Concern> concerns) {
    }
    /**
     * The connection objects, made on first use: a connection made through a container's
     * interception can only be made once the container runs, and ten thousand idle definitions
     * should cost nothing. They outlive reloads (a removed name's object answers -1).
     */
    private final ConcurrentMap<String, DefaultHttpConnection> connections = new ConcurrentHashMap<>();
    private final HttpQuery query;
    private final HttpConnections api;
    /** Where asynchronous calls complete when neither the call nor the connection names an executor. */
    private final CompletionPool completions = new CompletionPool();
    /** How the front door finds executors by name ({@code async_executor}); null until it says. */
    private volatile ExecutorLookup executors;
    private final Reloader reloader;

    private HttpConCore(HttpConSettings settings, MetricsRecorder recorder, Interception interception) {
        Recording recording = new Recording(recorder);
        this.pipeline = Pipeline.standard(recording, new HealthMonitor(this, recording));
        this.interception = interception;
        this.composing = new Exchange(pipeline, true);
        this.reloader = new Reloader(this);
        this.registry = ConnectionRegistry.create(settings, reloader::drained);
        this.query = new DefaultHttpQuery(this);
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

    /**
     * Resolves every connection's {@code async_executor} through {@code lookup} (JNDI names
     * directly), now and at every reload: call it once, before the first call. A name that does not
     * resolve makes the deployment fail, and a reload that brings one is refused.
     *
     * @throws dev.httpcon.config.ConfigValidationException naming the key, the connection and why, for each name
     */
    public void executors(ExecutorLookup lookup) {
        CompletionExecutors.resolve(registry, null, lookup);
        this.executors = lookup;
    }

    /** Resolves the {@code async_executor}s of a generation a reload is about to put in force. */
    void resolveExecutors(ConnectionRegistry next, ConnectionRegistry previous) {
        CompletionExecutors.resolve(next, previous, executors);
    }

    /** The connection with this name, or {@code null} if none is defined now. */
    public HttpConnection connection(String name) {
        return registry.runtime(name) == null ? null : front(name);
    }

    /**
     * The connection object of {@code name} whether or not it is defined now: what a bean made at
     * deployment holds, made perhaps only after a reload removed the name (its calls then answer
     * -1, saying so, until a reload defines it again).
     */
    public HttpConnection bound(String name) {
        return front(Objects.requireNonNull(name, "name must be set"));
    }

    /** The developer API: exists, connect, query, contentType, list, reload. */
    public HttpConnections connections() {
        return api;
    }

    /** {@code http_client_query} with the globals. */
    public HttpQuery query() {
        return query;
    }

    /** The generation of the configuration in force. */
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

    /**
     * Where measurements (and reloads) go from now on. The recorder is told the connections defined
     * now, and a connection already out of AVAILABLE (an operator may disable one before a
     * container has found its back ends) is told to it at once.
     */
    public void recorder(MetricsRecorder recorder) {
        pipeline.recorder(recorder);
        ConnectionRegistry registry = this.registry;
        recorder.connections(registry.names());
        for (ConnectionRuntime r : registry.runtimes()) {
            r.live().health.report(recorder);
        }
    }

    /**
     * Reads the configuration again from {@code feed} from now on, on every trigger: an explicit
     * {@link #reload}, a change of a watched file, {@code httpclient.reload_period}, ZooKeeper.
     * The feed is closed with the core.
     */
    public void reloadFrom(SettingsFeed feed) {
        reloader.start(Objects.requireNonNull(feed, "feed must be set"));
    }

    /**
     * Reads the configuration again, validates it and puts it in force, or changes nothing and
     * says why: see {@link HttpConnections#reload()}. Reloads run one at a time.
     */
    public ReloadResult reload(ReloadResult.Trigger trigger) {
        return reloader.reload(trigger);
    }

    /** Puts already validated settings in force, as a reload would. */
    public ReloadResult apply(HttpConSettings next, ReloadResult.Trigger trigger) {
        return reloader.apply(next, trigger);
    }

    /** Calls {@code listener} after every reload, with what it did (CDI fires it as an event). */
    public void onReload(Consumer<ReloadResult> listener) {
        reloader.listen(Objects.requireNonNull(listener, "listener must be set"));
    }

    /** Reload counts, the last reload and the state of the configuration sources, for JMX. */
    public ReloadStatus reloadStatus() {
        return reloader.status();
    }

    /**
     * Registers a listener of every change of connection state from now on, called on httpcon's
     * notification thread in the order of the changes; closing the result removes it.
     */
    public AutoCloseable onStateChange(Consumer<ConnectionStateChanged> listener) {
        return pipeline.monitor().listen(listener);
    }

    /**
     * The state of a defined connection; {@link NoSuchElementException} naming the defined ones
     * (and saying so when a reload removed it) otherwise.
     */
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
        ConnectionRegistry registry = this.registry;
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
            throw new NoSuchElementException(whyUndefined(name));
        }
        return r;
    }

    /**
     * Stops watching, the health probes and notifications, closes the configuration feed and every
     * client and pool.
     */
    @Override
    public void close() {
        reloader.close();
        pipeline.monitor().close();
        registry.close();
        completions.close();
    }

    /** Where an asynchronous call completes when its caller names no executor. */
    Executor completions() {
        return completions;
    }

    /**
     * The generation in force, with this call counted in flight on it until
     * {@link #exit(ConnectionRegistry)}: what it uses is not closed before.
     */
    ConnectionRegistry enter() {
        for (;;) {
            ConnectionRegistry r = registry;
            if (r.inFlight().enter()) {
                return r;
            }
            // retired by a reload between the read and the enter: the next one is in force already
        }
    }

    void exit(ConnectionRegistry generation) {
        generation.inFlight().exit();
    }

    /** {@code next} is in force now, after {@code previous}: what health must start for it. */
    void reloaded(ConnectionRegistry previous, ConnectionRegistry next) {
        pipeline.monitor().reloaded(previous, next);
    }

    /** Puts {@code next} in force; the generation it replaces is returned, to be retired. */
    ConnectionRegistry swap(ConnectionRegistry next) {
        ConnectionRegistry previous = registry;
        registry = next;
        return previous;
    }

    /** The exchange a call on {@code runtime} enters through: its concerns, in the pipeline's order. */
    Exchange exchange(ConnectionRuntime runtime) {
        Exchange e = runtime.exchange;
        if (e == null) {
            e = interception == null ? composing
                    : exchanges.computeIfAbsent(new ExchangeKey(runtime.name(), pipeline.concernsFor(runtime.settings())),
                            key -> interception.intercept(new Exchange(pipeline, false), key.concerns()));
            runtime.exchange = e;
        }
        return e;
    }

    /**
     * The answer for a name the generation does not define: -1, saying that a reload removed it
     * when one did.
     */
    HttpResult undefined(String name, ConnectionRegistry generation) {
        return HttpResult.invalid(reloader.whyUndefined(name, generation.names()));
    }

    /** Why no connection has this name, for an exception. */
    String whyUndefined(String name) {
        return reloader.whyUndefined(name, registry.names());
    }

    /** Where a reload tells the measurement back ends about the connections. */
    MetricsRecorder recorder() {
        return pipeline.recorder();
    }

    /** The front door of a name: what a connection bean, the developer API and the command send through. */
    DefaultHttpConnection front(String name) {
        DefaultHttpConnection c = connections.get(name);
        return c != null ? c : connections.computeIfAbsent(name, n -> new DefaultHttpConnection(n, this));
    }

    /** The names that have had a connection object (some may have been removed since). */
    Set<String> fronts() {
        return connections.keySet();
    }
}
