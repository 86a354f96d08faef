package dev.httpcon.config;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Parsing of base URLs and proxy addresses (shown masked by {@link dev.httpcon.Redaction#url(String)}). */
final class Urls {

    /** curl's default proxy port, used when neither httpproxy nor httpproxyport names one. */
    static final int DEFAULT_PROXY_PORT = 1080;

    private static final String URL_SHAPE = "http(s)://host[:port][/path][?query]";

    /** A base URL split into the URL without credentials and the credentials it carried (or nulls). */
    record UrlParts(URI url, String username, String password) {
    }

    /** A proxy host and the port written with it (or null). */
    record ProxyAddress(String host, Integer port) {
    }

    private Urls() {
    }

    /**
     * A connection's base URL. Credentials come only from the authority ({@code user:pass@host});
     * an {@code @} later in the path is just part of the path (the original split at the first
     * {@code @} anywhere).
     */
    static UrlParts parse(String value) {
        URI uri = parseUri(value);
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new BadValue("expected an absolute URL like " + URL_SHAPE);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadValue("unsupported scheme: httpcon speaks http and https",
                    "unsupported scheme '" + uri.getScheme() + "': httpcon speaks http and https");
        }
        checkHostAndPort(uri, "expected " + URL_SHAPE + "; write an '@' inside a password as %40");
        if (uri.getRawFragment() != null) {
            throw new BadValue("a base URL must not have a fragment (#...); expected " + URL_SHAPE);
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null && hasPort(uri) && (uri.getRawPath() + uri.getRawQuery()).indexOf('@') >= 0) {
            // http://u:80/x@h: the original takes "u:80/x" for user and password and sends to h;
            // read as host u, port 80, the password would be sent to another host and shown as a path.
            throw new BadValue("ambiguous: an '@' after host:port could end a user:password (the original "
                    + "module reads everything before the first '@' as credentials); percent-encode '/', '?' and '#' "
                    + "inside a password, or write an '@' after the host as %40");
        }
        if (userInfo == null && scheme.equals(uri.getScheme())) {
            return new UrlParts(uri, null, null);
        }
        String hostPort = uri.getRawAuthority().substring(userInfo == null ? 0 : userInfo.length() + 1);
        String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        URI bare = URI.create(scheme + "://" + hostPort + rest);
        if (userInfo == null) {
            return new UrlParts(bare, null, null);
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        return new UrlParts(bare, user, password);
    }

    /**
     * A proxy: {@code host}, {@code host:port} or {@code http://host[:port]}. Only plain HTTP
     * proxies: https URLs still reach their servers through them with CONNECT.
     */
    static ProxyAddress proxy(String value) {
        String v = value.trim();
        String expected = "expected host, host:port or http://host[:port]";
        int sep = v.indexOf("://");
        if (sep >= 0) {
            String scheme = v.substring(0, sep).toLowerCase(Locale.ROOT);
            if (scheme.equals("https")) {
                throw new BadValue("an https:// proxy (TLS to the proxy itself) is not supported; use http://host:port "
                        + "(https URLs still go through it, tunnelled with CONNECT)");
            }
            if (!scheme.equals("http")) {
                throw new BadValue("unsupported proxy scheme; " + expected,
                        "unsupported proxy scheme '" + scheme + "'; " + expected);
            }
            v = v.substring(sep + 3);
        }
        URI uri = parseUri("http://" + v);
        if (uri.getRawUserInfo() != null) {
            throw new BadValue("proxy credentials are not supported; " + expected);
        }
        boolean bareAuthority = (uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (!bareAuthority) {
            throw new BadValue("a proxy has no path, query or fragment; " + expected);
        }
        checkHostAndPort(uri, expected);
        return new ProxyAddress(uri.getHost(), uri.getPort() < 0 ? null : uri.getPort());
    }

    /** Whether the authority has a {@code :port} (possibly empty) after its host. */
    private static boolean hasPort(URI uri) {
        String authority = uri.getRawAuthority();
        int hostEnd = authority.startsWith("[") ? authority.indexOf(']') : 0;
        return authority.indexOf(':', Math.max(hostEnd, 0)) >= 0;
    }

    private static URI parseUri(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new BadValue("a URL must not contain spaces or control characters; percent-encode them (%20)");
            }
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            // The exception's own message repeats the input, which may hold a password: use its parts.
            throw new BadValue("not a valid URL (" + e.getReason() + " at index " + e.getIndex() + "); expected "
                    + URL_SHAPE);
        }
    }

    private static void checkHostAndPort(URI uri, String expected) {
        if (uri.getHost() == null) {
            throw new BadValue("no host name could be read (letters, digits, '-' and '.'; IPv6 in [brackets]); "
                    + expected);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new BadValue("the port is out of range 1..65535", "port " + uri.getPort() + " is out of range 1..65535");
        }
    }

    /**
     * Percent-decoding of a userinfo part (UTF-8); unlike form decoding, '+' stays '+'.
     * {@link URI} has already checked that every '%' is followed by two hex digits.
     */
    private static String decode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == '%') {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int next = raw.indexOf('%', i);
                next = next < 0 ? raw.length() : next;
                out.writeBytes(raw.substring(i, next).getBytes(StandardCharsets.UTF_8));
                i = next;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
