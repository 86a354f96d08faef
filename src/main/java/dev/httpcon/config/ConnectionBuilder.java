package dev.httpcon.config;

import dev.httpcon.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns definitions into {@link ConnectionSettings}: each parameter from the connection's own
 * value, else the global, else the built-in default. Globals apply to every connection, wherever
 * they were written (the original copied only the globals set above a line).
 */
final class ConnectionBuilder {

    /** The globals a connection inherits, outside TLS (which {@link TlsBuilder} handles). */
    private static final List<Param> INHERITED = List.of(Param.AUTHMETHOD, Param.KEEP_CONNECTIONS, Param.USERAGENT,
            Param.TIMEOUT, Param.MAXDATASIZE, Param.HTTPREDIRECT, Param.HTTPPROXY, Param.HTTPPROXYPORT,
            Param.MAX_REDIRECTS, Param.HTTP_VERSION, Param.MAX_CONNECTIONS_PER_HOST, Param.MAX_CONNECTIONS,
            Param.TOTAL_TIMEOUT, Param.HEALTH_FAILURES, Param.HEALTH_RETRY, Param.HEALTH_PROBE, Param.MAX_CONCURRENT,
            Param.FAILOVER_UNSAFE, Param.PROPAGATE_TRACE, Param.ASYNC_EXECUTOR);

    private final Problems problems;
    private final TlsBuilder tls;
    private final Map<Param, Object> inherited = new EnumMap<>(Param.class);
    private final GlobalSettings globals;
    /** Where the global {@code async_executor} was written, or null if it was not. */
    private final String globalExecutorWhere;

    /** Parses the globals (each problem reported once, here) and builds {@link GlobalSettings}. */
    ConnectionBuilder(Map<Param, Setting> globalSettings, TlsBuilder tls, String configFile, Problems problems) {
        this.problems = problems;
        this.tls = tls;
        for (Param p : Param.connectionParams()) {
            inherited.put(p, p.defaultValue());
        }
        for (Param p : INHERITED) {
            inherited.put(p, problems.valueOf(globalSettings, p, p.defaultValue()));
        }
        Setting globalExecutor = globalSettings.get(Param.ASYNC_EXECUTOR);
        this.globalExecutorWhere = globalExecutor == null ? null : globalExecutor.where();
        this.globals = new GlobalSettings((Boolean) inherited.get(Param.HTTPREDIRECT),
                (Integer) inherited.get(Param.MAX_REDIRECTS), proxy(Map.of()), (String) inherited.get(Param.USERAGENT),
                (Long) inherited.get(Param.MAXDATASIZE), (Duration) inherited.get(Param.TIMEOUT),
                tls.global(globalSettings), authMethods(inherited.get(Param.AUTHMETHOD)),
                (Boolean) inherited.get(Param.KEEP_CONNECTIONS), (HttpVersion) inherited.get(Param.HTTP_VERSION), configFile,
                (Integer) inherited.get(Param.MAX_CONNECTIONS_PER_HOST), (Integer) inherited.get(Param.MAX_CONNECTIONS),
                resilience(Map.of()));
    }

    GlobalSettings globals() {
        return globals;
    }

