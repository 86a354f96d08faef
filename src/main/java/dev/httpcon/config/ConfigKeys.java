package dev.httpcon.config;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the keys of a {@link ConfigView}: the globals ({@code httpclient.<key>}), the per-key
 * connection form ({@code httpclient.connection.<name>.<param>}, and
 * {@code httpclient.connection.<name>.header.<Header-Name>}), and flags every unknown key under
 * {@code httpclient.}.
 *
 * <p>The one rule for where a per-key value is found: for every connection name known from any
 * form (an httpcon line, a config file section, a per-key key a source can list, the list
 * {@code httpclient.connections}), every key of every parameter of that connection is asked for
 * by name ({@link ConfigView#value}), so every source answers it, environment variables included
 * ({@code HTTPCLIENT_CONNECTION_BILLING_PASSWORD} for {@code httpclient.connection.billing.password}).
 * Names are never guessed back from environment variable names: a variable's name cannot be turned
 * back into a key. A default header is asked for under every name it is known by (written in a
 * line, a section or a listed key), so its value may come from anywhere too.
 */
final class ConfigKeys {

    private static final String PER_KEY_FORM = Param.CONNECTION_PREFIX + "<name>.<parameter>";

    private final Map<Param, Setting> globals = new EnumMap<>(Param.class);
    private final Map<String, Map<Param, Setting>> perConnection = new LinkedHashMap<>();
    private final Map<String, Map<String, Setting>> perConnectionHeaders = new LinkedHashMap<>();
    private final Set<String> listed = new LinkedHashSet<>();
    /** name -> parameter -> the keys to read for it (one per spelling found or probed). */
    private final Map<String, Map<Param, Set<String>>> candidates = new LinkedHashMap<>();
    /** name -> header name in lower case -> the keys to read for it, the spellings found first. */
    private final Map<String, Map<String, Set<String>>> headerCandidates = new LinkedHashMap<>();

    private ConfigKeys() {
    }

    /**
     * Reads the globals, the keys the sources can list and the names of {@code httpclient.connections}.
     * The per-key values are read by {@link #readConnections}, once every form's names are known.
     */
    static ConfigKeys read(ConfigView config, Problems problems) {
        ConfigKeys keys = new ConfigKeys();
        keys.readGlobals(config, problems);
        keys.scan(config, problems);
        keys.readListed(config, problems);
        return keys;
    }

    /**
     * Reads the per-key values of every connection: those named by listed keys, by
     * {@code httpclient.connections}, and {@code defined} (the connections of the other forms, with
     * the header names they write), asking for every key of every parameter of each.
     */
    void readConnections(ConfigView config, Map<String, Collection<String>> defined, Problems problems) {
        defined.forEach((name, headers) -> {
            candidates.computeIfAbsent(name, n -> new EnumMap<>(Param.class));
            for (String header : headers) {
                addHeaderKey(name, header, Param.CONNECTION_PREFIX + name + "." + Param.HEADER_PREFIX + header, true);
            }
        });
        for (String name : listed) {
            candidates.computeIfAbsent(name, n -> new EnumMap<>(Param.class));
        }
        // Every spelling of every parameter of every connection is asked for (a source need not
        // list its keys), so this runs tens of times per connection: no collection per parameter.
        candidates.forEach((name, scannedByParam) -> {
            String base = Param.CONNECTION_PREFIX + name + ".";
            Map<Param, Setting> settings = new EnumMap<>(Param.class);
            for (Param p : Param.connectionParams()) {
                Setting s = readConnectionParam(config, p, base, scannedByParam.get(p), problems);
                if (s != null) {
                    settings.put(p, s);
                }
            }
            if (!settings.isEmpty()) {
                perConnection.put(name, settings);
            }
        });
        headerCandidates.forEach((name, headers) -> {
            Map<String, Setting> settings = new LinkedHashMap<>();
            headers.forEach((lower, keys) -> {
                Setting s = readOne(config, Param.HEADER, List.copyOf(keys), problems);
                if (s != null) {
                    settings.put(headerOfKey(s.where()), s);
                }
            });
            if (!settings.isEmpty()) {
                perConnectionHeaders.put(name, settings);
            }
        });
    }

    /** The global settings that are set, by parameter. */
    Map<Param, Setting> globals() {
        return globals;
    }

    /** The per-key settings by connection name, in the order the names were found. */
    Map<String, Map<Param, Setting>> perConnection() {
        return perConnection;
    }

    /** The per-key default headers by connection name, then by header name as its key writes it. */
    Map<String, Map<String, Setting>> perConnectionHeaders() {
        return perConnectionHeaders;
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
    private void scan(ConfigView config, Problems problems) {
        for (String key : config.keys()) {
            if (key.startsWith(Param.CONNECTION_PREFIX)) {
                perKey(key, problems);
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

    private void perKey(String key, Problems problems) {
        String rest = key.substring(Param.CONNECTION_PREFIX.length());
        String shownKey = ConfigText.of(key).shown();   // a key is text as written too
        int firstDot = rest.indexOf('.');
        if (firstDot > 0 && Param.headerName(rest.substring(firstDot + 1)) != null) {
            String name = rest.substring(0, firstDot);
            if (!Values.isName(name)) {
                problems.add(shownKey, null, "invalid connection name '" + ConfigText.of(name).shown() + "'; "
                        + Values.NAME_RULE);
            } else {
                candidates.computeIfAbsent(name, n -> new EnumMap<>(Param.class));
                addHeaderKey(name, Param.headerName(rest.substring(firstDot + 1)), key, false);
            }
            return;
        }
        int dot = rest.lastIndexOf('.');
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

    /**
     * Adds a key to read a default header from. A {@code probed} key (made from a name written in a
     * line or section) that differs from a key already known only in letter case is not added: it
     * is the same header, and one environment variable answers both spellings, which would
     * otherwise look like the header set twice.
     */
    private void addHeaderKey(String name, String header, String key, boolean probed) {
        Set<String> keys = headerCandidates.computeIfAbsent(name, n -> new LinkedHashMap<>())
                .computeIfAbsent(header.toLowerCase(Locale.ROOT), h -> new LinkedHashSet<>());
        if (probed && keys.stream().anyMatch(key::equalsIgnoreCase)) {
            return;
        }
        keys.add(key);
    }

    /** The header name of a key {@code httpclient.connection.<name>.header.<Header-Name>}. */
    private static String headerOfKey(String key) {
        return Param.headerName(key.substring(key.indexOf('.', Param.CONNECTION_PREFIX.length()) + 1));
    }

    /** The names of {@code httpclient.connections}. */
    private void readListed(ConfigView config, Problems problems) {
        String listKey = Param.PREFIX + Param.CONNECTIONS.globalKey();
        for (ConfigText raw : ConfigText.list(config.values(listKey))) {
            String name = raw.strip().value();
            if (!Values.isName(name) || raw.isMarked()) {
                problems.add(listKey, raw.strip().shown(), "invalid connection name; " + Values.NAME_RULE);
                continue;
            }
            listed.add(name);
        }
    }

    /**
     * The value of the first of {@code keys} that is set; a problem if another spelling of the
     * same parameter is set too. A value of exactly {@code ""} is the null override.
     */
    private static Setting readOne(ConfigView config, Param p, List<String> keys, Problems problems) {
        Setting found = null;
        for (String key : keys) {
            found = readKey(config, p, key, found, problems);
        }
        return found;
    }

    /**
     * {@link #readOne} of a connection parameter: the keys the scan found for it first ({@code
     * scanned}, may be null), then every spelling under {@code base} not among them.
     */
    private static Setting readConnectionParam(ConfigView config, Param p, String base, Set<String> scanned,
                                               Problems problems) {
        Setting found = null;
        if (scanned != null) {
            for (String key : scanned) {
                found = readKey(config, p, key, found, problems);
            }
        }
        for (String spelling : p.connectionSpellings()) {
            String key = base + spelling;
            if (scanned == null || !scanned.contains(key)) {
                found = readKey(config, p, key, found, problems);
            }
        }
        return found;
    }

    /** {@code found}, or the setting of {@code key} if it is the first set; a problem if both are. */
    private static Setting readKey(ConfigView config, Param p, String key, Setting found, Problems problems) {
        String value = config.value(key).orElse(null);
        if (value == null) {
            return found;
        }
        String v = value.equals("\"\"") ? "" : value;
        Setting s = p == Param.HEADER ? Setting.header(headerOfKey(key), v, key) : new Setting(p, v, key);
        if (found == null) {
            return s;
        }
        problems.add(s, "set twice: " + found.where() + " is the same parameter; keep one");
        return found;
    }
}
