package dev.httpcon.config;

import dev.httpcon.HttpRequest;
import dev.httpcon.Redaction;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything about one named connection, resolved at deployment from the globals and the
 * connection's own parameters (whichever form defined it). Immutable; the request path reads only
 * this, never the configuration.
 *
 * @param name            the connection name ({@code [A-Za-z0-9_-]}, 1..64 characters)
 * @param url             the base URL: http or https, without userinfo or fragment
 * @param username        user name for Basic/Digest, or {@code null}
 * @param password        password, or {@code null}; prints as {@code ****}
 * @param authMethods     the original's {@code authmethod} bitmap as a set (never empty)
 * @param keepConnections the original's {@code keep_connections}: reuse TCP/TLS connections
 * @param userAgent       the User-Agent header to send
 * @param tls             TLS settings, material already read
 * @param timeout         total deadline of one attempt (connect, send, receive); {@link Duration#ZERO} = none
 * @param maxDataSize     largest response body accepted in bytes (default 16 MiB); 0 = no limit
 * @param followRedirects the original's {@code httpredirect}
 * @param maxRedirects    redirects followed before code 47
 * @param proxy           the proxy, or {@code null} for a direct connection
 * @param failover        the connection to try when this one fails, or {@code null}
 * @param resilience      budget, health, overload guard and replay settings ({@link ResilienceSettings})
 * @param restClients     MicroProfile Rest Client interfaces bound to this connection (class names)
 * @param origin          where the definition came from, for messages (e.g. {@code httpclient.httpcon[2]})
 * @param propagateTrace  {@code propagate_trace}: send W3C trace context ({@code traceparent},
 *                        {@code tracestate}) on every request when a tracing back end is present
 * @param headers         default headers sent with every request unless the request has a header
 *                        of the same name; a credential header's value prints as {@code ****}
 * @param asyncExecutor   {@code async_executor}: where asynchronous calls complete when the caller
 *                        names no executor, or {@code null} for httpcon's own completion pool
 */
public record ConnectionSettings(String name, URI url, String username, Secret password,
                                 Set<AuthMethod> authMethods, boolean keepConnections, String userAgent,
                                 TlsSettings tls, Duration timeout, long maxDataSize,
                                 boolean followRedirects, int maxRedirects, ProxySettings proxy,
                                 HttpVersion httpVersion, String failover, ResilienceSettings resilience,
                                 List<String> restClients, String origin, boolean propagateTrace,
                                 List<HttpRequest.Header> headers, ExecutorRef asyncExecutor) {

    public ConnectionSettings {
        Objects.requireNonNull(name, "name must be set");
        Objects.requireNonNull(url, "url must be set");
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must not carry credentials; use username and password");
        }
        authMethods = Set.copyOf(Objects.requireNonNull(authMethods, "authMethods must be set"));
        Objects.requireNonNull(userAgent, "userAgent must be set");
        Objects.requireNonNull(tls, "tls must be set");
        Objects.requireNonNull(timeout, "timeout must be set");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        if (maxDataSize < 0) {
            throw new IllegalArgumentException("maxDataSize must not be negative");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative");
        }
        Objects.requireNonNull(httpVersion, "httpVersion must be set");
        Objects.requireNonNull(resilience, "resilience must be set");
        restClients = List.copyOf(Objects.requireNonNull(restClients, "restClients must be set"));
        Objects.requireNonNull(origin, "origin must be set");
        headers = List.copyOf(Objects.requireNonNull(headers, "headers must be set"));
    }

    /** Settings without an {@code async_executor}. */
    public ConnectionSettings(String name, URI url, String username, Secret password,
                              Set<AuthMethod> authMethods, boolean keepConnections, String userAgent,
                              TlsSettings tls, Duration timeout, long maxDataSize,
                              boolean followRedirects, int maxRedirects, ProxySettings proxy,
                              HttpVersion httpVersion, String failover, ResilienceSettings resilience,
                              List<String> restClients, String origin, boolean propagateTrace,
                              List<HttpRequest.Header> headers) {
        this(name, url, username, password, authMethods, keepConnections, userAgent, tls, timeout, maxDataSize,
                followRedirects, maxRedirects, proxy, httpVersion, failover, resilience, restClients, origin,
                propagateTrace, headers, null);
    }

    /** Settings without default headers. */
    public ConnectionSettings(String name, URI url, String username, Secret password,
                              Set<AuthMethod> authMethods, boolean keepConnections, String userAgent,
                              TlsSettings tls, Duration timeout, long maxDataSize,
                              boolean followRedirects, int maxRedirects, ProxySettings proxy,
                              HttpVersion httpVersion, String failover, ResilienceSettings resilience,
                              List<String> restClients, String origin, boolean propagateTrace) {
        this(name, url, username, password, authMethods, keepConnections, userAgent, tls, timeout, maxDataSize,
                followRedirects, maxRedirects, proxy, httpVersion, failover, resilience, restClients, origin,
                propagateTrace, List.of(), null);
    }

    /**
     * The settings, with the password and credential headers' values as {@code ****} and the base
     * URL's query values masked.
     */
    @Override
    public String toString() {
        return "ConnectionSettings[name=" + name + ", url=" + Redaction.url(url) + ", username=" + username
                + ", password=" + password + ", authMethods=" + authMethods + ", keepConnections=" + keepConnections
                + ", userAgent=" + userAgent + ", tls=" + tls + ", timeout=" + timeout + ", maxDataSize=" + maxDataSize
                + ", followRedirects=" + followRedirects + ", maxRedirects=" + maxRedirects + ", proxy=" + proxy
                + ", httpVersion=" + httpVersion + ", failover=" + failover + ", resilience=" + resilience
                + ", restClients=" + restClients + ", origin=" + origin + ", propagateTrace=" + propagateTrace
                + ", headers=" + headers + (asyncExecutor == null ? "" : ", asyncExecutor=" + asyncExecutor.name())
                + "]";
    }

    /** Whether the connection has a user name (and so may authenticate). */
    public boolean hasCredentials() {
        return username != null;
    }
}
