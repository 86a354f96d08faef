package dev.httpcon;

import java.time.Duration;
import java.util.List;

/**
 * One row of {@code listcon} (the original's RPC {@code httpclient.listcon}): a connection's
 * settings without any secret, and its counts. The password is only ever shown as {@code ****}
 * (or empty when none is set).
 *
 * <pre>{@code
 * for (ConnectionInfo c : connections.list()) {
 *     System.out.println(c.name() + " " + c.url() + " " + c.state() + " failover=" + c.failover() + " ok=" + c.ok());
 * }
 * }</pre>
 *
 * @param name            connection name
 * @param scheme          {@code http} or {@code https}
 * @param url             base URL (never with credentials; query values shown as {@code ****})
 * @param username        user name, or empty
 * @param password        {@code ****} when a password is set, empty otherwise
 * @param failover        failover connection name, or empty
 * @param timeout         total deadline of one attempt ({@link Duration#ZERO} = none)
 * @param authMethod      the authmethod bitmap
 * @param keepConnections whether TCP/TLS connections are reused
 * @param maxDataSize     response size limit in bytes (0 = none)
 * @param httpRedirect    whether redirects are followed
 * @param maxRedirects    redirect limit
 * @param userAgent       User-Agent sent
 * @param proxy           {@code host:port}, or empty
 * @param verifyPeer      whether the server certificate is verified
 * @param verifyHost      whether the server host name is verified
 * @param tlsVersion      minimum TLS version name
 * @param cipherSuites    enabled cipher suites (empty = JVM defaults)
 * @param cacert          CA file as configured, or empty
 * @param clientCert      client certificate file as configured, or empty
 * @param origin          where the definition came from
 * @param ok              attempts counted as ok (a response below 500)
 * @param fail            attempts counted as failed (a curl error or a status of 500 or more)
 * @param totalTimeout    time one call may take across every failover hop ({@link Duration#ZERO} = no budget)
 * @param healthFailures  failed attempts in a row that make the connection NOTREACHABLE (0 = health off)
 * @param healthRetry     how long a NOTREACHABLE connection waits before a trial call or probe
 * @param healthProbe     the path a background GET probes while NOTREACHABLE, or empty (trial calls)
 * @param maxConcurrent   calls in flight at once before the overload guard refuses (0 = unlimited)
 * @param failoverUnsafe  whether a non-idempotent request that may have been sent still fails over
 * @param state           the connection's state now
 * @param skipped         calls that skipped this connection because of its state (not attempts)
 * @param refused         calls the overload guard refused here (not attempts)
 * @param headers         the default headers as {@code Name: value}, a credential header's value
 *                        ({@link HttpRequest.Header#isSensitive()}) as {@code ****}
 */
public record ConnectionInfo(String name, String scheme, String url, String username, String password,
                             String failover, Duration timeout, int authMethod, boolean keepConnections,
                             long maxDataSize, boolean httpRedirect, int maxRedirects, String userAgent,
                             String proxy, boolean verifyPeer, boolean verifyHost, String tlsVersion,
                             List<String> cipherSuites, String cacert, String clientCert, String origin,
                             long ok, long fail, Duration totalTimeout, int healthFailures, Duration healthRetry,
                             String healthProbe, int maxConcurrent, boolean failoverUnsafe, ConnectionState state,
                             long skipped, long refused,
                             List<String> headers) {

    public ConnectionInfo {
        cipherSuites = List.copyOf(cipherSuites);
        headers = List.copyOf(headers);
    }
}
