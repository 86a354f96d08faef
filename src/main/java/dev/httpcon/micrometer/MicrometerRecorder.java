package dev.httpcon.micrometer;

import dev.httpcon.ConnectionState;
import dev.httpcon.HttpResult;
import dev.httpcon.ReloadResult;
import dev.httpcon.core.ByRequestKind;
import dev.httpcon.core.DefinedConnections;
import dev.httpcon.core.Measurement;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.core.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.URI;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The core's measurements as Micrometer meters, after Micrometer's HTTP client conventions: a
 * {@link MeterBinder} bound to the application's registry.
 *
 * <ul>
 *   <li>{@code http.client.requests} (timer, per HTTP request on the wire) with {@code method},
 *       {@code uri}, {@code status}, {@code outcome}, {@code exception} and
 *       {@code httpcon.connection}. {@code uri} is the path of the connection's configured URL
 *       ({@code /api}), the one template httpcon knows: the request's own path (with ids and
 *       query values) would make a time series per call;</li>
 *   <li>the original's {@code httpclient.connections} (gauge), {@code httpclient.connok} and
 *       {@code httpclient.connfail} (counters);</li>
 *   <li>{@code httpcon.attempts} ({@code httpcon.connection}, {@code httpcon.outcome}) and
 *       {@code httpcon.failovers} ({@code httpcon.connection}, {@code httpcon.failover});</li>
 *   <li>what the resilience concerns do, per {@code httpcon.connection}: the counters
 *       {@code httpcon.requests.skipped} (calls that skipped a connection not AVAILABLE) and
 *       {@code httpcon.requests.refused} (the overload guard's refusals), and the gauge
 *       {@code httpcon.connection.state} (0 AVAILABLE, 1 NOTREACHABLE, 2 DISABLED), registered on
 *       the connection's first change of state;</li>
 *   <li>{@code httpcon.reloads}: reloads of the configuration, by {@code httpcon.outcome}
 *       ({@code applied}, {@code unchanged}, {@code refused}).</li>
 * </ul>
 * Reloads: {@code httpclient.connections} counts the connections defined now; a connection added
 * by a reload gets its meters on its first call; a changed one counts on; a removed one keeps what
 * it recorded (and counts on if defined again), but its state reads AVAILABLE again, as a
 * connection defined again starts. Nothing is registered twice.
 * Percentile histograms are Micrometer's to switch on, as for any timer (a {@code MeterFilter}, or
 * the registry's configuration).
 */
public final class MicrometerRecorder implements MetricsRecorder, MeterBinder {

    public static final String REQUESTS = "http.client.requests";

    /** The names defined now (the only connection tags made) and their states. */
    private final DefinedConnections defined;
    private final Map<String, Counter[]> attempts = new ConcurrentHashMap<>();
    private final Map<String, String> uris = new ConcurrentHashMap<>();
    private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    /**
     * Each kind of request's {@code http.client.requests} timer, found once: building its tags and
     * looking it up in the registry per request cost more than recording.
     */
    private volatile ByRequestKind<Timer> timers;
    private volatile MeterRegistry registry;
    private Counter connok;
    private Counter connfail;

    /** @param connections the names of the deployment's connections: the only connection tags ever made */
    public MicrometerRecorder(Collection<String> connections) {
        this.defined = new DefinedConnections(connections);
    }

    /** A recorder bound to {@code registry}. */
    public static MicrometerRecorder bound(MeterRegistry registry, Collection<String> connections) {
        MicrometerRecorder r = new MicrometerRecorder(connections);
        r.bindTo(registry);
        return r;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry must be set");
        Gauge.builder(CONNECTIONS, defined, DefinedConnections::size).description("Connection definitions (the original's counter)")
                .register(registry);
        this.connok = Counter.builder(CONNOK).description("Attempts that got an answer below 500").register(registry);
        this.connfail = Counter.builder(CONNFAIL)
                .description("Attempts that failed: a curl error or a status of 500 or more").register(registry);
        this.timers = new ByRequestKind<>(a -> timer(registry, a), 1024);
        this.registry = registry;
    }

    @Override
    public void connections(Set<String> names) {
        defined.define(names);
    }

    @Override
    public void reload(ReloadResult result) {
        MeterRegistry r = registry;
        if (r != null) {
            Counter.builder(RELOADS).description("Reloads of the configuration, by outcome")
                    .tags("httpcon.outcome", MetricsRecorder.reloadOutcome(result)).register(r).increment();
        }
    }

    @Override
    public void attempt(Measurement attempt) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        HttpResult result = attempt.result();
        (result.isFailure() ? connfail : connok).increment();
        String connection = attempt.connection();
        if (!defined.contains(connection)) {
            return;
        }
        Counter[] byOutcome = attempts.computeIfAbsent(connection, c -> {
            Counter[] counters = new Counter[Outcome.values().length];
            for (Outcome o : Outcome.values()) {
                counters[o.ordinal()] = Counter.builder(ATTEMPTS).description("Attempts on each connection, by outcome")
                        .tags("httpcon.connection", c, "httpcon.outcome", o.label()).register(r);
            }
            return counters;
        });
        byOutcome[Outcome.of(result).ordinal()].increment();
    }

    @Override
    public void request(Measurement attempt) {
        ByRequestKind<Timer> t = timers;
        if (t == null || !defined.contains(attempt.connection())) {
            return;
        }
        t.get(attempt).record(attempt.requestNanos(), TimeUnit.NANOSECONDS);
    }

    /** The timer of the kind of {@code attempt}'s current request, registered if it is new. */
    private Timer timer(MeterRegistry registry, Measurement attempt) {
        int status = attempt.status();
        return Timer.builder(REQUESTS)
                .description("HTTP requests sent by httpcon connections")
                .tags(Tags.of("method", attempt.method(),
                        "uri", uris.computeIfAbsent(attempt.connection(), c -> uri(attempt.connectionUrl())),
                        "status", status > 0 ? Integer.toString(status) : "IO_ERROR",
                        "outcome", outcome(status),
                        "exception", attempt.error() != null ? attempt.error().name() : "none",
                        "httpcon.connection", attempt.connection()))
                .register(registry);
    }

    @Override
    public void failover(String from, String to) {
        MeterRegistry r = registry;
        if (r != null && defined.contains(from) && defined.contains(to)) {
            Counter.builder(FAILOVERS).description("Calls that went on to a connection after the one before it failed")
                    .tags("httpcon.connection", to, "httpcon.failover", from).register(r).increment();
        }
    }

    @Override
    public void skipped(String connection) {
        MeterRegistry r = registry;
        if (r != null && defined.contains(connection)) {
            skipped.computeIfAbsent(connection, c -> Counter.builder(SKIPPED)
                    .description("Calls that skipped a connection because it was not AVAILABLE (not attempts)")
                    .tags("httpcon.connection", c).register(r)).increment();
        }
    }

    @Override
    public void refused(String connection) {
        MeterRegistry r = registry;
        if (r != null && defined.contains(connection)) {
            refused.computeIfAbsent(connection, c -> Counter.builder(REFUSED)
                    .description("Calls the overload guard refused: max_concurrent calls were in flight (not attempts)")
                    .tags("httpcon.connection", c).register(r)).increment();
        }
    }

    @Override
    public void state(String connection, ConnectionState state) {
        MeterRegistry r = registry;
        if (r != null && defined.report(connection, state)) {
            Gauge.builder(STATE, defined, d -> d.state(connection).ordinal())
                    .description("The connection's state: 0 AVAILABLE, 1 NOTREACHABLE, 2 DISABLED")
                    .tags("httpcon.connection", connection).register(r);
        }
    }

    /** The path of a connection's base URL, the {@code uri} tag of its requests: {@code /} when empty. */
    static String uri(URI base) {
        String path = base.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** Micrometer's {@code outcome} for a status ({@code UNKNOWN} when none arrived). */
    static String outcome(int status) {
        if (status >= 100 && status < 200) {
            return "INFORMATIONAL";
        }
        if (status >= 200 && status < 300) {
            return "SUCCESS";
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        if (status >= 400 && status < 500) {
            return "CLIENT_ERROR";
        }
        if (status >= 500 && status < 600) {
            return "SERVER_ERROR";
        }
        return "UNKNOWN";
    }

    @Override
    public String toString() {
        return "MicrometerRecorder[" + registry + "]";
    }
}
