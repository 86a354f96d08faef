package dev.httpcon.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * Gives a block of code its own {@code META-INF/microprofile-config.properties}: a class loader
 * serving that one file (everything else from the test class path) is made the thread's context
 * class loader, which is where MicroProfile Config looks. Each scope gets a fresh Config, so
 * tests that boot Weld SE with different definitions do not see each other's.
 *
 * <pre>{@code
 * try (ConfigScope scope = ConfigScope.of("httpclient.httpcon=a=>http://127.0.0.1:1/x")) {
 *     try (SeContainer c = SeContainerInitializer.newInstance().disableDiscovery().initialize()) { ... }
 * }
 * }</pre>
 */
public final class ConfigScope implements AutoCloseable {

    private final Path dir;
    private final URLClassLoader loader;
    private final ClassLoader previous;

    private ConfigScope(String properties, boolean hideMetrics) {
        try {
            dir = Files.createTempDirectory("httpcon-config");
            Path file = dir.resolve("META-INF/microprofile-config.properties");
            Files.createDirectories(file.getParent());
            Files.writeString(file, properties, StandardCharsets.UTF_8);
            loader = hideMetrics
                    ? new WithoutMetricsImplementation(dir.toUri().toURL(), ConfigScope.class.getClassLoader())
                    : new URLClassLoader(new URL[] {dir.toUri().toURL()}, ConfigScope.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
    }

    /** Opens a scope with these properties (the text of a properties file). */
    public static ConfigScope of(String properties) {
        return new ConfigScope(properties, false);
    }

    /**
     * A scope in which the MicroProfile Metrics API is present but its implementation's CDI
     * extension is not found: an application without metrics.
     */
    public static ConfigScope withoutMetrics(String properties) {
        return new ConfigScope(properties, true);
    }

    /** The class loader of this scope. */
    public ClassLoader classLoader() {
        return loader;
    }

    /** Hides SmallRye Metrics' service registrations, so Weld never loads its extension. */
    private static final class WithoutMetricsImplementation extends URLClassLoader {
        WithoutMetricsImplementation(URL dir, ClassLoader parent) {
            super(new URL[] {dir}, parent);
        }

        @Override
        public java.util.Enumeration<URL> getResources(String name) throws IOException {
            java.util.List<URL> kept = new java.util.ArrayList<>();
            for (URL u : java.util.Collections.list(super.getResources(name))) {
                if (!(name.startsWith("META-INF/services/") && u.toString().contains("smallrye-metrics"))) {
                    kept.add(u);
                }
            }
            return java.util.Collections.enumeration(kept);
        }
    }

    @Override
    public void close() {
        Thread.currentThread().setContextClassLoader(previous);
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
        } catch (RuntimeException alreadyReleased) {
            // nothing held
        }
        try {
            loader.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
