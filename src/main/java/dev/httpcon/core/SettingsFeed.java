package dev.httpcon.core;

import dev.httpcon.config.ConfigProblem;
import dev.httpcon.config.ConfigValidationException;
import dev.httpcon.config.ConfigView;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MpConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.config.ZooKeeperSettings;
import java.util.List;
import java.util.Objects;

/**
 * Where a deployment's configuration is read from, at start and at every reload: the application's
 * configuration ({@link ConfigView}) and, when {@code httpclient.zookeeper.connect} is set there,
 * the ZooKeeper source on top of it (started here, closed with the feed). Every read goes through
 * the one loader ({@link SettingsLoader#load}), so a reload validates exactly as the deployment did.
 *
 * <pre>{@code
 * SettingsFeed feed = SettingsFeed.open(new MpConfigView(ConfigProvider.getConfig()));
 * HttpConCore core = HttpConCore.start(feed.load(), recorder);
 * core.reloadFrom(feed);
 * }</pre>
 *
 * <p>Internal.
 */
public final class SettingsFeed implements AutoCloseable {

    private final ConfigView view;
    private final ZooKeeperBridge.Source zooKeeper;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private SettingsFeed(ConfigView view, ZooKeeperBridge.Source zooKeeper) {
        this.view = view;
        this.zooKeeper = zooKeeper;
    }

    /**
     * The feed of {@code config}. With ZooKeeper configured, this waits until everything under
     * the root has been read once (up to {@code httpclient.zookeeper.connection_timeout}): a start
     * never goes on with a configuration it read only in part.
     *
     * @throws ConfigValidationException if the ZooKeeper keys are invalid, or ZooKeeper cannot be
     *                                   read (unreachable, no permission, Curator missing)
     */
    public static SettingsFeed open(ConfigView config) {
        Objects.requireNonNull(config, "config must be set");
        ZooKeeperSettings zk = SettingsLoader.zooKeeper(config);
        if (zk == null) {
            return new SettingsFeed(config, null);
        }
        if (!(config instanceof MpConfigView mp)) {
            throw new ConfigValidationException(List.of(new ConfigProblem("httpclient.zookeeper.connect", zk.connect(),
                    "ZooKeeper is a MicroProfile Config source: start httpcon from MicroProfile Config"
                            + " (CDI, or StandaloneHttpCon.start(new MpConfigView(config)))")));
        }
        ZooKeeperBridge.Source source = ZooKeeperBridge.start(zk);
        try {
            return new SettingsFeed(mp.with(source.configSource()), source);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** A feed that reads {@code config} as it is, with no ZooKeeper. */
    public static SettingsFeed of(ConfigView config) {
        return new SettingsFeed(Objects.requireNonNull(config, "config must be set"), null);
    }

    /**
     * The configuration as it is now, validated.
     *
     * @throws ConfigValidationException listing every problem
     */
    public HttpConSettings load() {
        return SettingsLoader.load(view);
    }

    /** Every source read again, then validated as {@link #load()} does. */
    HttpConSettings reload() {
        return SettingsLoader.load(view.refreshed());
    }

    /** Calls {@code change} whenever a source says its values changed (ZooKeeper). */
    void onChange(Runnable change) {
        if (zooKeeper != null) {
            zooKeeper.onChange(change);
        }
    }

    /** One line per source that can be out of reach, saying how it is. */
    List<String> sourceStates() {
        return zooKeeper == null ? List.of() : List.of(zooKeeper.state());
    }

    /** Whether every source that can be out of reach is reachable now. */
    public boolean sourcesReachable() {
        return zooKeeper == null || zooKeeper.reachable();
    }

    /** Closes the ZooKeeper source, if any; once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && zooKeeper != null) {
            zooKeeper.close();
        }
    }
}
