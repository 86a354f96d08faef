package dev.httpcon.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A {@link ConfigView} over MicroProfile Config's default sources, for a start without a
 * MicroProfile Config implementation: system properties (ordinal 400), environment variables
 * (300) and every {@code META-INF/microprofile-config.properties} on the class path (100, or the
 * file's own {@code config_ordinal}); for each key the source with the highest ordinal wins.
 *
 * <pre>{@code
 * ConfigView view = LayeredConfigView.defaults(Thread.currentThread().getContextClassLoader());
 * }</pre>
 *
 * <p>As MicroProfile Config does: an environment variable answers a key under the exact name, then
 * with every character but letters and digits as {@code _}, then that upper-cased; its names are
 * not listed as keys (they cannot be turned back into keys); an empty value is unset; and
 * {@code ${key}} and {@code ${key:default}} in a value are replaced by that key's value (nested up
 * to a depth of 32; a key without a value and without a default is an error naming it).
 * Profiles ({@code %dev.}) are not: without an implementation there is no active profile.
 */
public final class LayeredConfigView implements ConfigView {

    /** The MicroProfile Config file on the class path. */
    public static final String FILE = "META-INF/microprofile-config.properties";

    private static final int MAX_DEPTH = 32;

    /** One source: a name for messages, its ordinal, its values, and whether it is the environment. */
    private record Layer(String name, int ordinal, Map<String, String> values, boolean environment) {
    }

    private final List<Layer> layers;

    private LayeredConfigView(List<Layer> layers) {
        List<Layer> sorted = new ArrayList<>(layers);
        sorted.sort(Comparator.comparingInt(Layer::ordinal).reversed());   // stable: equal ordinals keep their order
        this.layers = List.copyOf(sorted);
    }

    /** MicroProfile Config's default sources, the files found through {@code loader}. */
    public static LayeredConfigView defaults(ClassLoader loader) {
        return of(System.getenv(), System.getProperties(), loader);
    }

    /** The default sources over the given environment and system properties (a seam for tests). */
    public static LayeredConfigView of(Map<String, String> environment, Properties systemProperties,
                                       ClassLoader loader) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer("system properties", 400, MapConfigView.strings(systemProperties), false));
        layers.add(new Layer("environment variables", 300, Map.copyOf(environment), true));
        try {
            Enumeration<URL> files = loader == null ? Collections.emptyEnumeration() : loader.getResources(FILE);
            for (URL url : Collections.list(files)) {
                Properties p = new Properties();
                try (InputStream in = url.openStream(); Reader r = new java.io.InputStreamReader(in,
                        StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                Map<String, String> values = MapConfigView.strings(p);
                layers.add(new Layer(url.toString(), ordinal(values, url), values, false));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE + ": " + e.getMessage(), e);
        }
        return new LayeredConfigView(layers);
    }

    @Override
    public Optional<String> value(String key) {
        return Optional.ofNullable(resolved(key, 0));
    }

    @Override
    public List<String> values(String key) {
        String v = resolved(key, 0);
        if (v != null) {
            return MapConfigView.splitList(v);
        }
        List<String> indexed = new ArrayList<>();
        for (int i = 0; ; i++) {
            String item = resolved(key + "[" + i + "]", 0);
            if (item == null) {
                break;
            }
            indexed.add(item);
        }
        return List.copyOf(indexed);
    }

    /** The keys of every source but the environment, whose names are not keys. */
    @Override
    public Iterable<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Layer l : layers) {
            if (!l.environment()) {
                keys.addAll(l.values().keySet());
            }
        }
        return keys;
    }

    private String resolved(String key, int depth) {
        String raw = raw(key);
        return raw == null ? null : expand(raw, key, depth);
    }

    /** The value of the first source that has one, empty values being unset. */
    private String raw(String key) {
        for (Layer l : layers) {
            String v = l.values().get(key);
            if (v == null && l.environment()) {
                String sanitized = MpConfigView.environmentName(key, false);
                v = l.values().get(sanitized);
                if (v == null) {
                    v = l.values().get(MpConfigView.environmentName(key, true));
                }
            }
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /** {@code ${key}} and {@code ${key:default}} replaced; {@code \$} keeps a literal {@code $}. */
    private String expand(String value, String key, int depth) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        if (depth >= MAX_DEPTH) {
            throw new ConfigValidationException(List.of(new ConfigProblem(key, null,
                    "expressions nested deeper than " + MAX_DEPTH + " (a loop?)")));
        }
        StringBuilder sb = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == '$') {
                sb.append('$');
                i += 2;
                continue;
            }
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                int end = closing(value, i + 2);
                if (end < 0) {
                    throw new ConfigValidationException(List.of(new ConfigProblem(key, null,
                            "an expression ${ without its closing }")));
                }
                String inner = value.substring(i + 2, end);
                int colon = inner.indexOf(':');
                String name = colon < 0 ? inner : inner.substring(0, colon);
                String found = resolved(expand(name, key, depth + 1), depth + 1);
                if (found == null && colon >= 0) {
                    found = expand(inner.substring(colon + 1), key, depth + 1);
                }
                if (found == null) {
                    throw new ConfigValidationException(List.of(new ConfigProblem(key, null,
                            "the expression ${" + name + "} has no value and no default (write ${" + name
                                    + ":default})")));
                }
                sb.append(found);
                i = end + 1;
                continue;
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    /** The index of the {@code }} that closes an expression opened before {@code from}, nested ones skipped. */
    private static int closing(String value, int from) {
        int depth = 0;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '{' && i > 0 && value.charAt(i - 1) == '$') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static int ordinal(Map<String, String> values, URL url) {
        String o = values.get("config_ordinal");
        if (o == null) {
            return 100;
        }
        try {
            return Integer.parseInt(o.trim());
        } catch (NumberFormatException e) {
            throw new ConfigValidationException(List.of(new ConfigProblem(url + " config_ordinal", o,
                    "expected a whole number")));
        }
    }
}
