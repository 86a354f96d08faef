package dev.httpcon.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where httpcon reads its configuration from ZooKeeper ({@code httpclient.zookeeper.*}), read at
 * start from the application's own configuration sources: one znode per key under {@code root},
 * named by the whole key ({@code /httpcon/httpclient.httpcon}), holding the value as UTF-8.
 *
 * @param connect           the connect string, {@code host:port[,host:port...][/chroot]}
 * @param root              the znode whose children are the keys (default {@code /httpcon})
 * @param sessionTimeout    the ZooKeeper session timeout
 * @param connectionTimeout how long a start waits for ZooKeeper before it fails, and how long a
 *                          connection attempt may take
 * @param auth              credentials to add to the session (ACLs), or {@code null}; never shown
 */
public record ZooKeeperSettings(String connect, String root, Duration sessionTimeout, Duration connectionTimeout,
                                Auth auth) {

    public static final String DEFAULT_ROOT = "/httpcon";
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(15);

    /**
     * ZooKeeper credentials: an authentication scheme ({@code digest}, ...) and what it takes
     * ({@code user:password} for digest). {@link #toString()} never shows the credentials.
     */
    public record Auth(String scheme, Secret credentials) {
        public Auth {
            Objects.requireNonNull(scheme, "scheme must be set");
            Objects.requireNonNull(credentials, "credentials must be set");
        }

        @Override
        public String toString() {
            return scheme + ":****";
        }
    }

    public ZooKeeperSettings {
        Objects.requireNonNull(connect, "connect must be set");
        Objects.requireNonNull(root, "root must be set");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout must be set");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout must be set");
    }

    /** The znode of a key: {@code <root>/<key>}. */
    public String path(String key) {
        return root.equals("/") ? "/" + key : root + "/" + key;
    }

    @Override
    public String toString() {
        return "ZooKeeperSettings[connect=" + connect + ", root=" + root + ", sessionTimeout=" + sessionTimeout
                + ", connectionTimeout=" + connectionTimeout + ", auth=" + (auth == null ? "none" : auth) + "]";
    }
}
