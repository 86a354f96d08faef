package dev.httpcon;

import java.util.List;
import java.util.Locale;

/**
 * How httpcon shows what may carry a secret: the one set of rules behind every {@code toString},
 * log line, listing and message of the library.
 *
 * <pre>{@code
 * Redaction.isSensitiveHeader("X-Api-Key");   // true: masked in toString, dropped on a cross-origin redirect
 * }</pre>
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
