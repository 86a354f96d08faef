package dev.httpcon.core;

import dev.httpcon.config.ConfigProblem;
import dev.httpcon.config.ConfigValidationException;
import dev.httpcon.config.ZooKeeperSettings;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Starts the ZooKeeper source ({@code dev.httpcon.zookeeper}) when the configuration asks for it,
 * and only then: the classes that name Apache Curator are loaded through here, so an application
 * without ZooKeeper needs neither Curator nor ZooKeeper on its class path.
 */
final class ZooKeeperBridge {

    private static final String CURATOR = "org.apache.curator.framework.CuratorFramework";

    private ZooKeeperBridge() {
    }

    /** A started ZooKeeper source, as the feed uses it. */
    interface Source extends AutoCloseable {
        ConfigSource configSource();

        void onChange(Runnable change);

        String state();

        boolean reachable();

        @Override
        void close();
    }

    /**
     * Starts the source and reads everything under its root once.
     *
     * @throws ConfigValidationException if Curator is missing or ZooKeeper cannot be read
     */
    static Source start(ZooKeeperSettings settings) {
        try {
            Class.forName(CURATOR, false, ZooKeeperBridge.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            throw new ConfigValidationException(List.of(new ConfigProblem("httpclient.zookeeper.connect",
                    settings.connect(), "needs Apache Curator on the class path: add org.apache.curator:"
                            + "curator-framework (5.9.0, which brings org.apache.zookeeper:zookeeper)")));
        }
        try {
            return WithCurator.start(settings);
        } catch (LinkageError missing) {
            // Curator is there, a library it or ZooKeeper needs is not (netty-handler, say)
            throw new ConfigValidationException(List.of(new ConfigProblem("httpclient.zookeeper.connect",
                    settings.connect(), "the ZooKeeper client cannot be loaded (" + missing
                            + "): add org.apache.curator:curator-framework with its dependencies,"
                            + " org.apache.zookeeper:zookeeper and what it brings (netty-handler, ...)")));
        }
    }

    /** Loaded only once Curator is known to be present. */
    private static final class WithCurator {
        static Source start(ZooKeeperSettings settings) {
            dev.httpcon.zookeeper.ZooKeeperConfigSource source;
            try {
                source = dev.httpcon.zookeeper.ZooKeeperConfigSource.start(settings);
            } catch (dev.httpcon.zookeeper.ZooKeeperUnavailableException e) {
                throw new ConfigValidationException(List.of(new ConfigProblem("httpclient.zookeeper.connect",
                        settings.connect(), e.getMessage())));
            }
            return new Source() {
                @Override
                public ConfigSource configSource() {
                    return source;
                }

                @Override
                public void onChange(Runnable change) {
                    source.onChange(change);
                }

                @Override
                public String state() {
                    return source.state();
                }

                @Override
                public boolean reachable() {
                    return source.reachable();
                }

                @Override
                public void close() {
                    source.close();
                }
            };
        }
    }
}
