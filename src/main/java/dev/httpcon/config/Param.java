package dev.httpcon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The key table: every parameter httpcon reads, with its key as a global ({@code httpclient.<key>})
 * and as a connection parameter (httpcon line, INI section, {@code httpclient.connection.<name>.<key>}),
 * its aliases, its parser and its built-in default. A {@code null} key means "not in that scope".
 *
 * <p>Most keys keep the original module's name; the global timeout is {@code connection_timeout}
 * and the per-connection one {@code timeout}, as in the original.
 */
enum Param {
    URL(null, "url", Urls::parse, null),
    USERNAME(null, "username", Values::text, null),
    PASSWORD(null, "password", Values::text, null),
    AUTHMETHOD("authmethod", "authmethod", Values::authMethods, Set.of(AuthMethod.BASIC, AuthMethod.DIGEST)),
    KEEP_CONNECTIONS("keep_connections", "keep_connections", Values::bool, false, "keepconnections"),
    USERAGENT("useragent", "useragent", Values::headerText, UserAgent.DEFAULT),
    VERIFY_PEER("verify_peer", "verify_peer", Values::bool, true),
    VERIFY_HOST("verify_host", "verify_host", Values::verifyHost, true),
    CLIENT_CERT("client_cert", "client_cert", Values::text, null),
    CLIENT_KEY("client_key", "client_key", Values::text, null),
    CACERT("cacert", "cacert", Values::text, null),
    CIPHER_SUITES("cipher_suites", "cipher_suites", CipherSuites::parse, List.of()),
    TLSVERSION("tlsversion", "tlsversion", Values::tlsVersion, TlsVersion.DEFAULT),
    HTTP_VERSION("http_version", "http_version", Values::httpVersion, HttpVersion.HTTP_1_1),
    TIMEOUT("connection_timeout", "timeout", Values::duration, Duration.ofSeconds(4)),
    // Unset must not mean "buffer until the heap is gone" (an endless body reads at hundreds of
    // MiB a second); 0 written explicitly is the original's "no limit".
    MAXDATASIZE("maxdatasize", "maxdatasize", Values::bytes, GlobalSettings.DEFAULT_MAX_DATA_SIZE),
    HTTPREDIRECT("httpredirect", "httpredirect", Values::bool, true, "http_follow_redirect"),
    HTTPPROXY("httpproxy", "httpproxy", Urls::proxy, null),
    HTTPPROXYPORT("httpproxyport", "httpproxyport", Values::port, null),
    FAILOVER(null, "failover", Values::name, null),
    // Browsers stop after about 20 redirects and curl's own default is 50; 30 ends loops quickly
    // while leaving room for real chains of login and load-balancer hops.
    MAX_REDIRECTS("max_redirects", "max_redirects", s -> Values.integer(s, 0, Integer.MAX_VALUE), 30),
    REST_CLIENTS(null, "rest-clients", Values::classNames, List.of()),
    // Resilience (docs/resilience.md). Unset, each keeps the original's behaviour: no budget across
    // hops, no health, no guard, and a failed POST re-sent to the failover.
    TOTAL_TIMEOUT("total_timeout", "total_timeout", Values::duration, Duration.ZERO),
    HEALTH_FAILURES("health_failures", "health_failures", s -> Values.integer(s, 0, 1_000_000), 0),
    HEALTH_RETRY("health_retry", "health_retry", Values::positiveDuration, ResilienceSettings.DEFAULT_HEALTH_RETRY),
    HEALTH_PROBE("health_probe", "health_probe", Values::probePath, null),
    MAX_CONCURRENT("max_concurrent", "max_concurrent", s -> Values.integer(s, 0, Integer.MAX_VALUE), 0),
    FAILOVER_UNSAFE("failover_unsafe", "failover_unsafe", Values::bool, true),
    // W3C trace context on every request, when a tracing back end is present (docs/observability.md).
    PROPAGATE_TRACE("propagate_trace", "propagate_trace", Values::bool, true),
    // Where asynchronous calls complete (docs/usage.md): a CDI bean's @Named name or a JNDI name
    // (java:...); unset, httpcon's own completion pool.
    ASYNC_EXECUTOR("async_executor", "async_executor", Values::executorName, null),
    /**
     * A default header, {@code header.<Header-Name>}: not one key but a family, so it is in neither
     * index; {@link #headerName} recognises its keys.
     */
    HEADER(null, null, Values::headerText, null),
    CONFIG_FILE("config_file", null, Values::text, null),
    CONFIG_DIR("config_dir", null, Values::text, null),
    MAX_CONNECTIONS_PER_HOST("max_connections_per_host", null, s -> Values.integer(s, 1, Integer.MAX_VALUE), 64),
    MAX_CONNECTIONS("max_connections", null, s -> Values.integer(s, 1, Integer.MAX_VALUE), 256),
    CONNECTIONS("connections", null, Values::text, List.of()),
    HTTPCON("httpcon", null, Values::text, List.of()),
    // Live reconfiguration: a periodic reload, off by default (files and ZooKeeper are watched).
    RELOAD_PERIOD("reload_period", null, Values::duration, Duration.ZERO),
    // The ZooKeeper config source: read at start from the application's own sources.
    ZOOKEEPER_CONNECT("zookeeper.connect", null, Values::zooKeeperConnect, null),
    ZOOKEEPER_ROOT("zookeeper.root", null, Values::zooKeeperPath, ZooKeeperSettings.DEFAULT_ROOT),
    ZOOKEEPER_SESSION_TIMEOUT("zookeeper.session_timeout", null, Values::positiveDuration,
            ZooKeeperSettings.DEFAULT_SESSION_TIMEOUT),
    ZOOKEEPER_CONNECTION_TIMEOUT("zookeeper.connection_timeout", null, Values::positiveDuration,
            ZooKeeperSettings.DEFAULT_CONNECTION_TIMEOUT),
    // scheme:credentials, e.g. digest:user:password: a secret, never shown.
    ZOOKEEPER_AUTH("zookeeper.auth", null, Values::zooKeeperAuth, null);

