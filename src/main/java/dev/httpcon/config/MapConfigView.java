package dev.httpcon.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@link ConfigView} over a map of properties, with MicroProfile Config's list semantics: for
 * plain Java use without a MicroProfile Config implementation, and for tests.
 *
 * <pre>{@code
 * ConfigView view = new MapConfigView(Map.of(
 *         "httpclient.httpcon", "api=>http://127.0.0.1:8080/api;timeout=2s",
 *         "httpclient.keep_connections", "1"));
 * }</pre>
 */
public final class MapConfigView implements ConfigView {

    private final Map<String, String> properties;

    public MapConfigView(Map<String, String> properties) {
        this.properties = new LinkedHashMap<>(Objects.requireNonNull(properties, "properties must be set"));
    }

    /** A view of {@code properties}' string keys and values (defaults included). */
    public static MapConfigView of(Properties properties) {
        return new MapConfigView(strings(properties));
    }

    /** The string keys and values of {@code p}, its defaults included, as {@link Properties#getProperty} sees them. */
    static Map<String, String> strings(Properties p) {
        Objects.requireNonNull(p, "properties must be set");
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            m.put(name, p.getProperty(name));
        }
        return m;
    }

    @Override
    public Optional<String> value(String key) {
        String v = properties.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    @Override
    public List<String> values(String key) {
        String v = properties.get(key);
        if (v != null && !v.isEmpty()) {
            return splitList(v);
        }
        List<String> indexed = new ArrayList<>();
        for (int i = 0; properties.containsKey(key + "[" + i + "]"); i++) {
            String item = properties.get(key + "[" + i + "]");
            if (item != null && !item.isEmpty()) {
                indexed.add(item);
            }
        }
        return List.copyOf(indexed);
    }

    @Override
    public Iterable<String> keys() {
        return List.copyOf(properties.keySet());
    }

    /**
     * Splits at commas, keeping {@code \,} as a literal comma (MicroProfile Config's array rule).
     * Jumps from comma to comma with indexOf: a list of ten thousand httpcon lines is split at
     * boot, before the JIT has compiled anything.
     */
    static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int from = 0;
        int comma;
        while ((comma = value.indexOf(',', from)) >= 0) {
            if (comma > 0 && value.charAt(comma - 1) == '\\') {
                cur.append(value, from, comma - 1).append(',');
            } else {
                cur.append(value, from, comma);
                addItem(items, cur);
            }
            from = comma + 1;
        }
        cur.append(value, from, value.length());
        addItem(items, cur);
        return List.copyOf(items);
    }

    private static void addItem(List<String> items, StringBuilder cur) {
        if (cur.length() > 0) {
            items.add(cur.toString());
        }
        cur.setLength(0);
    }
}
