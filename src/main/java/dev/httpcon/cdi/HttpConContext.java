package dev.httpcon.cdi;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.engine.ConnectionRegistry;
import dev.httpcon.engine.ConnectionRuntime;
import dev.httpcon.metrics.MetricsRecorder;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the interceptors and developer-API beans of one deployment share: the connection registry,
 * the connection beans by name, and the metrics recorder. One per container, made by
 * {@link HttpConExtension} and exposed as a {@code @Singleton} bean. Internal.
 */
public final class HttpConContext {

    private final ConnectionRegistry registry;
    private final BeanManager beanManager;
    private final Map<String, HttpConnection> beans = new ConcurrentHashMap<>();
    private volatile MetricsRecorder metrics = MetricsRecorder.NOOP;

    HttpConContext(ConnectionRegistry registry, BeanManager beanManager) {
        this.registry = Objects.requireNonNull(registry, "registry must be set");
        this.beanManager = Objects.requireNonNull(beanManager, "beanManager must be set");
    }

    public ConnectionRegistry registry() {
        return registry;
    }

    /** The runtime of a defined connection. */
    public ConnectionRuntime runtime(String name) {
        ConnectionRuntime rt = registry.runtime(name);
        if (rt == null) {
            throw new IllegalStateException("no connection named '" + name + "'; defined: " + registry.names());
        }
        return rt;
    }

    /**
     * The bean of a defined connection (its client proxy, with interceptors), so that failover and
     * the developer API go through the same interceptors as an injected connection.
     */
    public HttpConnection bean(String name) {
        return beans.computeIfAbsent(name, n ->
                beanManager.createInstance().select(HttpConnection.class, HttpCon.Literal.of(n)).get());
    }

    public MetricsRecorder metrics() {
        return metrics;
    }

    void metrics(MetricsRecorder recorder) {
        this.metrics = Objects.requireNonNull(recorder, "recorder must be set");
    }
}
