package dev.httpcon.metrics;

import dev.httpcon.HttpResult;
import dev.httpcon.engine.ConnectionRegistry;
import dev.httpcon.engine.ConnectionRuntime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Records attempts into MicroProfile Metrics.
 *
 * <ul>
 *   <li>{@code httpclient.connections}: gauge, the number of connection definitions (the original's counter);</li>
 *   <li>{@code httpclient.connok}, {@code httpclient.connfail}: counters of all attempts, ok (a response
 *       below 500) and failed (a curl error or a status of 500 or more), as the original's;</li>
 *   <li>{@code httpcon.requests.ok}, {@code httpcon.requests.server_error},
 *       {@code httpcon.requests.transport_error}: per-connection counters by outcome;</li>
 *   <li>{@code httpcon.request.duration}: per-connection timer of attempts.</li>
 * </ul>
 * Per-connection metrics carry one tag, {@code connection=<name>}: never a URL, so cardinality stays
 * the number of connections. All handles are made at boot; an attempt only increments.
 */
public final class MpMetricsRecorder implements MetricsRecorder {

    public static final String CONNECTIONS = "httpclient.connections";
    public static final String CONNOK = "httpclient.connok";
    public static final String CONNFAIL = "httpclient.connfail";
    public static final String REQUESTS_OK = "httpcon.requests.ok";
    public static final String REQUESTS_SERVER_ERROR = "httpcon.requests.server_error";
    public static final String REQUESTS_TRANSPORT_ERROR = "httpcon.requests.transport_error";
    public static final String DURATION = "httpcon.request.duration";

    private final Counter connok;
    private final Counter connfail;
    private final Map<String, PerConnection> perConnection;

    private record PerConnection(Counter ok, Counter serverError, Counter transportError, Timer duration) {
    }

    public MpMetricsRecorder(MetricRegistry registry, ConnectionRegistry connections) {
        Objects.requireNonNull(registry, "registry must be set");
        int defined = connections.names().size();
        // Metric registries may outlive a container in the same JVM (SmallRye keeps them static):
        // re-register the gauge so it reports this deployment, not a previous one.
        registry.remove(CONNECTIONS);
        registry.gauge(CONNECTIONS, () -> defined);
        this.connok = registry.counter(CONNOK);
        this.connfail = registry.counter(CONNFAIL);
        Map<String, PerConnection> map = new HashMap<>();
        for (ConnectionRuntime rt : connections.runtimes()) {
            Tag tag = new Tag("connection", rt.name());
            map.put(rt.name(), new PerConnection(
                    registry.counter(REQUESTS_OK, tag),
                    registry.counter(REQUESTS_SERVER_ERROR, tag),
                    registry.counter(REQUESTS_TRANSPORT_ERROR, tag),
                    registry.timer(DURATION, tag)));
        }
        this.perConnection = Map.copyOf(map);
    }

    @Override
    public void attempt(String connection, HttpResult result, long nanos) {
        if (result.isFailure()) {
            connfail.inc();
        } else {
            connok.inc();
        }
        PerConnection m = perConnection.get(connection);
        if (m == null) {
            return;
        }
        if (result.code() >= 500) {
            m.serverError.inc();
        } else if (result.isFailure()) {
            m.transportError.inc();
        } else {
            m.ok.inc();
        }
        m.duration.update(Duration.ofNanos(nanos));
    }
}
