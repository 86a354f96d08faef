package dev.httpcon.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request a test server received, as it arrived: method, raw path and query (still
 * percent-encoded), headers in order, body, and which TCP connection carried it.
 *
 * @param connection          the server-side id of the TCP connection (1, 2, ... per server)
 * @param requestOnConnection 1 for the first request on that connection, 2 for the next, ...
 * @param sni                 the TLS server name the client sent, or {@code null}
 * @param clientCert          the subject of the client certificate, or {@code null}
 */
public record RecordedRequest(String method, String path, String query, List<Map.Entry<String, String>> headers,
                              byte[] body, int connection, int requestOnConnection, String sni, String clientCert) {

    public RecordedRequest {
        headers = List.copyOf(headers);
    }

    /** The first value of a header (name case-insensitive), or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** Every value of a header, in order. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    /** Header names in the order received. */
    public List<String> headerNames() {
        return headers.stream().map(Map.Entry::getKey).toList();
    }

    /** The request target as sent: path plus {@code ?query} when there is one. */
    public String target() {
        return query == null ? path : path + "?" + query;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** {@code "GET /json conn=3#1"}: handy in assertion messages. */
    @Override
    public String toString() {
        return method + " " + target() + " conn=" + connection + "#" + requestOnConnection;
    }
}
