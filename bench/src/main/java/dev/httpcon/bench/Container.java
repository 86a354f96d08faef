package dev.httpcon.bench;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.cdi.HttpConExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.metrics.legacyapi.LegacyMetricsExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * Weld SE the way an application boots it, with httpcon's extension and SmallRye Metrics'
 * (Weld SE loads no portable extension by itself when discovery is disabled) over MicroProfile
 * Config built from the given properties. Subjects (b) and (c) are its beans.
 */
final class Container implements AutoCloseable {

    private final SeContainer container;
    private final Config config;

    private Container(SeContainer container, Config config) {
        this.container = container;
        this.config = config;
    }

    static Container boot(Map<String, String> properties) {
        return boot(properties, new HttpConExtension());
    }

    /**
     * Weld SE and SmallRye Metrics with {@code n} synthetic beans registered the way httpcon
     * registered its connections until issue 18, one per connection ({@code @ApplicationScoped
     * @HttpCon("c<i>") HttpConnection}), but without httpcon: no config read, no engine. Weld's own cost of that many beans.
     */
    static Container bootSyntheticBeans(int n) {
        return boot(Map.of(), new SyntheticBeans(n));
    }

    private static Container boot(Map<String, String> properties, Extension extension) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<String, String> all = new HashMap<>(properties);
        // No Prometheus registry on this class path: SmallRye Metrics would log a SEVERE line.
        all.putIfAbsent("mp.metrics.prometheus.enabled", "false");
        Config config = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(all, "bench", 500))
                .build();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        try {
            SeContainer c = SeContainerInitializer.newInstance()
                    .disableDiscovery()
                    .setClassLoader(loader)
                    .addExtensions(extension, new LegacyMetricsExtension())
                    .addBeanClasses(Anchor.class)
                    .addProperty("org.jboss.weld.se.shutdownHook", false)
                    .initialize();
            return new Container(c, config);
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        }
    }

    /** Weld SE refuses a synthetic archive without a single bean class ("Missing beans.xml"): this is that class. */
    static class Anchor {
    }

    /** The beans of {@link #bootSyntheticBeans}; an instance is never asked for. */
    static final class SyntheticBeans implements Extension {
        private final int n;

        SyntheticBeans(int n) {
            this.n = n;
        }

        void addBeans(@Observes AfterBeanDiscovery abd) {
            for (int i = 0; i < n; i++) {
                abd.<HttpConnection>addBean()
                        .beanClass(HttpConnection.class)
                        .types(HttpConnection.class, Object.class)
                        .qualifiers(HttpCon.Literal.of("c" + i), Any.Literal.INSTANCE)
                        .scope(ApplicationScoped.class)
                        .createWith(cc -> {
                            throw new UnsupportedOperationException("a synthetic bean of the boot benchmark");
                        });
            }
        }
    }

    /** The connection bean: a client proxy with httpcon's interceptors. */
    HttpConnection connection(String name) {
        return container.select(HttpConnection.class, HttpCon.Literal.of(name)).get();
    }

    /** The developer API bean (connection states, listcon). */
    dev.httpcon.HttpConnections connections() {
        return container.select(dev.httpcon.HttpConnections.class).get();
    }

    /** A typed Rest Client bean bound to a connection (listed in the connection's {@code rest-clients}). */
    <T> T typed(Class<T> type, String connection) {
        return container.select(type, HttpCon.Literal.of(connection)).get();
    }

    @Override
    public void close() {
        try {
            container.close();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}