    /** The prefix of every key httpcon reads from a configuration source. */
    static final String PREFIX = "httpclient.";

    /** The prefix of the per-key connection form: {@code httpclient.connection.<name>.<param>}. */
    static final String CONNECTION_PREFIX = PREFIX + "connection.";

    /** What starts the key of a default header in a connection: {@code header.X-Api-Key}. */
    static final String HEADER_PREFIX = "header.";

    /** The parameters of the ZooKeeper config source ({@link ZooKeeperSettings}). */
    static final Set<Param> ZOOKEEPER = Set.of(ZOOKEEPER_CONNECT, ZOOKEEPER_ROOT, ZOOKEEPER_SESSION_TIMEOUT,
            ZOOKEEPER_CONNECTION_TIMEOUT, ZOOKEEPER_AUTH);

    /** The parameters that make up a connection's {@link TlsSettings}. */
    static final Set<Param> TLS = Set.of(VERIFY_PEER, VERIFY_HOST, TLSVERSION, CIPHER_SUITES, CACERT, CLIENT_CERT,
            CLIENT_KEY);

    private static final Map<String, Param> GLOBALS = index(true);
    private static final Map<String, Param> PER_CONNECTION = index(false);

    private final String globalKey;
    private final String connectionKey;
    private final Function<String, Object> parser;
    private final Object defaultValue;
    private final List<String> aliases;
    private final List<String> connectionSpellings;

    Param(String globalKey, String connectionKey, Function<String, Object> parser, Object defaultValue,
          String... aliases) {
        this.globalKey = globalKey;
        this.connectionKey = connectionKey;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.aliases = List.of(aliases);
        List<String> spellings = new ArrayList<>();
        if (connectionKey != null) {
            spellings.add(connectionKey);
            spellings.addAll(this.aliases);
        }
        this.connectionSpellings = List.copyOf(spellings);
    }

    /** Whether every value of this parameter is a secret: never shown, whole or in part. */
    boolean isSecret() {
        return this == PASSWORD || this == ZOOKEEPER_AUTH;
    }

