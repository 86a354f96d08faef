package dev.httpcon.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the whole httpcon configuration, once, into immutable settings.
 *
 * <p>Connections can be written in three forms, used together:
 * <pre>
 * # 1. the original's httpcon lines (a MicroProfile Config list)
 * httpclient.httpcon[0]=apione=>http://atlanta.example.com
 * httpclient.httpcon[1]=apifour=>http://stockholm.example.com/api/getstuff;timeout=12;failover=apione
 * # 2. the original's INI file: [name] sections of key = value
 * httpclient.config_file=httpconnections.cfg
 * # 3. one key per parameter: defines a connection or overrides one parameter of another form's
 * httpclient.connection.apithree.url=http://atlanta.example.com/api/12
 * # every parameter of every connection defined in any form is also asked for by key, so
 * # HTTPCLIENT_CONNECTION_APIFOUR_PASSWORD from the environment is found; httpclient.connections
 * # names connections that only the environment defines
 * </pre>
 * Globals ({@code httpclient.connection_timeout}, {@code httpclient.cacert}, ...) apply to every
 * connection; a connection's own value wins; a per-key property wins over a line or section.
 *
 * <pre>{@code
 * HttpConSettings settings = SettingsLoader.load(new MpConfigView(ConfigProvider.getConfig()));
 * ConnectionSettings api = settings.connection("apifour");
 * }</pre>
 *
 * <p>Nothing is half-loaded: every problem in every form is collected (key and where it was
 * written, value with passwords masked, what was expected), and one
 * {@link ConfigValidationException} lists them all. See {@code docs/configuration.md}.
 */
public final class SettingsLoader {

    /** An indexed list element, {@code httpcon[3]}. */
    private static final Pattern INDEX = Pattern.compile("\\[[0-9]+]$");

    private SettingsLoader() {
    }

    /**
     * The value of a configuration key as httpcon's messages show it: what may be a password
     * masked ({@link ConfigText}: URL passwords, password values, and in httpcon lines whatever
     * follows a password), URL query values too. Values of unknown keys under {@code httpclient.}
     * are not shown at all; keys outside {@code httpclient.} are not httpcon's and are returned
     * as they are.
     *
     * <pre>{@code
     * SettingsLoader.shownValue("httpclient.connection.api.password", "s3cret");   // ****
     * SettingsLoader.shownValue("httpclient.connection.api.url", "http://u:s3cret@h/x?k=v");
     *                                                                 // http://u:****@h/x?k=****
     * SettingsLoader.shownValue("httpclient.httpcon", "a=>http://h/x;timeout=2;password=s3cret");
     *                                                                 // a=>http://h/x;timeout=2;password=****
     * SettingsLoader.shownValue("httpclient.pasword", "s3cret");      // **** (an unknown key may hold anything)
     * }</pre>
     */
    public static String shownValue(String key, String value) {
        if (value == null || !key.startsWith(Param.PREFIX)) {
            return value;
        }
        String rest = INDEX.matcher(key.substring(Param.PREFIX.length())).replaceFirst("");
        if (rest.equals(Param.HTTPCON.globalKey())) {
            return ConfigText.httpconLines(value).shown();
        }
        Param p;
        if (rest.startsWith("connection.")) {
            int dot = rest.lastIndexOf('.');
            p = dot > "connection.".length() ? Param.connection(rest.substring(dot + 1)) : null;
        } else {
            p = Param.global(rest);
        }
        return p == null ? dev.httpcon.Redaction.MASK : new Setting(p, value, key).shown();
    }

