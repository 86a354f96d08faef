package dev.httpcon.health;

import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.ReloadStatus;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The readiness check {@code httpcon}: DOWN only when a call cannot be tried anywhere, that is when
 * a connection (one no other connection names as its failover: where calls start) and its whole
 * failover chain are not AVAILABLE (NOTREACHABLE or DISABLED). Its data names each such
 * connection with its chain and their states, e.g. {@code "routing": "routing NOTREACHABLE,
 * routing_backup DISABLED"}. A connection that is down while its chain still has an AVAILABLE one
 * keeps readiness UP: calls are still served.
 *
 * <p>A configuration source out of reach (ZooKeeper) is said in the data, {@code "configuration.sources":
 * "ZooKeeper zk1:2181 /httpcon: unreachable since ...; keeping the configuration read at ..."},
 * without making the check DOWN: the node goes on serving with the configuration it last read whole,
 * and a ZooKeeper outage must not take every node of a cluster out of service at once.
 *
 * <p>Reads the state only: no network, no lock.
 */
public final class ConnectionsReadiness implements HealthCheck {

    /** The check's name in the health report. */
    public static final String NAME = "httpcon";
    /** The data key that says a configuration source is out of reach (a dot: never a connection name). */
    public static final String CONFIGURATION = "configuration.sources";

    private final HttpConCore core;

    public ConnectionsReadiness(HttpConCore core) {
        this.core = Objects.requireNonNull(core, "core must be set");
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> unusable = core.unusable();
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
        ReloadStatus reload = core.reloadStatus();
        if (!reload.sourcesReachable()) {
            b.withData(CONFIGURATION, String.join("; ", reload.sources()));
        }
        if (unusable.isEmpty()) {
            return b.up().build();
        }
        unusable.forEach((connection, chain) -> b.withData(connection, chain));
        return b.down().build();
    }
}
