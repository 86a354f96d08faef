package dev.httpcon.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A {@link ConfigView} over MicroProfile Config: every config source the application has
 * ({@code microprofile-config.properties}, system properties, environment variables, ...).
 *
 * <pre>{@code
 * HttpConSettings settings = SettingsLoader.load(new MpConfigView(ConfigProvider.getConfig()));
 * }</pre>
 */
public final class MpConfigView implements ConfigView {

    private static final Pattern PROFILE = Pattern.compile("^%[^.]+\\.");
    /** MicroProfile Config's environment variable rule: every other character becomes '_'. */
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]");

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

    /**
     * The names the config sources list, with a MicroProfile profile prefix ({@code %dev.})
     * removed, and without the dotted names SmallRye Config guesses for environment variables:
     * it lists {@code HTTPCLIENT_CONNECTION_A_VERIFY_PEER} also as
     * {@code httpclient.connection.a.verify.peer}, a name that cannot be told from a mistake.
     * Environment variables stay in their own upper-case spelling, which httpcon does not read as
     * keys; they are reached through {@code httpclient.connections}.
     */
    @Override
    public Iterable<String> keys() {
        Set<String> names = new LinkedHashSet<>();
        for (ConfigSource source : config.getConfigSources()) {
            Set<String> listed = source.getPropertyNames();
            for (String name : listed) {
                String envName = NOT_ALPHANUMERIC.matcher(name).replaceAll("_").toUpperCase(Locale.ROOT);
                boolean guessedFromEnvironment = !envName.equals(name) && listed.contains(envName);
                if (!guessedFromEnvironment) {
                    names.add(PROFILE.matcher(name).replaceFirst(""));
                }
            }
        }
        return names;
    }
}
