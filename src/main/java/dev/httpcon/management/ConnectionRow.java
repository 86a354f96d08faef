package dev.httpcon.management;

import dev.httpcon.ConnectionInfo;
import java.beans.ConstructorProperties;

/**
 * One listcon row as an MXBean composite (JMX maps its getters to {@code CompositeData}).
 * The password column only ever holds {@code ****} or nothing.
 */
public final class ConnectionRow {

    private final String name;
    private final String scheme;
    private final String url;
    private final String username;
    private final String password;
    private final String failover;
    private final long timeoutMillis;
    private final int authMethod;
    private final boolean keepConnections;
    private final long maxDataSize;
    private final boolean httpRedirect;
    private final String userAgent;
    private final String proxy;
    private final boolean verifyPeer;
    private final boolean verifyHost;
    private final String tlsVersion;
    private final String cacert;
    private final String clientCert;
    private final String origin;
    private final long ok;
    private final long fail;
    private final String state;
    private final long skipped;
    private final long refused;
    private final long totalTimeoutMillis;
    private final int healthFailures;
    private final long healthRetryMillis;
    private final String healthProbe;
    private final int maxConcurrent;
    private final boolean failoverUnsafe;
    private final String[] headers;

    @ConstructorProperties({"name", "scheme", "url", "username", "password", "failover", "timeoutMillis",
        "authMethod", "keepConnections", "maxDataSize", "httpRedirect", "userAgent", "proxy", "verifyPeer",
        "verifyHost", "tlsVersion", "cacert", "clientCert", "origin", "ok", "fail", "state", "skipped", "refused",
        "totalTimeoutMillis", "healthFailures", "healthRetryMillis", "healthProbe", "maxConcurrent", "failoverUnsafe",
        "headers"})
    public ConnectionRow(String name, String scheme, String url, String username, String password, String failover,
                         long timeoutMillis, int authMethod, boolean keepConnections, long maxDataSize,
                         boolean httpRedirect, String userAgent, String proxy, boolean verifyPeer,
                         boolean verifyHost, String tlsVersion, String cacert, String clientCert, String origin,
                         long ok, long fail, String state, long skipped, long refused, long totalTimeoutMillis,
                         int healthFailures, long healthRetryMillis, String healthProbe, int maxConcurrent,
                         boolean failoverUnsafe, String[] headers) {
        this.name = name;
        this.scheme = scheme;
        this.url = url;
        this.username = username;
        this.password = password;
        this.failover = failover;
        this.timeoutMillis = timeoutMillis;
        this.authMethod = authMethod;
        this.keepConnections = keepConnections;
        this.maxDataSize = maxDataSize;
        this.httpRedirect = httpRedirect;
        this.userAgent = userAgent;
        this.proxy = proxy;
        this.verifyPeer = verifyPeer;
        this.verifyHost = verifyHost;
        this.tlsVersion = tlsVersion;
        this.cacert = cacert;
        this.clientCert = clientCert;
        this.origin = origin;
        this.ok = ok;
        this.fail = fail;
        this.state = state;
        this.skipped = skipped;
        this.refused = refused;
        this.totalTimeoutMillis = totalTimeoutMillis;
        this.healthFailures = healthFailures;
        this.healthRetryMillis = healthRetryMillis;
        this.healthProbe = healthProbe;
        this.maxConcurrent = maxConcurrent;
        this.failoverUnsafe = failoverUnsafe;
        this.headers = headers.clone();
    }

    static ConnectionRow of(ConnectionInfo c) {
        return new ConnectionRow(c.name(), c.scheme(), c.url(), c.username(), c.password(), c.failover(),
                c.timeout().toMillis(), c.authMethod(), c.keepConnections(), c.maxDataSize(), c.httpRedirect(),
                c.userAgent(), c.proxy(), c.verifyPeer(), c.verifyHost(), c.tlsVersion(), c.cacert(), c.clientCert(),
                c.origin(), c.ok(), c.fail(), c.state().name(), c.skipped(), c.refused(), c.totalTimeout().toMillis(),
                c.healthFailures(), c.healthRetry().toMillis(), c.healthProbe(), c.maxConcurrent(), c.failoverUnsafe(),
                c.headers().toArray(new String[0]));
    }

    public String getName() {
        return name;
    }

    public String getScheme() {
        return scheme;
    }

    public String getUrl() {
        return url;
    }

    public String getUsername() {
        return username;
    }

    public String getPassword() {
        return password;
    }

    public String getFailover() {
        return failover;
    }

    public long getTimeoutMillis() {
        return timeoutMillis;
    }

    public int getAuthMethod() {
        return authMethod;
    }

    public boolean isKeepConnections() {
        return keepConnections;
    }

    public long getMaxDataSize() {
        return maxDataSize;
    }

    public boolean isHttpRedirect() {
        return httpRedirect;
    }

    public String getUserAgent() {
        return userAgent;
    }

    public String getProxy() {
        return proxy;
    }

    public boolean isVerifyPeer() {
        return verifyPeer;
    }

    public boolean isVerifyHost() {
        return verifyHost;
    }

    public String getTlsVersion() {
        return tlsVersion;
    }

    public String getCacert() {
        return cacert;
    }

    public String getClientCert() {
        return clientCert;
    }

    public String getOrigin() {
        return origin;
    }

    public long getOk() {
        return ok;
    }

    public long getFail() {
        return fail;
    }

    /** {@code AVAILABLE}, {@code NOTREACHABLE} or {@code DISABLED}. */
    public String getState() {
        return state;
    }

    public long getSkipped() {
        return skipped;
    }

    public long getRefused() {
        return refused;
    }

    public long getTotalTimeoutMillis() {
        return totalTimeoutMillis;
    }

    public int getHealthFailures() {
        return healthFailures;
    }

    public long getHealthRetryMillis() {
        return healthRetryMillis;
    }

    public String getHealthProbe() {
        return healthProbe;
    }

    public int getMaxConcurrent() {
        return maxConcurrent;
    }

    public boolean isFailoverUnsafe() {
        return failoverUnsafe;
    }

    /** The default headers as {@code Name: value}, a credential header's value as {@code ****}. */
    public String[] getHeaders() {
        return headers.clone();
    }
}
