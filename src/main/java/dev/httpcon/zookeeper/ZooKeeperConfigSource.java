package dev.httpcon.zookeeper;

import dev.httpcon.config.ZooKeeperSettings;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A MicroProfile Config source backed by ZooKeeper, through Apache Curator: one znode per key
 * under a root, named by the whole key and holding the value as UTF-8
 * ({@code /httpcon/httpclient.httpcon}), so operators can use {@code zkCli.sh}. httpcon starts it
 * when {@code httpclient.zookeeper.connect} is set and reads its own configuration through it,
 * above the application's properties files and below its environment and system properties
 * ({@link #ORDINAL}).
 *
 * <p>It answers from a copy of the znodes in memory, replaced whole when a read succeeds, never
 * from a half-done read:
 * <ul>
 *   <li>{@link #start} connects and reads every child of the root before it returns; if ZooKeeper
 *       cannot be reached (or read) within the connection timeout it fails, so a start never goes
 *       on with part of the configuration;</li>
 *   <li>a persistent recursive watch on the root reports every created, changed or deleted znode;
 *       the znode is read again and the listeners ({@link #onChange}) are told, which makes httpcon
 *       reload;</li>
 *   <li>when the connection is lost the copy stays as it was (the last good configuration stays in
 *       force) and {@link #state()} says so; when it is back, the watch is set again, everything is
 *       read again and the listeners are told, so the node catches up.</li>
 * </ul>
 * Values: UTF-8, one trailing line break removed (what {@code echo} adds); a znode that is not
 * UTF-8 is left out with a warning. Znodes below the root's children are not read. The ACL
 * credentials ({@code httpclient.zookeeper.auth}) are added to the session and never shown.
 *
 * <p>Internal: httpcon makes and closes it.
 */
public final class ZooKeeperConfigSource implements ConfigSource, AutoCloseable {

    /**
     * Above {@code microprofile-config.properties} (100) and the files an application adds (the
     * command's and the SIP router's {@code --config}, 200...), below environment variables (300)
     * and system properties (400): the cluster's configuration wins over a node's files, and one
     * node can still be overridden for a test.
     */
    public static final int ORDINAL = 270;

    private static final System.Logger LOG = System.getLogger(ZooKeeperConfigSource.class.getName());

    private final ZooKeeperSettings settings;
    private final CuratorFramework client;
    private final ExecutorService reader;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Watcher watcher = this::event;
    private volatile Map<String, String> values = Map.of();
    private volatile Instant readAt;
    private volatile Instant unreachableSince;
    private volatile boolean closed;

    private ZooKeeperConfigSource(ZooKeeperSettings settings) {
        this.settings = settings;
        CuratorFrameworkFactory.Builder b = CuratorFrameworkFactory.builder()
                .connectString(settings.connect())
                .sessionTimeoutMs(millis(settings.sessionTimeout()))
                .connectionTimeoutMs(millis(settings.connectionTimeout()))
                // Retries of one operation while the connection comes back; a read that still
                // fails keeps the last copy, and the reconnection reads everything again.
                .retryPolicy(new ExponentialBackoffRetry(200, 5, 2000));
        if (settings.auth() != null) {
            b.authorization(settings.auth().scheme(),
                    settings.auth().credentials().reveal().getBytes(StandardCharsets.UTF_8));
        }
        this.client = b.build();
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "httpcon-zookeeper");
            t.setDaemon(true);
            return t;
        });
        this.reader = e;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    /**
     * Connects, watches the root and reads every key under it.
     *
     * @throws ZooKeeperUnavailableException if that cannot be done within the connection timeout
     */
    public static ZooKeeperConfigSource start(ZooKeeperSettings settings) throws ZooKeeperUnavailableException {
        ZooKeeperConfigSource s = new ZooKeeperConfigSource(settings);
        try {
            s.connect();
            return s;
        } catch (ZooKeeperUnavailableException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void connect() throws ZooKeeperUnavailableException {
        client.start();
        try {
            if (!client.blockUntilConnected(millis(settings.connectionTimeout()), TimeUnit.MILLISECONDS)) {
                throw new ZooKeeperUnavailableException("ZooKeeper not reached within "
                        + settings.connectionTimeout().toMillis() + " ms (httpclient.zookeeper.connection_timeout);"
                        + " httpcon does not start on a configuration it could only partly read: start ZooKeeper or"
                        + " correct the connect string");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZooKeeperUnavailableException("interrupted while connecting to ZooKeeper");
        }
        watch();
        values = readAll();
        readAt = Instant.now();
        client.getConnectionStateListenable().addListener((c, state) -> connectionChanged(state));
        LOG.log(Level.INFO, () -> "httpcon: configuration from ZooKeeper " + settings.connect() + " "
                + settings.root() + ": " + values.size() + " key(s)");
    }

    /** Calls {@code change} after every change of the copy (a znode, or a catch-up after a lost connection). */
    public void onChange(Runnable change) {
        listeners.add(change);
    }

    /**
     * One line for operators: {@code ZooKeeper zk1:2181 /httpcon: connected, 4 keys read at ...}, or
     * {@code ZooKeeper zk1:2181 /httpcon: unreachable since ...; keeping the configuration read at ...}.
     */
    public String state() {
        Instant since = unreachableSince;
        String head = "ZooKeeper " + settings.connect() + " " + settings.root() + ": ";
        return since == null ? head + "connected, " + values.size() + " key(s) read at " + readAt
                : head + "unreachable since " + since + "; keeping the configuration read at " + readAt
                        + " until it is back";
    }

    /** Whether ZooKeeper is reachable now. */
    public boolean reachable() {
        return unreachableSince == null && !closed;
    }

    @Override
    public Map<String, String> getProperties() {
        return values;
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String key) {
        return values.get(key);
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "httpcon ZooKeeper " + settings.connect() + " " + settings.root();
    }

    @Override
    public void close() {
        closed = true;
        reader.shutdownNow();
        client.close();
    }

    private void watch() throws ZooKeeperUnavailableException {
        try {
            client.watchers().add().withMode(AddWatchMode.PERSISTENT_RECURSIVE).usingWatcher(watcher)
                    .forPath(settings.root());
        } catch (Exception e) {
            throw unavailable("watching " + settings.root(), e);
        }
    }

    /** Every child of the root with its value; nothing half-read: any failure fails it all. */
    private Map<String, String> readAll() throws ZooKeeperUnavailableException {
        List<String> children;
        try {
            children = client.getChildren().forPath(settings.root());
        } catch (KeeperException.NoNodeException none) {
            LOG.log(Level.WARNING, "httpcon: ZooKeeper " + settings.connect() + " has no " + settings.root()
                    + " yet: no configuration keys from it until it is created");
            return Map.of();
        } catch (Exception e) {
            throw unavailable("reading the children of " + settings.root(), e);
        }
        Map<String, String> read = new LinkedHashMap<>();
        for (String key : children.stream().sorted().toList()) {
            String value = read(key);
            if (value != null) {
                read.put(key, value);
            }
        }
        return Map.copyOf(read);
    }

    /** The value of one key, or null if its znode is gone or not UTF-8. */
    private String read(String key) throws ZooKeeperUnavailableException {
        String path = settings.path(key);
        byte[] data;
        try {
            data = client.getData().forPath(path);
        } catch (KeeperException.NoNodeException gone) {
            return null;
        } catch (Exception e) {
            throw unavailable("reading " + path, e);
        }
        if (data == null) {
            return "";
        }
        try {
            String v = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
            return v.endsWith("\r\n") ? v.substring(0, v.length() - 2) : v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
        } catch (CharacterCodingException e) {
            LOG.log(Level.WARNING, "httpcon: ZooKeeper " + path + " is not UTF-8 text: left out of the configuration");
            return null;
        }
    }

    private ZooKeeperUnavailableException unavailable(String what, Exception e) {
        if (e instanceof KeeperException.NoAuthException) {
            return new ZooKeeperUnavailableException(what + ": not allowed (the znode's ACL does not let this session"
                    + " read it: check httpclient.zookeeper.auth)");
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String reason = e instanceof KeeperException k ? k.code().name() : e.getClass().getSimpleName();
        return new ZooKeeperUnavailableException(what + " failed (" + reason + ")");
    }

    /** A watch event, on ZooKeeper's event thread: read what changed on our own thread. */
    private void event(WatchedEvent e) {
        String path = e.getPath();
        if (closed || path == null || e.getType() == Watcher.Event.EventType.None) {
            return;
        }
        if (path.equals(settings.root())) {
            submit(this::catchUp);   // the root itself was created or deleted
            return;
        }
        String prefix = settings.root().equals("/") ? "/" : settings.root() + "/";
        String key = path.startsWith(prefix) ? path.substring(prefix.length()) : null;
        if (key == null || key.isEmpty() || key.indexOf('/') >= 0) {
            return;   // deeper than the keys
        }
        submit(() -> update(key));
    }

    private void update(String key) {
        try {
            String v = read(key);
            Map<String, String> next = new LinkedHashMap<>(values);
            if (v == null) {
                next.remove(key);
            } else {
                next.put(key, v);
            }
            replace(Map.copyOf(next));
        } catch (ZooKeeperUnavailableException e) {
            // the connection is going: the reconnection reads everything again
            LOG.log(Level.DEBUG, () -> "httpcon: ZooKeeper " + e.getMessage() + "; read again on reconnection");
        }
    }

    /** Reads everything again and, if anything differs, replaces the copy and tells the listeners. */
    private void catchUp() {
        try {
            replace(readAll());
        } catch (ZooKeeperUnavailableException e) {
            LOG.log(Level.WARNING, "httpcon: ZooKeeper " + settings.connect() + ": " + e.getMessage()
                    + "; keeping the configuration read at " + readAt);
        }
    }

    private void replace(Map<String, String> next) {
        readAt = Instant.now();
        if (next.equals(values)) {
            return;
        }
        values = next;
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "httpcon: a ZooKeeper change listener failed: " + e, e);
            }
        }
    }

    private void connectionChanged(ConnectionState state) {
        if (closed) {
            return;
        }
        switch (state) {
            case SUSPENDED, LOST -> {
                if (unreachableSince == null) {
                    unreachableSince = Instant.now();
                    LOG.log(Level.WARNING, "httpcon: ZooKeeper " + settings.connect() + " unreachable (" + state
                            + "): keeping the configuration read at " + readAt + "; catching up when it is back");
                }
            }
            case RECONNECTED, CONNECTED -> {
                Instant since = unreachableSince;
                unreachableSince = null;
                if (since != null) {
                    LOG.log(Level.INFO, "httpcon: ZooKeeper " + settings.connect() + " reachable again after "
                            + Duration.between(since, Instant.now()).toMillis() + " ms: reading it again");
                }
                submit(() -> {
                    try {
                        watch();   // a new session has no watches; a kept one ignores the second
                    } catch (ZooKeeperUnavailableException e) {
                        LOG.log(Level.WARNING, "httpcon: ZooKeeper " + settings.connect() + ": " + e.getMessage());
                    }
                    catchUp();
                });
            }
            default -> {
                // READ_ONLY: we only read; nothing to do
            }
        }
    }

    private void submit(Runnable task) {
        if (!closed) {
            try {
                reader.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // closed meanwhile
            }
        }
    }

    @Override
    public String toString() {
        return getName();
    }
}
