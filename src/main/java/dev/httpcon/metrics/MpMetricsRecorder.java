package dev.httpcon.metrics;

import dev.httpcon.ConnectionState;
import dev.httpcon.HttpResult;
import dev.httpcon.ReloadResult;
import dev.httpcon.core.DefinedConnections;
import dev.httpcon.core.Measurement;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.core.Outcome;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Records attempts into MicroProfile Metrics: the adapter of the core's measurement SPI
 * ({@link MetricsRecorder}) to MicroProfile Metrics, used only when its API is present.
 *
 * <ul>
 *   <li>{@code httpclient.connections}: gauge, the number of connection definitions (the original's counter);</li>
 *   <li>{@code httpclient.connok}, {@code httpclient.connfail}: counters of all attempts, ok (a response
 *       below 500) and failed (a curl error or a status of 500 or more), as the original's;</li>
 *   <li>{@code httpcon.requests.ok}, {@code httpcon.requests.server_error},
 *       {@code httpcon.requests.transport_error}: per-connection counters by outcome;</li>
 *   <li>{@code httpcon.request.duration}: per-connection timer of attempts;</li>
 *   <li>{@code httpcon.failovers}: counter of failovers, tagged {@code connection} (the one the call
 *       went on to) and {@code failover} (the one that failed before it), as the OpenTelemetry and
 *       Micrometer back ends name them;</li>
 *   <li>{@code httpcon.requests.skipped}: per-connection counter of calls that skipped the connection
 *       because it was not AVAILABLE, and {@code httpcon.requests.refused}: of calls the overload
 *       guard refused (neither is an attempt, nor counted in connok/connfail);</li>
 *   <li>{@code httpcon.connection.state}: per-connection gauge, 0 AVAILABLE, 1 NOTREACHABLE,
 *       2 DISABLED; registered on the connection's first change of state (absent: AVAILABLE);</li>
 *   <li>{@code httpcon.reloads}: reloads of the configuration, tagged {@code outcome=applied},
 *       {@code unchanged} or {@code refused}.</li>
 * </ul>
 * Per-connection metrics carry the connection's name as tag, never a URL, so cardinality stays
 * the number of connections (failovers: the number of failover links). The global handles are made at boot; a connection's own handles on its
 * first attempt, after which an attempt only increments. Registering them all at boot made idle
 * definitions expensive: SmallRye Metrics checks each registration against every metric of the
 * same name (10,000 definitions took minutes to deploy), and each timer keeps its percentile
 * histograms (hundreds of KB per connection). See {@code bench/RESULTS.md}.
 *
 * <p>Reloads: a connection added by a reload gets its handles on its first attempt, as at boot; a
 * changed connection keeps them (its counts go on); a removed one keeps what it recorded (and
 * counts on if it is defined again), but its state gauge reads AVAILABLE again, as a connection
 * defined again starts. Nothing is registered twice: a handle is made once per name.
 */
public final class MpMetricsRecorder implements MetricsRecorder {

    public static final String CONNECTIONS = MetricsRecorder.CONNECTIONS;
    public static final String CONNOK = MetricsRecorder.CONNOK;
    public static final String CONNFAIL = MetricsRecorder.CONNFAIL;
    public static final String REQUESTS_OK = "httpcon.requests.ok";
    public static final String REQUESTS_SERVER_ERROR = "httpcon.requests.server_error";
    public static final String REQUESTS_TRANSPORT_ERROR = "httpcon.requests.transport_error";
    public static final String DURATION = "httpcon.request.duration";
    public static final String FAILOVERS = MetricsRecorder.FAILOVERS;
    public static final String RELOADS = MetricsRecorder.RELOADS;
    public static final String REQUESTS_SKIPPED = MetricsRecorder.SKIPPED;
    public static final String REQUESTS_REFUSED = MetricsRecorder.REFUSED;
    public static final String STATE = MetricsRecorder.STATE;

    private final MetricRegistry registry;
    private final Counter connok;
    private final Counter connfail;
    /** The names defined now (the only {@code connection} tags registered) and their states. */
    private final DefinedConnections defined;
    private final ConcurrentMap<String, PerConnection> perConnection = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> skipped = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> refused = new ConcurrentHashMap<>();
    /** The failover counters, by the connection that failed, then the one the call went on to. */
    private final ConcurrentMap<String, ConcurrentMap<String, Counter>> failovers = new ConcurrentHashMap<>();

    private record PerConnection(Counter ok, Counter serverError, Counter transportError, Timer duration) {
    }

    /**
     * @param registry    where the metrics go
     * @param connections the names of the deployment's connections: the only {@code connection}
     *                    tags ever registered
     */
    public MpMetricsRecorder(MetricRegistry registry, Collection<String> connections) {
        this.registry = Objects.requireNonNull(registry, "registry must be set");
        this.defined = new DefinedConnections(connections);
        // Metric registries may outlive a container in the same JVM (SmallRye keeps them static):
        // re-register the gauge so it reports this deployment, not a previous one.
        registry.remove(CONNECTIONS);
        registry.gauge(CONNECTIONS, () -> defined.size());
        this.connok = registry.counter(CONNOK);
        this.connfail = registry.counter(CONNFAIL);
    }

    private PerConnection register(String connection) {
        Tag tag = new Tag("connection", connection);
        return new PerConnection(
                registry.counter(REQUESTS_OK, tag),
                registry.counter(REQUESTS_SERVER_ERROR, tag),
                registry.counter(REQUESTS_TRANSPORT_ERROR, tag),
                registry.timer(DURATION, tag));
    }

    @Override
    public void connections(Set<String> names) {
        defined.define(names);
    }

    @Override
    public void reload(ReloadResult result) {
        registry.counter(RELOADS, new Tag("outcome", MetricsRecorder.reloadOutcome(result))).inc();
    }

    @Override
    public void attempt(Measurement attempt) {
        String connection = attempt.connection();
        HttpResult result = attempt.result();
        if (result.isFailure()) {
            connfail.inc();
        } else {
            connok.inc();
        }
        PerConnection m = perConnection.get(connection);
        if (m == null) {
            if (!defined.contains(connection)) {
                return;
            }
            m = perConnection.computeIfAbsent(connection, this::register);
        }
        switch (Outcome.of(result)) {
            case SERVER_ERROR -> m.serverError.inc();
            case TRANSPORT_ERROR -> m.transportError.inc();
            default -> m.ok.inc();
        }
        m.duration.update(Duration.ofNanos(attempt.attemptNanos()));
    }

    /*
     * Failovers, skips and refusals are counted through handles kept here, as attempts are: a
     * registry lookup per call (the registry's tag validation, a regex per Tag, the tag streams)
     * cost about 1 KB and a few microseconds on every call that skips a NOTREACHABLE connection
     * (bench/RESULTS.md). Plain get first: computeIfAbsent's lambda would be allocated per call.
     */

    @Override
    public void failover(String from, String to) {
        if (defined.contains(from) && defined.contains(to)) {
            ConcurrentMap<String, Counter> byTarget = failovers.get(from);
            if (byTarget == null) {
                byTarget = failovers.computeIfAbsent(from, f -> new ConcurrentHashMap<>());
            }
            Counter c = byTarget.get(to);
            if (c == null) {
                c = byTarget.computeIfAbsent(to,
                        t -> registry.counter(FAILOVERS, new Tag("connection", t), new Tag("failover", from)));
            }
            c.inc();
        }
    }

    @Override
    public void skipped(String connection) {
        count(skipped, REQUESTS_SKIPPED, connection);
    }

    @Override
    public void refused(String connection) {
        count(refused, REQUESTS_REFUSED, connection);
    }

    /** Increments the per-connection counter {@code name} of {@code connection}, registered on first use. */
    private void count(ConcurrentMap<String, Counter> handles, String name, String connection) {
        if (defined.contains(connection)) {
            Counter c = handles.get(connection);
            if (c == null) {
                c = handles.computeIfAbsent(connection, n -> registry.counter(name, new Tag("connection", n)));
            }
            c.inc();
        }
    }

    @Override
    public void state(String connection, ConnectionState state) {
        if (defined.report(connection, state)) {
            // First change of this connection: its gauge, reading this recorder's map. A registry
            // that outlived an earlier deployment may still hold one reading an old map.
            Tag tag = new Tag("connection", connection);
            registry.remove(new MetricID(STATE, tag));
            registry.gauge(STATE, () -> defined.state(connection).ordinal(), tag);
        }
    }
}