    /**
     * Reads the globals and every connection (httpcon lines, the INI config_file, per-key properties),
     * reads the PEM files they name, validates everything and fails once with every problem.
     *
     * @throws ConfigValidationException listing every problem found
     */
    public static HttpConSettings load(ConfigView config) {
        Objects.requireNonNull(config, "config must be set");
        Problems problems = new Problems();
        ConfigKeys keys = ConfigKeys.read(config, problems);
        Map<Param, Setting> globals = keys.globals();
        Path workingDir = Path.of("").toAbsolutePath();
        ClassLoader loader = classLoader();
        Path configDir = configDir(globals.get(Param.CONFIG_DIR), workingDir, problems);

        String linesKey = Param.PREFIX + Param.HTTPCON.globalKey();
        List<Definition> definitions = new ArrayList<>(HttpconLineParser.parseAll(httpconLines(config, linesKey),
                problems));
        FileResolver configFiles = new FileResolver(workingDir, configDir != null ? configDir : workingDir, loader);
        FileResolver.Found configFile = readConfigFile(globals.get(Param.CONFIG_FILE), configFiles, definitions,
                problems);

        // Certificates and keys with plain relative names sit next to the config_file by default,
        // as they did next to the original's main config file: in its directory, or beside it on
        // the classpath when it is a resource (inside a jar it has no directory).
        Path fileBase = configDir != null ? configDir
                : configFile != null && configFile.path() != null ? configFile.path().getParent() : workingDir;
        String resourceFolder = configDir == null && configFile != null && configFile.resource() != null
                ? FileResolver.folderOf(configFile.resource()) : null;
        TlsBuilder tls = new TlsBuilder(new FileResolver(workingDir, fileBase, loader, resourceFolder), problems);
        ConnectionBuilder builder = new ConnectionBuilder(globals, tls,
                configFile == null ? null : configFile.source().location(), problems);

        // Every parameter of every connection a line or a section defines is asked for by name
        // too, so that any source (environment variables included) can set or override it.
        Map<String, Collection<String>> defined = new LinkedHashMap<>();
        for (Definition d : definitions) {
            if (d.shownName().equals(d.name())) {   // not a name that may be part of a password
                defined.computeIfAbsent(d.name(), n -> new ArrayList<>()).addAll(d.headers().keySet());
            }
        }
        keys.readConnections(config, defined, problems);
        Map<String, Definition> definitionsByName = merge(definitions, keys, problems);
        for (Definition d : definitions) {
            if (!definitionsByName.get(d.name()).where().equals(d.where())) {
                builder.build(d); // a duplicate, reported by merge: its values are still checked
            }
        }
        Map<String, ConnectionSettings> connections = new LinkedHashMap<>();
        definitionsByName.forEach((name, d) -> {
            if (d.hasUrl()) {
                ConnectionSettings c = builder.build(d);
                if (c != null) {
                    connections.put(name, c);
                }
            }
        });
        FailoverCheck.check(definitionsByName, problems);
        ReloadSettings reload = new ReloadSettings(
                (java.time.Duration) problems.valueOf(globals, Param.RELOAD_PERIOD, Param.RELOAD_PERIOD.defaultValue()),
                zooKeeper(globals, problems));
        problems.throwIfAny();
        return new HttpConSettings(builder.globals(), connections, reload);
    }

    /**
     * The ZooKeeper source's settings alone ({@code httpclient.zookeeper.*}), read before anything
     * else: they say where the rest of the configuration is. {@code null} when
     * {@code httpclient.zookeeper.connect} is not set.
     *
     * @throws ConfigValidationException listing every problem of these keys
     */
    public static ZooKeeperSettings zooKeeper(ConfigView config) {
        Objects.requireNonNull(config, "config must be set");
        Problems problems = new Problems();
        Map<Param, Setting> settings = new java.util.EnumMap<>(Param.class);
        for (Param p : Param.ZOOKEEPER) {
            Setting s = ConfigKeys.readGlobal(config, p, problems);
            if (s != null) {
                settings.put(p, s);
            }
        }
        ZooKeeperSettings zk = zooKeeper(settings, problems);
        problems.throwIfAny();
        return zk;
    }

    private static ZooKeeperSettings zooKeeper(Map<Param, Setting> globals, Problems problems) {
        String connect = (String) problems.valueOf(globals, Param.ZOOKEEPER_CONNECT, null);
        String root = (String) problems.valueOf(globals, Param.ZOOKEEPER_ROOT, Param.ZOOKEEPER_ROOT.defaultValue());
        java.time.Duration session = (java.time.Duration) problems.valueOf(globals, Param.ZOOKEEPER_SESSION_TIMEOUT,
                Param.ZOOKEEPER_SESSION_TIMEOUT.defaultValue());
        java.time.Duration connection = (java.time.Duration) problems.valueOf(globals,
                Param.ZOOKEEPER_CONNECTION_TIMEOUT, Param.ZOOKEEPER_CONNECTION_TIMEOUT.defaultValue());
        ZooKeeperSettings.Auth auth = (ZooKeeperSettings.Auth) problems.valueOf(globals, Param.ZOOKEEPER_AUTH, null);
        return connect == null ? null : new ZooKeeperSettings(connect, root, session, connection, auth);
    }

