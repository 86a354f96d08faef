package dev.httpcon.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * A {@link ConfigView} over MicroProfile Config: every config source the application has
 * ({@code microprofile-config.properties}, system properties, environment variables, ...).
 */
public final class MpConfigView implements ConfigView {

    private final Config config;

    public MpConfigView(Config config) {
        this.config = Objects.requireNonNull(config, "config must be set");
    }

    @Override
    public Optional<String> value(String key) {
        return config.getOptionalValue(key, String.class);
    }

    @Override
    public List<String> values(String key) {
        return config.getOptionalValues(key, String.class).orElse(List.of());
    }

    @Override
    public Iterable<String> keys() {
        return config.getPropertyNames();
    }
}
