package dev.httpcon.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the configuration is read again while running: {@code httpclient.reload_period} and the
 * ZooKeeper source ({@code httpclient.zookeeper.*}).
 *
 * @param period    how often to reload on a timer; {@link Duration#ZERO} (the default) for never
 * @param zooKeeper the ZooKeeper source, or {@code null} when {@code httpclient.zookeeper.connect} is not set
 */
public record ReloadSettings(Duration period, ZooKeeperSettings zooKeeper) {

    /** No timer, no ZooKeeper. */
    public static final ReloadSettings NONE = new ReloadSettings(Duration.ZERO, null);

    public ReloadSettings {
        Objects.requireNonNull(period, "period must be set");
    }
}
