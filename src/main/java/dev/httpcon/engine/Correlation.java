package dev.httpcon.engine;

import dev.httpcon.HttpRequest;

/**
 * How httpcon's log lines about a request show the caller's correlation attributes
 * ({@link HttpRequest#attributes()}, e.g. a SIP Call-ID): one suffix, the same in every line, so
 * that one call can be found in the log with one search.
 */
public final class Correlation {

    private Correlation() {
    }

    /**
     * {@code " [sip.call_id=a84b4c76e66710, sip.method=INVITE]"}, or {@code ""} without attributes.
     * Shown as given: the attributes are the application's own choice and documented as never
     * redacted (the builder refuses control characters, so they cannot forge a line).
     */
    public static String suffix(HttpRequest request) {
        if (request.attributes().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" [");
        request.attributes().forEach((k, v) -> sb.append(sb.length() > 2 ? ", " : "").append(k).append('=').append(v));
        return sb.append(']').toString();
    }
}