    /**
     * The settings of one connection, or null if anything in it is invalid (every problem is
     * recorded: parsing goes on past the first one). The definition must have a url.
     */
    ConnectionSettings build(Definition d) {
        int before = problems.count();
        Map<Param, Setting> own = d.settings();
        Urls.UrlParts url = (Urls.UrlParts) value(own, Param.URL);
        // A username or password parameter wins over credentials written in the URL.
        String username = own.containsKey(Param.USERNAME) ? (String) value(own, Param.USERNAME)
                : url == null ? null : url.username();
        String password = own.containsKey(Param.PASSWORD) ? (String) value(own, Param.PASSWORD)
                : url == null ? null : url.password();
        Set<AuthMethod> auth = authMethods(value(own, Param.AUTHMETHOD));
        boolean keep = (Boolean) value(own, Param.KEEP_CONNECTIONS);
        String userAgent = (String) value(own, Param.USERAGENT);
        Duration timeout = (Duration) value(own, Param.TIMEOUT);
        long maxDataSize = (Long) value(own, Param.MAXDATASIZE);
        boolean redirects = (Boolean) value(own, Param.HTTPREDIRECT);
        int maxRedirects = (Integer) value(own, Param.MAX_REDIRECTS);
        ProxySettings proxy = proxy(own);
        HttpVersion httpVersion = (HttpVersion) value(own, Param.HTTP_VERSION);
        String failover = (String) value(own, Param.FAILOVER);
        List<String> restClients = classNames(value(own, Param.REST_CLIENTS));
        ResilienceSettings resilience = resilience(own);
        boolean propagateTrace = (Boolean) value(own, Param.PROPAGATE_TRACE);
        ExecutorRef asyncExecutor = asyncExecutor(d);
        TlsSettings tlsSettings = tls.forConnection(own);
        if (url != null) {
            checkHttpVersion(d, own, httpVersion, url.url(), proxy, auth);
        }
        List<HttpRequest.Header> headers = headers(d, username);
        if (problems.count() > before || url == null || tlsSettings == null) {
            return null;
        }
        return new ConnectionSettings(d.name(), url.url(), username, Secret.of(password), auth, keep, userAgent,
                tlsSettings, timeout, maxDataSize, redirects, maxRedirects, proxy, httpVersion, failover, resilience,
                restClients, d.where(), propagateTrace, headers, asyncExecutor);
    }

    /** The connection's {@code async_executor}, own or inherited, with where it was written; null if unset. */
    private ExecutorRef asyncExecutor(Definition d) {
        Map<Param, Setting> own = d.settings();
        String name = (String) value(own, Param.ASYNC_EXECUTOR);
        if (name == null) {
            return null;
        }
        Setting written = own.get(Param.ASYNC_EXECUTOR);
        return new ExecutorRef(name, written != null ? written.where()
                : globalExecutorWhere + " (inherited by connection '" + d.name() + "')");
    }

    /**
     * The combinations with HTTP/2 that cannot work, refused at deployment rather than failing on
     * every request: prior knowledge is cleartext only and does not go through a proxy (a forward
     * proxy speaks HTTP/1.1); NTLM authenticates a TCP connection, which HTTP/2 shares between the
     * requests of many callers (RFC 9113 section 8.2.3 names it as not working).
     */
    private void checkHttpVersion(Definition d, Map<Param, Setting> own, HttpVersion version, java.net.URI url,
                                  ProxySettings proxy, Set<AuthMethod> auth) {
        if (!version.allowsHttp2()) {
            return;
        }
        Setting written = own.get(Param.HTTP_VERSION);
        String where = written != null ? written.where()
                : d.where() + " (http_version " + version + " from " + Param.PREFIX + Param.HTTP_VERSION.globalKey() + ")";
        if (version == HttpVersion.HTTP_2_PRIOR_KNOWLEDGE && "https".equalsIgnoreCase(url.getScheme())) {
            problems.add(where, version.label(), "2-prior-knowledge is cleartext HTTP/2 (h2c) and cannot be used with "
                    + "an https URL; use http_version=2, which speaks HTTP/2 over TLS when the server offers it");
        }
        if (version == HttpVersion.HTTP_2_PRIOR_KNOWLEDGE && proxy != null) {
            problems.add(where, version.label(), "2-prior-knowledge cannot go through a proxy (httpproxy): a forward "
                    + "proxy speaks HTTP/1.1; use http_version=1.1 or 2, or no proxy for this connection");
        }
        if (auth.contains(AuthMethod.NTLM)) {
            problems.add(where, version.label(), "NTLM (authmethod 8) authenticates a TCP connection, which HTTP/2 "
                    + "shares between requests, so it cannot work over HTTP/2; use http_version=1.1 for this "
                    + "connection, or leave NTLM out of authmethod");
        }
    }

