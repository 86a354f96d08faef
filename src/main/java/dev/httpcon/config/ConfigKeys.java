package dev.httpcon.config;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the keys of a {@link ConfigView}: the globals ({@code httpclient.<key>}), the per-key
 * connection form ({@code httpclient.connection.<name>.<param>}), and flags every unknown key
 * under {@code httpclient.}.
 *
 * <p>Connection names come from the enumerable keys and from the list {@code httpclient.connections}:
 * sources that cannot be enumerated (environment variables) are reached by probing every parameter
 * of each listed name, so {@code HTTPCLIENT_CONNECTION_APITHREE_PASSWORD} is found as
 * {@code httpclient.connection.apithree.password} once {@code apithree} is listed.
 */
final class ConfigKeys {

    private static final String PER_KEY_FORM = Param.CONNECTION_PREFIX + "<name>.<parameter>";

    private final Map<Param, Setting> globals = new EnumMap<>(Param.class);
    private final Map<String, Map<Param, Setting>> perConnection = new LinkedHashMap<>();
    private final Set<String> listed = new LinkedHashSet<>();

    private ConfigKeys() {
    }

    /** Reads everything under {@code httpclient.} but the httpcon lines (read by {@link HttpconLineParser}). */
    static ConfigKeys read(ConfigView config, Problems problems) {
        ConfigKeys keys = new ConfigKeys();
        keys.readGlobals(config, problems);
        // name -> parameter -> the keys to read for it (one per spelling found or probed)
        Map<String, Map<Param, Set<String>>> candidates = new LinkedHashMap<>();
        keys.scan(config, candidates, problems);
        keys.probeListed(config, candidates, problems);
        keys.readPerConnection(config, candidates, problems);
        return keys;
    }

    /** The global settings that are set, by parameter. */
    Map<Param, Setting> globals() {
        return globals;
    }

    /** The per-key settings by connection name, in the order the names were found. */
    Map<String, Map<Param, Setting>> perConnection() {
        return perConnection;
    }

    /** The valid names of {@code httpclient.connections}. */
    Set<String> listed() {
        return listed;
    }

    private void readGlobals(ConfigView config, Problems problems) {
        for (Param p : Param.values()) {
            if (p.globalKey() == null || p == Param.HTTPCON || p == Param.CONNECTIONS) {
                continue; // lists, read with values()
            }
            Setting s = readGlobal(config, p, problems);
            if (s != null) {
                globals.put(p, s);
            }
        }
    }

    /** The value of one global parameter, under any of its spellings, or null if not set. */
    static Setting readGlobal(ConfigView config, Param p, Problems problems) {
        List<String> keys = p.globalSpellings().stream().map(k -> Param.PREFIX + k).toList();
        return readOne(config, p, keys, problems);
    }

    /** Every key under {@code httpclient.}: unknown ones reported, per-key ones collected. */
    private void scan(ConfigView config, Map<String, Map<Param, Set<String>>> candidates, Problems problems) {
        for (String key : config.keys()) {
            if (key.startsWith(Param.CONNECTION_PREFIX)) {
                perKey(key, candidates, problems);
            } else if (key.startsWith(Param.PREFIX)) {
                String name = key.substring(Param.PREFIX.length());
                String list = listName(name);
                boolean known = list != null
                        ? list.equals(Param.HTTPCON.globalKey()) || list.equals(Param.CONNECTIONS.globalKey())
                        : Param.global(name) != null;
                if (!known) {
                    // The value is not shown: a misspelt key may hold a password.
                    problems.add(ConfigText.of(key).shown(), null, Param.unknownGlobal(name));
                }
            }
        }
    }

    /**
     * The list an indexed element belongs to ({@code httpcon} for {@code httpcon[3]}, MicroProfile
     * Config's other way to write a list), or null if {@code name} is not {@code <list>[<digits>]}.
     * A loop, not a regular expression: it runs once per key, 10,000 times for 10,000 lines.
     */
    static String listName(String name) {
        int end = name.length() - 1;
        int open = name.lastIndexOf('[');
        if (end < 0 || name.charAt(end) != ']' || open < 1 || open + 1 == end) {
            return null;
        }
        for (int i = open + 1; i < end; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return name.substring(0, open);
    }

    private static void perKey(String key, Map<String, Map<Param, Set<String>>> candidates, Problems problems) {
        String rest = key.substring(Param.CONNECTION_PREFIX.length());
        int dot = rest.lastIndexOf('.');
        String shownKey = ConfigText.of(key).shown();   // a key is text as written too
        if (dot <= 0 || dot == rest.length() - 1) {
            problems.add(shownKey, null, "expected " + PER_KEY_FORM);
            return;
        }
        String name = rest.substring(0, dot);
        String parameter = rest.substring(dot + 1);
        Param p = Param.connection(parameter);
        if (!Values.isName(name)) {
            problems.add(shownKey, null, "invalid connection name '" + ConfigText.of(name).shown() + "'; "
                    + Values.NAME_RULE + " (dots would make " + PER_KEY_FORM + " ambiguous)");
        } else if (p == null) {
            problems.add(shownKey, null, Param.unknownConnection(parameter));
        } else {
            candidates.computeIfAbsent(name, n -> new EnumMap<>(Param.class))
                    .computeIfAbsent(p, x -> new LinkedHashSet<>()).add(key);
        }
    }

    /** Adds every spelling of every parameter of each name in {@code httpclient.connections}. */
    private void probeListed(ConfigView config, Map<String, Map<Param, Set<String>>> candidates, Problems problems) {
        String listKey = Param.PREFIX + Param.CONNECTIONS.globalKey();
        for (ConfigText raw : ConfigText.list(config.values(listKey))) {
            String name = raw.strip().value();
            if (!Values.isName(name) || raw.isMarked()) {
                problems.add(listKey, raw.strip().shown(), "invalid connection name; " + Values.NAME_RULE);
                continue;
            }
            listed.add(name);
            Map<Param, Set<String>> params = candidates.computeIfAbsent(name, n -> new EnumMap<>(Param.class));
            for (Param p : Param.connectionParams()) {
                Set<String> keys = params.computeIfAbsent(p, x -> new LinkedHashSet<>());
                p.connectionSpellings().forEach(k -> keys.add(Param.CONNECTION_PREFIX + name + "." + k));
            }
        }
    }

    private void readPerConnection(ConfigView config, Map<String, Map<Param, Set<String>>> candidates,
                                   Problems problems) {
        candidates.forEach((name, params) -> {
            Map<Param, Setting> settings = new EnumMap<>(Param.class);
            params.forEach((p, keys) -> {
                Setting s = readOne(config, p, List.copyOf(keys), problems);
                if (s != null) {
                    settings.put(p, s);
                }
            });
            if (!settings.isEmpty()) {
                perConnection.put(name, settings);
            }
        });
    }

    /**
     * The value of the first of {@code keys} that is set; a problem if another spelling of the
     * same parameter is set too. A value of exactly {@code ""} is the null override.
     */
    private static Setting readOne(ConfigView config, Param p, List<String> keys, Problems problems) {
        Setting found = null;
        for (String key : keys) {
            String value = config.value(key).orElse(null);
            if (value == null) {
                continue;
            }
            Setting s = new Setting(p, value.equals("\"\"") ? "" : value, key);
            if (found == null) {
                found = s;
            } else {
                problems.add(s, "set twice: " + found.where() + " is the same parameter; keep one");
            }
        }
        return found;
    }
}