    /** The key under {@code httpclient.}, or null if this is not a global setting. */
    String globalKey() {
        return globalKey;
    }

    /** The key inside a connection definition, or null if this is global only. */
    String connectionKey() {
        return connectionKey;
    }

    /** The built-in default (already parsed), or null for "none". */
    Object defaultValue() {
        return defaultValue;
    }

    /** Parses a value written for this parameter. @throws BadValue saying what was expected */
    Object parse(String value) {
        return parser.apply(value);
    }

    /** The global parameter with this key or alias, or null. */
    static Param global(String key) {
        return GLOBALS.get(key);
    }

    /** The connection parameter with this key or alias, or null. */
    static Param connection(String key) {
        return PER_CONNECTION.get(key);
    }

    /**
     * The header name of a connection key {@code header.<Header-Name>} (as written; {@code header}
     * in any letter case), or null if {@code key} is not a header key. The name may be empty or
     * invalid: the builder says so.
     */
    static String headerName(String key) {
        return key.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length())
                ? key.substring(HEADER_PREFIX.length()) : null;
    }

    /**
     * Why {@code key} is not a global setting, with the likely fix: a near spelling, or the global
     * name of a per-connection parameter (also when that is misspelt).
     */
    static String unknownGlobal(String key) {
        String close = Suggest.closest(key, GLOBALS.keySet());
        if (close != null) {
            return "unknown key; did you mean " + close + "?";
        }
        String perConnection = connection(key) != null ? key : Suggest.closest(key, PER_CONNECTION.keySet());
        if (perConnection == null) {
            return "unknown key" + Suggest.didYouMean(key, GLOBALS.keySet());
        }
        String globalKey = connection(perConnection).globalKey;
        String prefix = perConnection.equals(key) ? "unknown key; " : "unknown key; did you mean " + perConnection + "? ";
        return prefix + (globalKey != null ? "the global name of this setting is " + PREFIX + globalKey
                : perConnection + " is set per connection: " + CONNECTION_PREFIX + "<name>." + perConnection);
    }

    /** Why {@code key} is not a connection parameter, with the likely fix. */
    static String unknownConnection(String key) {
        if (key.equalsIgnoreCase("header") || key.equalsIgnoreCase("headers")) {
            return "unknown parameter; a default header is written header.<Header-Name> = <value>, one per header";
        }
        String close = Suggest.closest(key, PER_CONNECTION.keySet());
        if (close != null) {
            return "unknown parameter; did you mean " + close + "?";
        }
        Param global = global(key);
        if (global != null && global.connectionKey != null) {
            return "unknown parameter; per connection it is called " + global.connectionKey;
        }
        if (global != null) {
            return "unknown parameter; " + key + " is a global setting only (" + PREFIX + key + ")";
        }
        return "unknown parameter" + Suggest.didYouMean(key, PER_CONNECTION.keySet());
    }

    private static Map<String, Param> index(boolean global) {
        Map<String, Param> map = new HashMap<>();
        for (Param p : values()) {
            String key = global ? p.globalKey : p.connectionKey;
            if (key != null) {
                List<String> names = new ArrayList<>(p.aliases);
                names.add(key);
                names.forEach(n -> map.put(n, p));
            }
        }
        return Map.copyOf(map);
    }

    /**
     * Every accepted spelling of this parameter in a connection definition, the main key first
     * (immutable, made once: it is asked for every parameter of every connection at deployment).
     */
    List<String> connectionSpellings() {
        return connectionSpellings;
    }

    /** Every accepted spelling of this parameter as a global, the main key first. */
    List<String> globalSpellings() {
        List<String> names = new ArrayList<>(List.of(globalKey));
        names.addAll(aliases);
        return names;
    }

    /** The connection parameters, in table order (immutable, made once). */
    static List<Param> connectionParams() {
        return CONNECTION_PARAMS;
    }

    // After the constants: an enum's static fields are initialised once every constant exists.
    private static final List<Param> CONNECTION_PARAMS =
            Arrays.stream(values()).filter(p -> p.connectionKey != null).toList();
}
