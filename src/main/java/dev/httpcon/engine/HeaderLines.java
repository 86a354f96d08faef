package dev.httpcon.engine;

import dev.httpcon.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the raw header lines of {@code http_client_query(url, post, hdrs)}: {@code Name: value}
 * lines separated by CRLF (or LF). A line without a colon, with a name that is not an HTTP token,
 * or with a CR or NUL inside (an attempt to smuggle another header or request) is refused.
 */
final class HeaderLines {

    private HeaderLines() {
    }

    /**
     * The headers, in order; empty lines are skipped.
     *
     * @throws IllegalArgumentException naming the first bad line (by number, never its value)
     */
    static List<HttpRequest.Header> parse(String lines) {
        List<HttpRequest.Header> headers = new ArrayList<>();
        if (lines == null || lines.isEmpty()) {
            return headers;
        }
        String[] split = lines.split("\r?\n", -1);
        for (int i = 0; i < split.length; i++) {
            String line = split[i];
            if (line.isEmpty()) {
                continue;
            }
            if (headers.size() == HttpRequest.MAX_HEADERS) {
                throw new IllegalArgumentException("more than " + HttpRequest.MAX_HEADERS + " header lines");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("header line " + (i + 1) + " has no 'Name:' part");
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            try {
                headers.add(new HttpRequest.Header(name, value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header line " + (i + 1) + " is invalid: " + e.getMessage());
            }
        }
        return headers;
    }
}
