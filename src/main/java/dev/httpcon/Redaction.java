package dev.httpcon;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * How httpcon shows what may carry a secret: the one set of rules behind every {@code toString},
 * log line, listing and message of the library.
 *
 * <pre>{@code
 * Redaction.url("https://ann:s3cret@api.example.com/v1?token=abc&user=ann#frag");
 *                                     // https://ann:****@api.example.com/v1?token=****&user=****#****
 * Redaction.url("/route?caller=alice");            // /route?caller=****
 * Redaction.isSensitiveHeader("X-Api-Key");        // true: masked in toString, dropped on a cross-origin redirect
 * }</pre>
 *
 * <p>A URL is shown with its password and the values of its query (and its fragment) replaced by
 * {@code ****}: query strings often carry tokens and personal data, while the names tell what was
 * asked. Where the text is not a URL that parses with a host (a configuration value, a path, a
 * typed argument), the password rule errs on the side of masking too much: everything from the
 * first {@code :} after {@code ://} (or after the start, without {@code ://}) to the last
 * {@code @} goes, so a password holding {@code / ? # @} is still hidden.
 */
public final class Redaction {

    /** What a hidden value is shown as. */
    public static final String MASK = "****";

    /**
     * Words that make a header name sensitive: {@code Authorization} and {@code Proxy-Authorization}
     * ("auth"), {@code Cookie}, and the API-key, token, secret, password and session headers
     * applications invent ({@code X-Api-Key}, {@code X-Auth-Token}, {@code Private-Token}, ...).
     */
    private static final List<String> SENSITIVE_HEADER_WORDS = List.of("auth", "cookie", "token", "secret",
            "password", "passwd", "credential", "session", "signature", "api-key", "apikey", "api_key");

    private Redaction() {
    }

    /**
     * The URL or path as it may be shown: password and query values masked, names kept. Null
     * gives null. Text that is not a URL is returned as it is, but for a {@code user:pass@} or a
     * {@code ?query} it may hold.
     */
    public static String url(String text) {
        if (text == null) {
            return null;
        }
        if (text.indexOf('@') < 0 && text.indexOf('?') < 0 && text.indexOf('#') < 0) {
            return text;   // nothing to mask: the usual case, without a parse
        }
        try {
            URI uri = new URI(text);
            if (uri.getHost() != null) {
                return url(uri);
            }
        } catch (URISyntaxException notAUri) {
            // masked by the conservative rule below
        }
        return maskQuery(maskPassword(text));
    }

    /** {@link #url(String)} of a parsed URL; its structure is known, so only what it holds is masked. */
    public static String url(URI uri) {
        if (uri == null) {
            return null;
        }
        if (uri.getHost() == null) {
            return maskQuery(maskPassword(uri.toString()));
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null && uri.getRawQuery() == null && uri.getRawFragment() == null && plain(uri)) {
            return uri.toString();   // nothing to mask and nothing to normalise: the usual request URL, as it is
        }
        StringBuilder sb = new StringBuilder(uri.toString().length() + 8);
        sb.append(uri.getScheme()).append("://");
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            sb.append(colon < 0 ? userInfo : userInfo.substring(0, colon + 1) + MASK).append('@');
        }
        sb.append(uri.getHost());
        if (uri.getPort() >= 0) {
            sb.append(':').append(uri.getPort());
        }
        sb.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            sb.append('?');
            appendMaskedQuery(sb, uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            sb.append('#').append(uri.getRawFragment().isEmpty() ? "" : MASK);
        }
        return sb.toString();
    }

    /**
     * Whether {@code uri} (with a host, no user info, query nor fragment) is written exactly as
     * {@link #url(URI)} would write it: scheme, {@code ://}, host, the port in its shortest form if
     * any, path. Then its lengths agree, and the string is that one (an empty or zero-padded port
     * makes it longer or shorter).
     */
    private static boolean plain(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            return false;
        }
        String path = uri.getRawPath();
        int length = scheme.length() + 3 + uri.getHost().length() + (path == null ? 0 : path.length());
        for (int port = uri.getPort(), digits = 1; port >= 0; digits++, port /= 10) {
            if (port < 10) {
                length += 1 + digits;   // ':' and the digits
                break;
            }
        }
        return uri.toString().length() == length;
    }

    /**
     * Where a password may be written in {@code text}: {@code [start, end)}, from after the first
     * {@code :} that follows {@code ://} (or the start of the text, without {@code ://}) to the last
     * {@code @}; null when there is no such {@code :} before an {@code @}. Conservative on purpose:
     * a password may hold {@code / ? # : @ ; ,}, and the text may have been cut inside it.
     */
    public static int[] passwordRange(CharSequence text) {
        String s = text.toString();
        int at = s.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        int scheme = s.indexOf("://");
        int from = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        int colon = s.indexOf(':', from);
        return colon < 0 || colon >= at ? null : new int[] {colon + 1, at};
    }

    /**
     * {@code text} with only a password masked ({@link #passwordRange}), its query kept: for text
     * the reader typed and sees again, such as the command line echoed by the {@code httpcon} command.
     */
    public static String maskPassword(String text) {
        int[] range = passwordRange(text);
        return range == null ? text : text.substring(0, range[0]) + MASK + text.substring(range[1]);
    }

    /** The query values and the fragment of {@code text} masked; {@code text} is not parsed as a URL. */
    private static String maskQuery(String text) {
        int q = text.indexOf('?');
        int hash = text.indexOf('#');
        if (q < 0 && hash < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        if (q >= 0 && (hash < 0 || q < hash)) {
            sb.append(text, 0, q + 1);
            appendMaskedQuery(sb, text.substring(q + 1, hash < 0 ? text.length() : hash));
        } else {
            sb.append(text, 0, hash);
        }
        if (hash >= 0) {
            sb.append('#').append(hash + 1 == text.length() ? "" : MASK);
        }
        return sb.toString();
    }

    /** {@code a=1&b=&c} as {@code a=****&b=&****}: names kept, values masked, a bare element too. */
    private static void appendMaskedQuery(StringBuilder sb, String query) {
        int from = 0;
        while (from <= query.length()) {
            int end = nextSeparator(query, from);
            String part = query.substring(from, end);
            int eq = part.indexOf('=');
            if (eq >= 0) {
                sb.append(part, 0, eq + 1).append(eq + 1 == part.length() ? "" : MASK);
            } else if (!part.isEmpty()) {
                sb.append(MASK);
            }
            if (end < query.length()) {
                sb.append(query.charAt(end));
            }
            from = end + 1;
        }
    }

    /** The next {@code &} or {@code ;} (both separate query parameters somewhere), or the end. */
    private static int nextSeparator(String query, int from) {
        for (int i = from; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '&' || c == ';') {
                return i;
            }
        }
        return query.length();
    }

    /**
     * Whether a request header carries credentials: its value is shown as {@code ****}
     * ({@link HttpRequest.Header#toString()}) and it is sent only to the scheme, host and port of
     * the request's URL, never along a redirect to another one. Case-insensitive.
     */
    public static boolean isSensitiveHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String word : SENSITIVE_HEADER_WORDS) {
            if (n.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
