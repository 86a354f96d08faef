package dev.httpcon.config;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A {@link ConfigView} over MicroProfile Config: every config source the application has
 * ({@code microprofile-config.properties}, system properties, environment variables, ...), plus
 * the sources httpcon adds itself ({@link #with}: the ZooKeeper source).
 *
 * <pre>{@code
 * HttpConSettings settings = SettingsLoader.load(new MpConfigView(ConfigProvider.getConfig()));
 * }</pre>
 *
 * <p>A reload reads every source again ({@link #refreshed()}). Sources that answer from what they
 * hold now (system properties, the ZooKeeper source) are asked again. A source that copied a
 * properties file when it was made (SmallRye Config's {@code PropertiesConfigSource}, behind
 * {@code META-INF/microprofile-config.properties} and files an application adds) is made again
 * from its URL, with the same class and ordinal. The values are then looked up through a new
 * {@code Config} built by the implementation's own {@code ConfigProviderResolver} over those
 * sources, so expressions, profiles and the environment variable names work exactly as in the
 * application's {@code Config}.
 */
public final class MpConfigView implements ConfigView {

    /** How SmallRye Config names a source made from a URL: {@code PropertiesConfigSource[source=file:/...]}. */
    private static final Pattern URL_SOURCE = Pattern.compile("^[A-Za-z]*ConfigSource\\[source=(.+)]$");

    /** What values are looked up in. */
    private final Config config;
    /** The application's Config: the sources a reload reads again. */
    private final Config base;
    /** Sources httpcon adds to the application's. */
    private final List<ConfigSource> extra;
    private final ClassLoader loader;

    public MpConfigView(Config config) {
        this(config, config, List.of(), contextLoader());
    }

    private MpConfigView(Config config, Config base, List<ConfigSource> extra, ClassLoader loader) {
        this.config = Objects.requireNonNull(config, "config must be set");
        this.base = base;
        this.extra = List.copyOf(extra);
        this.loader = loader;
    }

    /**
     * This view with one more source, at the source's own ordinal among the application's: the
     * values are looked up in a new {@code Config} over them all (the application's stays as it is).
     */
    public MpConfigView with(ConfigSource source) {
        Objects.requireNonNull(source, "source must be set");
        List<ConfigSource> more = new ArrayList<>(extra);
        more.add(source);
        List<ConfigSource> all = new ArrayList<>();
        base.getConfigSources().forEach(all::add);
        all.addAll(more);
        return new MpConfigView(build(all), base, more, loader);
    }

    @Override
    public ConfigView refreshed() {
        List<ConfigSource> sources = new ArrayList<>();
        for (ConfigSource s : base.getConfigSources()) {
            sources.add(reread(s));
        }
        sources.addAll(extra);
        return new MpConfigView(build(sources), base, extra, loader);
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

    /** A Config over {@code sources}, built by the implementation in use. */
    private Config build(List<ConfigSource> sources) {
        return ConfigProviderResolver.instance().getBuilder()
                .forClassLoader(loader)
                .addDiscoveredConverters()
                .withSources(sources.toArray(new ConfigSource[0]))
                .build();
    }

    /**
     * A source made again from its URL when it copied one (see the class comment), else the
     * source itself, whose answers are live.
     *
     * @throws ConfigValidationException if the URL cannot be read any more
     */
    static ConfigSource reread(ConfigSource source) {
        URL url = url(source);
        if (url == null) {
            return source;
        }
        try {
            return source.getClass().getConstructor(URL.class, int.class).newInstance(url, source.getOrdinal());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigValidationException(List.of(new ConfigProblem(source.getName(), null,
                    "cannot be read again (" + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                            + "); nothing was changed")));
        } catch (ReflectiveOperationException | RuntimeException notRemakeable) {
            return source;  // not a source we know how to make again: its answers are what they are
        }
    }

    /** The URL a source was made from, when its name says so. */
    private static URL url(ConfigSource source) {
        Matcher m = URL_SOURCE.matcher(String.valueOf(source.getName()));
        if (!m.matches()) {
            return null;
        }
        try {
            return new java.net.URI(m.group(1)).toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            return null;
        }
    }

    private static ClassLoader contextLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : MpConfigView.class.getClassLoader();
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
