package dev.httpcon.cli;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The MicroProfile Config the command runs on, built before the container boots and registered
 * for the class loader, where the extension's {@code ConfigProvider.getConfig()} finds it.
 * Released by {@link #close()}.
 *
 * <p>Sources, highest ordinal first: system properties (400, including {@code -Dkey=value} given
 * after the jar name), environment variables (300), the {@code --config} files (200, 201, ...: a
 * later file wins over an earlier one), {@code META-INF/microprofile-config.properties} on the class
 * path (100), plus any source the caller adds (the demo's).
 */
final class CliConfig implements AutoCloseable {

    /** The ordinal of the first {@code --config} file: above microprofile-config.properties, below the environment. */
    static final int FILE_ORDINAL = 200;
    private static final int ENVIRONMENT_ORDINAL = 300;

    private final Config config;

    private CliConfig(Config config) {
        this.config = config;
    }

    /** Builds and registers the configuration for {@code loader}. */
    static CliConfig register(ClassLoader loader, List<Path> files, ConfigSource... more)
            throws UsageException, InvalidConfigException {
        List<ConfigSource> sources = new ArrayList<>(List.of(more));
        for (int i = 0; i < files.size(); i++) {
            sources.add(fileSource(files.get(i), Math.min(FILE_ORDINAL + i, ENVIRONMENT_ORDINAL - 1)));
        }
        Config config = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .addDefaultInterceptors()      // ${expressions} and %profile. keys, as in an application
                .addDefaultSources()
                .addDiscoveredSources()
                .addDiscoveredConverters()
                .addDiscoveredInterceptors()
                .withSources(sources)
                // SmallRye Metrics would look for a Prometheus registry the jar does not carry (and
                // log a SEVERE line for it): the counters live in memory, for listcon and counters.
                .withDefaultValue("mp.metrics.prometheus.enabled", "false")
                .build();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        return new CliConfig(config);
    }

    private static ConfigSource fileSource(Path file, int ordinal) throws UsageException, InvalidConfigException {
        if (!Files.exists(file)) {
            throw new UsageException("--config " + file + ": no such file", CommandLine.USAGE);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException("--config " + file + ": not a readable file", CommandLine.USAGE);
        }
        try {
            return new PropertiesConfigSource(file.toUri().toURL(), ordinal);
        } catch (IOException e) {
            throw new UsageException("--config " + file + ": cannot be read (" + e.getMessage() + ")", CommandLine.USAGE);
        } catch (IllegalArgumentException e) {
            // java.util.Properties refuses a malformed \\uXXXX escape
            throw new InvalidConfigException("--config " + file + ": not a properties file (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        ConfigProviderResolver.instance().releaseConfig(config);
    }
}