    /**
     * The httpcon lines with what may be a password marked ({@link ConfigText}). Written as one
     * value, the lines are one source: a {@code ,} inside a password cuts it into two "lines", and
     * the second one's text must be known for what it is. Written as indexed keys
     * ({@code httpcon[0]}, ...), each line is a source of its own.
     */
    private static List<ConfigText> httpconLines(ConfigView config, String key) {
        List<String> items = config.values(key);
        if (config.value(key).isPresent()) {
            return ConfigText.httpconList(items);
        }
        return items.stream().map(ConfigText::httpconLines).toList();
    }

    /**
     * Every definition by name: lines and sections (a name defined twice is a problem), then the
     * per-key properties on top. Definitions without a url are kept (failover may name them) but
     * reported.
     */
    private static Map<String, Definition> merge(List<Definition> definitions, ConfigKeys keys, Problems problems) {
        Map<String, Definition> byName = new LinkedHashMap<>();
        for (Definition d : definitions) {
            Definition first = byName.putIfAbsent(d.name(), d);
            if (first != null) {
                problems.add(d.where(), d.shownName(), "connection '" + d.shownName() + "' is defined twice, first at "
                        + first.where() + "; connection names must be unique");
            }
        }
        Set<String> perKeyNames = new LinkedHashSet<>(keys.perConnection().keySet());
        perKeyNames.addAll(keys.perConnectionHeaders().keySet());
        for (String name : perKeyNames) {
            Map<Param, Setting> overrides = keys.perConnection().getOrDefault(name, Map.of());
            Map<String, Setting> headers = keys.perConnectionHeaders().getOrDefault(name, Map.of());
            Definition base = byName.get(name);
            byName.put(name, base != null ? base.overriddenBy(overrides, headers)
                    : new Definition(name, Param.CONNECTION_PREFIX + name + ".*", overrides, headers));
        }
        String listKey = Param.PREFIX + Param.CONNECTIONS.globalKey();
        for (String name : keys.listed()) {
            if (!byName.containsKey(name)) {
                problems.add(listKey, name, "connection '" + name + "' is listed but defined nowhere; "
                        + howToDefine(name));
            }
        }
        byName.forEach((name, d) -> {
            if (!d.hasUrl()) {
                String shown = d.shownName();
                String close = Suggest.closest(shown, shownNames(byName).stream().filter(n -> !n.equals(name)).toList());
                problems.add(d.where(), null, "connection '" + shown + "' has no url; " + howToDefine(shown)
                        + (close == null ? "" : "; or did you mean " + close + "?"));
            }
        });
        return byName;
    }

    /** The names a message may show and suggest: not those that may be part of a password. */
    static List<String> shownNames(Map<String, Definition> definitions) {
        return definitions.values().stream().filter(d -> d.shownName().equals(d.name())).map(Definition::name).toList();
    }

    private static String howToDefine(String name) {
        return "set " + Param.CONNECTION_PREFIX + name + ".url, write " + name
                + "=>http(s)://... in httpclient.httpcon, or url = ... in its config_file section";
    }

    /** {@code httpclient.config_dir} as an absolute directory, or null if not set. */
    private static Path configDir(Setting setting, Path workingDir, Problems problems) {
        String dir = setting == null ? null : (String) problems.parse(setting, null);
        if (dir == null) {
            return null;
        }
        Path path = workingDir.resolve(dir).normalize();
        if (!Files.isDirectory(path)) {
            problems.add(setting, "not a directory", "not a directory: " + path);
            return null;
        }
        return path;
    }

    /** Reads the INI file (once), adding its sections to {@code definitions}; the file found, or null. */
    private static FileResolver.Found readConfigFile(Setting setting, FileResolver files, List<Definition> definitions,
                                                     Problems problems) {
        String declared = setting == null ? null : (String) problems.parse(setting, null);
        if (declared == null) {
            return null;
        }
        try {
            FileResolver.Found file = files.resolve(declared);
            definitions.addAll(IniParser.parse(file.source().location(), file.read(), problems));
            return file;
        } catch (BadValue e) {
            problems.add(setting, e);
            return null;
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : SettingsLoader.class.getClassLoader();
    }
}
