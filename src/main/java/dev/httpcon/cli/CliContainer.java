package dev.httpcon.cli;

import dev.httpcon.cdi.HttpConExtension;
import io.smallrye.metrics.legacyapi.LegacyMetricsExtension;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The Weld SE container the command runs in: no class-path scanning, httpcon's extension and
 * SmallRye Metrics' given explicitly (Weld SE loads no portable extension by itself when discovery
 * is disabled), and the command's one bean.
 */
final class CliContainer implements AutoCloseable {

    /** The prefix of httpcon's deployment error messages (HTTPCON-001 is the configuration's). */
    private static final String MESSAGE_PREFIX = "HTTPCON-";

    private final SeContainer container;

    private CliContainer(SeContainer container) {
        this.container = container;
    }

    /**
     * Boots over the configuration registered for {@code loader}.
     *
     * @throws InvalidConfigException with httpcon's message when the deployment fails on it
     */
    static CliContainer boot(ClassLoader loader) throws InvalidConfigException {
        try {
            return new CliContainer(SeContainerInitializer.newInstance()
                    .disableDiscovery()
                    .setClassLoader(loader)
                    // the command makes no asynchronous call: the application's async_executor beans are not needed
                    .addExtensions(HttpConExtension.withoutExecutors(), new LegacyMetricsExtension())
                    .addBeanClasses(CliBeans.class)
                    .addProperty("org.jboss.weld.se.shutdownHook", false)   // closed by the command itself
                    .initialize());
        } catch (RuntimeException e) {
            String message = httpconMessage(e);
            if (message == null) {
                throw e;
            }
            throw new InvalidConfigException(message);
        }
    }

    CliBeans beans() {
        return container.select(CliBeans.class).get();
    }

    @Override
    public void close() {
        container.close();
    }

    /**
     * The message of the httpcon definition error among the causes and suppressed exceptions Weld
     * wraps it in, or {@code null} when the failure is not httpcon's.
     */
    static String httpconMessage(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            String m = t.getMessage();
            if (m != null && m.startsWith(MESSAGE_PREFIX)) {
                return m;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            Collections.addAll(todo, t.getSuppressed());
        }
        return null;
    }
}