    /**
     * The default headers, in the order written; {@code ""} leaves a header out (the null
     * override: a per-key {@code ""} removes a header a line or section sets). Refused: names that
     * are not HTTP tokens, values with control characters, headers the engine writes itself or that
     * have a parameter of their own, and an Authorization header beside a user name (which of the
     * two would be sent?).
     */
    private List<HttpRequest.Header> headers(Definition d, String username) {
        if (d.headers().isEmpty()) {
            return List.of();
        }
        List<HttpRequest.Header> headers = new ArrayList<>();
        d.headers().forEach((name, setting) -> {
            if (setting.isReset()) {
                return;
            }
            String reason = refusedHeader(name);
            if (reason != null) {
                problems.add(setting, reason);
                return;
            }
            if (name.equalsIgnoreCase("Authorization") && username != null) {
                problems.add(setting, "an Authorization header and a username are both set; keep one (the username "
                        + "sends Basic or Digest credentials itself)");
                return;
            }
            String value = (String) problems.parse(setting, null);
            if (value != null) {
                headers.add(new HttpRequest.Header(name, value));
            }
        });
        return headers;
    }

    /** Why a default header of this name is refused, or null when it is fine. */
    static String refusedHeader(String name) {
        if (name.isEmpty() || !isToken(name)) {
            return "expected header.<Header-Name> with a name made of letters, digits and !#$%&'*+-.^_`|~";
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer", "expect" ->
                    "httpcon writes the " + name + " header itself; it cannot be a default header";
            case "content-type" -> "the Content-Type goes with a body: give it with the request (post, send)";
            case "user-agent" -> "set the user agent with the useragent parameter";
            default -> null;
        };
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The resilience settings: each from the connection, else the global, else the default. */
    private ResilienceSettings resilience(Map<Param, Setting> own) {
        return new ResilienceSettings((Duration) value(own, Param.TOTAL_TIMEOUT),
                (Integer) value(own, Param.HEALTH_FAILURES), (Duration) value(own, Param.HEALTH_RETRY),
                (String) value(own, Param.HEALTH_PROBE), (Integer) value(own, Param.MAX_CONCURRENT),
                (Boolean) value(own, Param.FAILOVER_UNSAFE));
    }

    private Object value(Map<Param, Setting> own, Param p) {
        return problems.valueOf(own, p, inherited.get(p));
    }

    /**
     * The proxy: httpproxy (a port written in it wins over httpproxyport), else httpproxyport,
     * else curl's 1080. A port of 0 disables the proxy named at its own level or above: a
     * connection's {@code httpproxyport=0} turns off the global proxy, a global 0 does not turn
     * off a proxy the connection names itself (the manual: "set the port to zero").
     */
    private ProxySettings proxy(Map<Param, Setting> own) {
        boolean ownHost = own.containsKey(Param.HTTPPROXY);
        boolean ownPort = own.containsKey(Param.HTTPPROXYPORT);
        Urls.ProxyAddress host = (Urls.ProxyAddress) value(own, Param.HTTPPROXY);
        Integer port = (Integer) value(own, Param.HTTPPROXYPORT);
        boolean disabled = port != null && port == 0 && (ownPort || !ownHost);
        if (host == null || disabled) {
            return null;
        }
        int effectivePort = host.port() != null ? host.port()
                : port != null && port != 0 ? port : Urls.DEFAULT_PROXY_PORT;
        return new ProxySettings(host.host(), effectivePort);
    }

    @SuppressWarnings("unchecked")
    private static Set<AuthMethod> authMethods(Object parsed) {
        return (Set<AuthMethod>) parsed;
    }

    @SuppressWarnings("unchecked")
    private static List<String> classNames(Object parsed) {
        return (List<String>) parsed;
    }
}
