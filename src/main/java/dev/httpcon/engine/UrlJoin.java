package dev.httpcon.engine;

import dev.httpcon.CurlError;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Builds the URLs the engine requests: a connection's base URL joined with a request path, a
 * redirect's {@code Location} resolved against the URL that answered, and the absolute URL given
 * to {@code http_client_query}.
 *
 * <p>Rules (see {@code docs/engine.md}): exactly one {@code /} between base and path; an empty
 * path is the base itself; a path starting with {@code ?} adds a query to the base; the query
 * passes through as written; a fragment is never sent; non-ASCII characters and the few printable
 * characters {@link URI} refuses ({@code " < > \ ^ ` { | } [ ]}) are percent-encoded; spaces,
 * control characters and malformed {@code %} escapes make the URL invalid (curl's code 3).
 */
final class UrlJoin {

    private static final String HEX = "0123456789ABCDEF";

    private UrlJoin() {
    }

    /**
     * The base URL joined with {@code path}. The result always has the base's scheme, host and
     * port: a path can never move the request to another server.
     *
     * @throws EngineFailure code 3 when the path cannot form a valid URL
     */
    static URI join(URI base, String path) throws EngineFailure {
        base = rooted(base);
        String p = path == null ? "" : path;
        int hash = p.indexOf('#');
        if (hash >= 0) {
            p = p.substring(0, hash);
        }
        String head = withoutQuery(stripFragment(base));
        String query = base.getRawQuery();
        if (!p.isEmpty()) {
            int q = p.indexOf('?');
            String pathPart = q < 0 ? p : p.substring(0, q);
            String pathQuery = q < 0 ? null : p.substring(q + 1);
            if (!pathPart.isEmpty()) {
                String h = head.endsWith("/") ? head.substring(0, head.length() - 1) : head;
                head = h + "/" + (pathPart.startsWith("/") ? pathPart.substring(1) : pathPart);
            }
            if (pathQuery != null) {
                // The base's own query (rare) stays first; the path's query follows it.
                query = query == null ? pathQuery : query + "&" + pathQuery;
            }
        }
        String joined = query == null ? head : head + "?" + query;
        int authorityEnd = authorityEnd(joined);
        URI uri = parse(joined.substring(0, authorityEnd) + encodeTail(joined.substring(authorityEnd), false));
        requireSameOrigin(base, uri);
        return uri;
    }

    /**
     * An absolute http(s) URL as given to {@code http_client_query}, with userinfo kept (the
     * caller splits it off). Spaces and control characters make it invalid.
     *
     * <p>The scheme is checked first, as libcurl does: any scheme but http and https is code 1
     * ({@code ftp://}, {@code file://}, {@code mailto:}, ...), whatever follows it. Text without a
     * scheme ({@code host/path}, {@code host:8080/path}, {@code /path}) is code 3: curl would guess
     * {@code http://}, httpcon does not guess where a request goes.
     *
     * @throws EngineFailure code 3 for a malformed URL, code 1 for a scheme other than http(s)
     */
    static URI absolute(String url) throws EngineFailure {
        String s = url.strip();
        String scheme = scheme(s);
        if (scheme == null) {
            throw new EngineFailure(CurlError.URL_MALFORMAT, "no scheme: expected http:// or https:// before the host");
        }
        requireHttpScheme(scheme);
        int authorityEnd = authorityEnd(s);
        if (authorityEnd < 0) {
            throw new EngineFailure(CurlError.URL_MALFORMAT, "not an absolute URL");
        }
        String authority = s.substring(0, authorityEnd);
        for (int i = 0; i < authority.length(); i++) {
            if (authority.charAt(i) <= ' ' || authority.charAt(i) >= 0x7f) {
                throw new EngineFailure(CurlError.URL_MALFORMAT, "the host part of the URL contains a space, a control"
                        + " or a non-ASCII character");
            }
        }
        URI uri = parse(authority + encodeTail(s.substring(authorityEnd), false));
        requireHttp(uri);
        return rooted(uri);
    }

    /**
     * A redirect target: {@code location} resolved against {@code current}. Spaces and non-ASCII
     * characters in the header are percent-encoded (as curl does); userinfo and fragment dropped.
     *
     * @throws EngineFailure code 3 for a malformed location, code 1 for a scheme other than http(s)
     */
    static URI resolve(URI current, String location) throws EngineFailure {
        String loc = location.strip();
        int authorityEnd = authorityEnd(loc);
        String encoded = authorityEnd < 0 ? encodeTail(loc, true)
                : loc.substring(0, authorityEnd) + encodeTail(loc.substring(authorityEnd), true);
        URI ref = parse(encoded);
        URI target;
        if (ref.isAbsolute()) {
            target = ref.normalize();
        } else if (encoded.startsWith("?")) {
            // java.net.URI follows RFC 2396 here and would drop the last path segment.
            target = parse(withoutQuery(stripFragment(current)) + encoded);
        } else if (encoded.isEmpty()) {
            target = current;
        } else {
            target = current.resolve(ref);
        }
        requireHttp(target);
        return rooted(stripFragment(withoutUserInfo(target)));
    }

    /** {@code http://host} as {@code http://host/}: the path actually requested, as curl reports it. */
    private static URI rooted(URI uri) {
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty()) {
            return uri;
        }
        String s = uri.toString();
        int end = authorityEnd(s);
        return end < 0 ? uri : URI.create(s.substring(0, end) + "/" + s.substring(end));
    }

    /** The URL without userinfo: what every reported URL looks like. */
    static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        String s = uri.toString();
        int at = s.indexOf('@', s.indexOf("//") + 2);
        return URI.create(s.substring(0, s.indexOf("//") + 2) + s.substring(at + 1));
    }

    /** Whether two URLs share scheme, host and port (curl's rule for sending credentials). */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    /** The port, with the scheme's default filled in. */
    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void requireSameOrigin(URI base, URI uri) throws EngineFailure {
        if (uri.getHost() == null || uri.getRawUserInfo() != null || !sameOrigin(base, uri)) {
            throw new EngineFailure(CurlError.URL_MALFORMAT, "the path would change the server of the base URL");
        }
    }

    /**
     * The scheme of {@code s} ({@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"}), or null
     * if it has none. {@code name:} followed by a digit is a host and port, not a scheme
     * ({@code localhost:8080/x}), unless {@code //} follows the colon.
     */
    static String scheme(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0 || !isAsciiLetter(s.charAt(0))) {
            return null;
        }
        for (int i = 1; i < colon; i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return null;
            }
        }
        boolean slashes = s.startsWith("//", colon + 1);
        if (!slashes && colon + 1 < s.length() && s.charAt(colon + 1) >= '0' && s.charAt(colon + 1) <= '9') {
            return null;
        }
        return s.substring(0, colon);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** libcurl's answer to a scheme it does not speak: code 1, "Protocol "x" not supported". */
    private static void requireHttpScheme(String scheme) throws EngineFailure {
        String s = scheme.toLowerCase(Locale.ROOT);
        if (!s.equals("http") && !s.equals("https")) {
            throw new EngineFailure(CurlError.UNSUPPORTED_PROTOCOL, "Protocol \"" + s + "\" not supported: "
                    + "httpcon speaks http and https");
        }
    }

    private static void requireHttp(URI uri) throws EngineFailure {
        requireHttpScheme(uri.getScheme() == null ? "" : uri.getScheme());
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new EngineFailure(CurlError.URL_MALFORMAT, "no host name in the URL");
        }
    }

    private static URI parse(String s) throws EngineFailure {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new EngineFailure(CurlError.URL_MALFORMAT, "malformed URL: " + e.getReason());
        }
    }

    private static URI stripFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String s = uri.toString();
        return URI.create(s.substring(0, s.indexOf('#')));
    }

    private static String withoutQuery(URI uri) {
        String s = uri.toString();
        int q = uri.getRawQuery() == null ? -1 : s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    /** Index where the path begins in {@code scheme://authority...}, or -1 if there is no authority. */
    private static int authorityEnd(String s) {
        int sep = s.indexOf("://");
        if (sep <= 0) {
            return -1;
        }
        for (int i = 0; i < sep; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.') || c > 0x7f) {
                return -1;
            }
        }
        int i = sep + 3;
        while (i < s.length() && "/?#".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    /**
     * Percent-encodes what {@link URI} would refuse in a path, query or fragment, and drops the
     * fragment. {@code lenient}: spaces are encoded (redirects) instead of refused (requests).
     */
    private static String encodeTail(String tail, boolean lenient) throws EngineFailure {
        StringBuilder sb = new StringBuilder(tail.length() + 16);
        for (int i = 0; i < tail.length(); i++) {
            char c = tail.charAt(i);
            if (c == '#') {
                break;
            }
            if (c == '%') {
                if (i + 2 >= tail.length() || HEX.indexOf(Character.toUpperCase(tail.charAt(i + 1))) < 0
                        || HEX.indexOf(Character.toUpperCase(tail.charAt(i + 2))) < 0) {
                    throw new EngineFailure(CurlError.URL_MALFORMAT, "malformed URL: bad %-escape at index " + i);
                }
                sb.append(c);
            } else if (c == ' ' && lenient) {
                sb.append("%20");
            } else if (c <= ' ' || c == 0x7f) {
                throw new EngineFailure(CurlError.URL_MALFORMAT,
                        "malformed URL: space or control character at index " + i);
            } else if (c < 0x80) {
                if ("\"<>\\^`{|}[]".indexOf(c) >= 0) {
                    appendEscaped(sb, (byte) c);
                } else {
                    sb.append(c);
                }
            } else {
                int cp = tail.codePointAt(i);
                if (Character.charCount(cp) == 2) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new EngineFailure(CurlError.URL_MALFORMAT, "malformed URL: lone surrogate at index " + i);
                }
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    appendEscaped(sb, b);
                }
            }
        }
        return sb.toString();
    }

    private static void appendEscaped(StringBuilder sb, byte b) {
        sb.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
    }
}
