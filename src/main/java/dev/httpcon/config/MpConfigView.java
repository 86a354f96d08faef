package dev.httpcon.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
                String envName = environmentName(name);
                boolean guessedFromEnvironment = !envName.equals(name) && listed.contains(envName);
                if (!guessedFromEnvironment) {
                    names.add(withoutProfile(name));
                }
            }
        }
        return names;
    }

    /**
     * MicroProfile Config's environment variable rule: letters upper-cased, digits kept, every other
     * character (code point) becomes '_'. A loop, not a regular expression: it runs once per config
     * key, and with 10,000 connection keys two regex replacements per key showed in boot profiles.
     */
    static String environmentName(String name) {
        return environmentName(name, true);
    }

    /**
     * The rule's two steps: every character but letters and digits as '_', and with {@code upper}
     * the letters upper-cased ({@code false}: the rule's middle name, case kept).
     */
    static String environmentName(String name, boolean upper) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                sb.append((char) c);
            } else if (c >= 'a' && c <= 'z') {
                sb.append(upper ? (char) (c - 'a' + 'A') : (char) c);
            } else {
                sb.append('_');
            }
        }
        return sb.toString();
    }

    /** The name without a MicroProfile profile prefix: {@code %dev.a.b} is {@code a.b}. */
    static String withoutProfile(String name) {
        int dot = name.indexOf('.');
        return name.startsWith("%") && dot > 1 ? name.substring(dot + 1) : name;
    }
}
