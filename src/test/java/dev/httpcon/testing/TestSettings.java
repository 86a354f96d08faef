package dev.httpcon.testing;

import dev.httpcon.config.AuthMethod;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.GlobalSettings;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.ProxySettings;
import dev.httpcon.config.Secret;
import dev.httpcon.config.TlsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings for tests, built directly (no configuration loader), with the module's defaults:
 *
 * <pre>{@code
 * ConnectionSettings api = TestSettings.connection("api", server.url()).timeout(Duration.ofSeconds(1)).build();
 * HttpConSettings all = TestSettings.settings(api);
 * HttpConSettings q = TestSettings.settings(TestSettings.globals().keepConnections(true).build());
 * }</pre>
 *
 * Defaults: Basic + Digest, no keep-alive, redirects followed (30 at most), timeout 2 s, no size
 * limit, user agent {@link #USER_AGENT}, TLS verification on with the JVM trust store.
 */
public final class TestSettings {

    public static final String USER_AGENT = "httpcon-test/1.0 (test)";

    private TestSettings() {
    }

    public static ConnectionBuilder connection(String name, URI url) {
        return new ConnectionBuilder(name, url);
    }

    public static ConnectionBuilder connection(String name, String url) {
        return new ConnectionBuilder(name, URI.create(url));
    }

    public static GlobalsBuilder globals() {
        return new GlobalsBuilder();
    }

    /** Default globals and these connections. */
    public static HttpConSettings settings(ConnectionSettings... connections) {
        return settings(globals().build(), connections);
    }

    public static HttpConSettings settings(GlobalSettings globals, ConnectionSettings... connections) {
        Map<String, ConnectionSettings> map = new LinkedHashMap<>();
        for (ConnectionSettings c : connections) {
            map.put(c.name(), c);
        }
        return new HttpConSettings(globals, map);
    }

    /** Builds a {@link ConnectionSettings}. */
    public static final class ConnectionBuilder {
        private final String name;
        private final URI url;
        private String username;
        private Secret password;
        private Set<AuthMethod> authMethods = Set.of(AuthMethod.BASIC, AuthMethod.DIGEST);
        private boolean keepConnections;
        private String userAgent = USER_AGENT;
        private TlsSettings tls = TlsSettings.DEFAULTS;
        // Generous: only tests about timeouts set a tight one; the others must not flake on a busy machine.
        private Duration timeout = Duration.ofSeconds(5);
        private long maxDataSize = GlobalSettings.DEFAULT_MAX_DATA_SIZE;
        private boolean followRedirects = true;
        private int maxRedirects = 30;
        private ProxySettings proxy;
        private dev.httpcon.config.HttpVersion httpVersion = dev.httpcon.config.HttpVersion.HTTP_1_1;
        private String failover;
        private dev.httpcon.config.ResilienceSettings resilience = dev.httpcon.config.ResilienceSettings.DEFAULT;

        private ConnectionBuilder(String name, URI url) {
            this.name = name;
            this.url = url;
        }

        public ConnectionBuilder credentials(String user, String password) {
            this.username = user;
            this.password = Secret.of(password);
            return this;
        }

        public ConnectionBuilder auth(AuthMethod... methods) {
            this.authMethods = Set.of(methods);
            return this;
        }

        public ConnectionBuilder keepConnections(boolean keep) {
            this.keepConnections = keep;
            return this;
        }

        public ConnectionBuilder userAgent(String ua) {
            this.userAgent = ua;
            return this;
        }

        public ConnectionBuilder tls(TlsSettings tls) {
            this.tls = tls;
            return this;
        }

        public ConnectionBuilder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public ConnectionBuilder timeoutMillis(long ms) {
            return timeout(Duration.ofMillis(ms));
        }

        public ConnectionBuilder maxDataSize(long bytes) {
            this.maxDataSize = bytes;
            return this;
        }

        public ConnectionBuilder followRedirects(boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        public ConnectionBuilder maxRedirects(int max) {
            this.maxRedirects = max;
            return this;
        }

        public ConnectionBuilder proxy(String host, int port) {
            this.proxy = new ProxySettings(host, port);
            return this;
        }

        public ConnectionBuilder httpVersion(dev.httpcon.config.HttpVersion version) {
            this.httpVersion = version;
            return this;
        }

        public ConnectionBuilder failover(String name) {
            this.failover = name;
            return this;
        }

        public ConnectionBuilder resilience(dev.httpcon.config.ResilienceSettings resilience) {
            this.resilience = resilience;
            return this;
        }

        public ConnectionSettings build() {
            return new ConnectionSettings(name, url, username, password, authMethods, keepConnections, userAgent, tls,
                    timeout, maxDataSize, followRedirects, maxRedirects, proxy, httpVersion, failover, resilience,
                    List.of(), "test:" + name, true);
        }
    }

    /** Builds a {@link GlobalSettings}. */
    public static final class GlobalsBuilder {
        private boolean followRedirects = true;
        private int maxRedirects = 30;
        private ProxySettings proxy;
        private String userAgent = USER_AGENT;
        private long maxDataSize = GlobalSettings.DEFAULT_MAX_DATA_SIZE;
        // Generous: only tests about timeouts set a tight one; the others must not flake on a busy machine.
        private Duration timeout = Duration.ofSeconds(5);
        private TlsSettings tls = TlsSettings.DEFAULTS;
        private Set<AuthMethod> authMethods = Set.of(AuthMethod.BASIC, AuthMethod.DIGEST);
        private boolean keepConnections;
        private dev.httpcon.config.HttpVersion httpVersion = dev.httpcon.config.HttpVersion.HTTP_1_1;
        private int maxPerHost = 20;
        private int maxTotal = 100;

        private GlobalsBuilder() {
        }

        public GlobalsBuilder followRedirects(boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        public GlobalsBuilder maxRedirects(int max) {
            this.maxRedirects = max;
            return this;
        }

        public GlobalsBuilder proxy(String host, int port) {
            this.proxy = new ProxySettings(host, port);
            return this;
        }

        public GlobalsBuilder userAgent(String ua) {
            this.userAgent = ua;
            return this;
        }

        public GlobalsBuilder maxDataSize(long bytes) {
            this.maxDataSize = bytes;
            return this;
        }

        public GlobalsBuilder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public GlobalsBuilder tls(TlsSettings tls) {
            this.tls = tls;
            return this;
        }

        public GlobalsBuilder auth(AuthMethod... methods) {
            this.authMethods = Set.of(methods);
            return this;
        }

        public GlobalsBuilder keepConnections(boolean keep) {
            this.keepConnections = keep;
            return this;
        }

        public GlobalsBuilder httpVersion(dev.httpcon.config.HttpVersion version) {
            this.httpVersion = version;
            return this;
        }

        public GlobalsBuilder pool(int perHost, int total) {
            this.maxPerHost = perHost;
            this.maxTotal = total;
            return this;
        }

        public GlobalSettings build() {
            return new GlobalSettings(followRedirects, maxRedirects, proxy, userAgent, maxDataSize, timeout, tls,
                    authMethods, keepConnections, httpVersion, null, maxPerHost, maxTotal,
                    dev.httpcon.config.ResilienceSettings.DEFAULT);
        }
    }

    /** TLS settings: verification switches, a CA to trust instead of the JVM's, a client certificate. */
    public static TlsSettings tls(boolean verifyPeer, boolean verifyHost, TestCerts.Ca trusted) {
        return new TlsSettings(verifyPeer, verifyHost, dev.httpcon.config.TlsVersion.DEFAULT, List.of(),
                trusted == null ? null : new dev.httpcon.config.PemSource("ca.pem", "memory:ca.pem"),
                trusted == null ? List.of() : List.of(trusted.cert()), null, null, null);
    }
}
