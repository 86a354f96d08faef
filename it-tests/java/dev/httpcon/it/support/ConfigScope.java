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
 * try (ConfigScope scope = ConfigScope.of("httpclient.httpcon=a=>http://127.0.0.1:1/x");
 *      SeContainer c = WeldSe.boot(scope, MyBean.class)) { ... }
 * }</pre>
 */
public final class ConfigScope implements AutoCloseable {

    private final Path dir;
    private final Path file;
    private final URLClassLoader loader;
    private final ClassLoader previous;

    private ConfigScope(String properties) {
        try {
            dir = Files.createTempDirectory("httpcon-config");
            file = dir.resolve("META-INF/microprofile-config.properties");
            Files.createDirectories(file.getParent());
            Files.writeString(file, properties, StandardCharsets.UTF_8);
            loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ConfigScope.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
    }

    /** Opens a scope with these properties (the text of a properties file). */
    public static ConfigScope of(String properties) {
        return new ConfigScope(properties);
    }

    /**
     * Replaces the properties (as a deployment tool would: a new file renamed over the old one),
     * for tests of a reload.
     */
    public void write(String properties) {
        try {
            Path next = dir.resolve("META-INF/next.properties");
            Files.writeString(next, properties, StandardCharsets.UTF_8);
            Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory the scope's files live in (a test may put more there: a config_file, certificates). */
    public Path dir() {
        return dir;
    }

    /** The class loader of this scope. */
    public ClassLoader classLoader() {
        return loader;
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
