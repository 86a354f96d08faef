package dev.httpcon.health;

import dev.httpcon.core.HttpConCore;
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
 * keeps readiness UP: calls are still served. Reads the state only: no network, no lock.
 */
public final class ConnectionsReadiness implements HealthCheck {

    /** The check's name in the health report. */
    public static final String NAME = "httpcon";

    private final HttpConCore core;

    public ConnectionsReadiness(HttpConCore core) {
        this.core = Objects.requireNonNull(core, "core must be set");
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> unusable = core.unusable();
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
        if (unusable.isEmpty()) {
            return b.up().build();
        }
        unusable.forEach((connection, chain) -> b.withData(connection, chain));
        return b.down().build();
    }
}
