package dev.httpcon.config;

/**
 * Which HTTP version a connection speaks: {@code http_version} (per connection, and as the global
 * default {@code httpclient.http_version}).
 *
 * <ul>
 *   <li>{@link #HTTP_1_1} ({@code 1.1}, the default): HTTP/1.1, as the original module;</li>
 *   <li>{@link #HTTP_2} ({@code 2}): HTTP/2 over TLS when the server offers it by ALPN, else
 *       HTTP/1.1 (an {@code http://} URL is always HTTP/1.1); requests that run at the same time
 *       share one TCP connection to a server that answers in HTTP/2;</li>
 *   <li>{@link #HTTP_2_PRIOR_KNOWLEDGE} ({@code 2-prior-knowledge}): cleartext HTTP/2 (h2c) without
 *       an upgrade, for servers known to speak it, as Kamailio's {@code http_client_request_v2pk};
 *       {@code http://} URLs only, and not through a proxy.</li>
 * </ul>
 */
public enum HttpVersion {
    HTTP_1_1("1.1"),
    HTTP_2("2"),
    HTTP_2_PRIOR_KNOWLEDGE("2-prior-knowledge");

    private final String label;

    HttpVersion(String label) {
        this.label = label;
    }

    /** The value as written in configuration: {@code 1.1}, {@code 2} or {@code 2-prior-knowledge}. */
    public String label() {
        return label;
    }

    /** Whether this version may speak HTTP/2. */
    public boolean allowsHttp2() {
        return this != HTTP_1_1;
    }

    @Override
    public String toString() {
        return label;
    }
}
