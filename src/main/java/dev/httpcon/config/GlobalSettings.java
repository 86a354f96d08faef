package dev.httpcon.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The module-wide settings under {@code httpclient.}: the defaults every connection starts from,
 * and what {@code http_client_query} uses.
 *
 * @param followRedirects    {@code httpclient.httpredirect} (default true, as the manual says)
 * @param maxRedirects       {@code httpclient.max_redirects} (default 30)
 * @param proxy              {@code httpclient.httpproxy} + {@code httpproxyport}, or {@code null}
 * @param userAgent          {@code httpclient.useragent}
 * @param maxDataSize        {@code httpclient.maxdatasize} (default {@link #DEFAULT_MAX_DATA_SIZE}, 16 MiB; 0 = no limit)
 * @param timeout            {@code httpclient.connection_timeout} (default 4 s; zero = none)
 * @param tls                {@code client_cert, client_key, cacert, cipher_suites, verify_peer, verify_host, tlsversion}
 * @param authMethods        {@code httpclient.authmethod} (default Basic + Digest)
 * @param keepConnections    {@code httpclient.keep_connections} (default false)
 * @param httpVersion        {@code httpclient.http_version} (default 1.1)
 * @param configFile         {@code httpclient.config_file} as resolved, or {@code null}
 * @param maxConnectionsPerHost pool bound per host and transport profile
 * @param maxConnectionsTotal   pool bound per transport profile
 * @param resilience         the resilience defaults of every connection ({@code total_timeout},
 *                           {@code health_failures}, ...); {@code http_client_query} uses none of them
 */
public record GlobalSettings(boolean followRedirects, int maxRedirects, ProxySettings proxy, String userAgent,
                             long maxDataSize, Duration timeout, TlsSettings tls, Set<AuthMethod> authMethods,
                             boolean keepConnections, HttpVersion httpVersion, String configFile,
                             int maxConnectionsPerHost, int maxConnectionsTotal, ResilienceSettings resilience) {

    /**
     * The built-in {@code maxdatasize}: 16 MiB. The original had no limit; without one, a server
     * sending an endless body fills the heap until the deadline. {@code 0} written explicitly
     * still means no limit.
     */
    public static final long DEFAULT_MAX_DATA_SIZE = 16L * 1024 * 1024;

    public GlobalSettings {
        Objects.requireNonNull(userAgent, "userAgent must be set");
        Objects.requireNonNull(timeout, "timeout must be set");
        Objects.requireNonNull(tls, "tls must be set");
        Objects.requireNonNull(httpVersion, "httpVersion must be set");
        authMethods = Set.copyOf(Objects.requireNonNull(authMethods, "authMethods must be set"));
        Objects.requireNonNull(resilience, "resilience must be set");
        if (maxConnectionsPerHost < 1 || maxConnectionsTotal < 1) {
            throw new IllegalArgumentException("pool bounds must be at least 1");
        }
    }

    /**
     * Settings for a request outside any named connection (the original's {@code http_client_query}):
     * the globals applied to {@code url}.
     */
    public ConnectionSettings forUrl(String name, URI url, String username, Secret password) {
        return new ConnectionSettings(name, url, username, password, authMethods, keepConnections, userAgent, tls,
                timeout, maxDataSize, followRedirects, maxRedirects, proxy, httpVersion, null, ResilienceSettings.DEFAULT,
                List.of(), "httpclient.*", true);
    }
}
