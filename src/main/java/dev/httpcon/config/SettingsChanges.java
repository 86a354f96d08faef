package dev.httpcon.config;

import dev.httpcon.Redaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a reload changes, from one validated configuration to the next: the connections added,
 * removed and changed, and one line per change saying what changed, for a log, a JMX result and
 * an event. Never a secret: a password, ZooKeeper credentials and key material are named ("password
 * changed"), never shown; URLs are shown as {@link Redaction#url(java.net.URI)} shows them.
 *
 * <pre>{@code
 * SettingsChanges c = SettingsChanges.between(before, after);
 * c.lines();   // [connection 'routing': url http://10.0.0.1/api -> http://10.0.0.2/api, added connection 'audit' ...]
 * }</pre>
 *
 * @param added   the names of the connections only {@code after} defines, in its order
 * @param removed the names of the connections only {@code before} defines, in its order
 * @param changed the names of the connections both define differently, in {@code after}'s order
 * @param lines   one line per added, removed or changed connection and for the globals
 */
public record SettingsChanges(List<String> added, List<String> removed, List<String> changed, List<String> lines) {

    public SettingsChanges {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        lines = List.copyOf(lines);
    }

    /** Whether the two configurations are the same. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** What changes from {@code before} to {@code after}. */
    public static SettingsChanges between(HttpConSettings before, HttpConSettings after) {
        Objects.requireNonNull(before, "before must be set");
        Objects.requireNonNull(after, "after must be set");
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> lines = new ArrayList<>();

        List<String> globals = new Fields()
                .add("connection_timeout", before.globals().timeout(), after.globals().timeout(), SettingsChanges::duration)
                .add("httpredirect", before.globals().followRedirects(), after.globals().followRedirects(), String::valueOf)
                .add("max_redirects", before.globals().maxRedirects(), after.globals().maxRedirects(), String::valueOf)
                .add("httpproxy", before.globals().proxy(), after.globals().proxy(), SettingsChanges::proxy)
                .add("useragent", before.globals().userAgent(), after.globals().userAgent(), String::valueOf)
                .add("maxdatasize", before.globals().maxDataSize(), after.globals().maxDataSize(), String::valueOf)
                .add("authmethod", AuthMethod.toBits(before.globals().authMethods()),
                        AuthMethod.toBits(after.globals().authMethods()), String::valueOf)
                .add("keep_connections", before.globals().keepConnections(), after.globals().keepConnections(),
                        String::valueOf)
                .add("config_file", before.globals().configFile(), after.globals().configFile(), Redaction::url)
                .add("max_connections_per_host", before.globals().maxConnectionsPerHost(),
                        after.globals().maxConnectionsPerHost(), String::valueOf)
                .add("max_connections", before.globals().maxConnectionsTotal(), after.globals().maxConnectionsTotal(),
                        String::valueOf)
                .tls(before.globals().tls(), after.globals().tls())
                .resilience(before.globals().resilience(), after.globals().resilience())
                .add("reload_period", before.reload().period(), after.reload().period(), SettingsChanges::duration)
                .lines();
        if (!globals.isEmpty()) {
            lines.add("globals: " + String.join("; ", globals));
        }
        if (!Objects.equals(before.reload().zooKeeper(), after.reload().zooKeeper())) {
            lines.add("httpclient.zookeeper.* changed: it takes effect at the next start (the running source keeps "
                    + before.reload().zooKeeper() + ")");
        }

        for (ConnectionSettings b : before.connections().values()) {
            if (after.connection(b.name()) == null) {
                removed.add(b.name());
                lines.add("removed connection '" + b.name() + "' (" + Redaction.url(b.url()) + ")");
            }
        }
        for (ConnectionSettings a : after.connections().values()) {
            ConnectionSettings b = before.connection(a.name());
            if (b == null) {
                added.add(a.name());
                lines.add("added connection '" + a.name() + "' (" + Redaction.url(a.url())
                        + (a.failover() == null ? "" : ", failover " + a.failover()) + ")");
                continue;
            }
            List<String> fields = connection(b, a);
            if (!fields.isEmpty()) {
                changed.add(a.name());
                lines.add("connection '" + a.name() + "': " + String.join("; ", fields));
            }
        }
        return new SettingsChanges(added, removed, changed, lines);
    }

    private static List<String> connection(ConnectionSettings b, ConnectionSettings a) {
        return new Fields()
                .add("url", b.url(), a.url(), Redaction::url)
                .add("username", b.username(), a.username(), String::valueOf)
                .secret("password", b.password(), a.password())
                .add("authmethod", AuthMethod.toBits(b.authMethods()), AuthMethod.toBits(a.authMethods()),
                        String::valueOf)
                .add("keep_connections", b.keepConnections(), a.keepConnections(), String::valueOf)
                .add("useragent", b.userAgent(), a.userAgent(), String::valueOf)
                .add("timeout", b.timeout(), a.timeout(), SettingsChanges::duration)
                .add("maxdatasize", b.maxDataSize(), a.maxDataSize(), String::valueOf)
                .add("httpredirect", b.followRedirects(), a.followRedirects(), String::valueOf)
                .add("max_redirects", b.maxRedirects(), a.maxRedirects(), String::valueOf)
                .add("httpproxy", b.proxy(), a.proxy(), SettingsChanges::proxy)
                .add("failover", b.failover(), a.failover(), f -> f == null ? "none" : f)
                .add("async_executor", executorName(b), executorName(a), e -> e == null ? "none (httpcon's pool)" : e)
                .add("rest-clients", b.restClients(), a.restClients(),
                        r -> r + " (typed client beans change only with a redeploy)")
                .tls(b.tls(), a.tls())
                .resilience(b.resilience(), a.resilience())
                .lines();
    }

    private static String executorName(ConnectionSettings s) {
        return s.asyncExecutor() == null ? null : s.asyncExecutor().name();
    }

    private static String duration(Duration d) {
        return d.isZero() ? "0 (none)" : d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String proxy(ProxySettings p) {
        return p == null ? "none" : p.toString();
    }

    /** Collects "name old -> new" for the fields that differ. */
    private static final class Fields {
        private final List<String> lines = new ArrayList<>();

        <T> Fields add(String name, T before, T after, Function<T, String> shown) {
            if (!Objects.equals(before, after)) {
                lines.add(name + " " + show(before, shown) + " -> " + show(after, shown));
            }
            return this;
        }

        /** A secret is only ever said to have changed, been set or been removed. */
        Fields secret(String name, Secret before, Secret after) {
            if (!Objects.equals(before, after)) {
                lines.add(name + (before == null ? " set" : after == null ? " removed" : " changed"));
            }
            return this;
        }

        Fields tls(TlsSettings b, TlsSettings a) {
            if (b.equals(a)) {
                return this;
            }
            add("verify_peer", b.verifyPeer(), a.verifyPeer(), String::valueOf);
            add("verify_host", b.verifyHost(), a.verifyHost(), String::valueOf);
            add("tlsversion", b.minVersion(), a.minVersion(), TlsVersion::label);
            add("cipher_suites", b.cipherSuites(), a.cipherSuites(), String::valueOf);
            add("cacert", declared(b.caCert()), declared(a.caCert()), String::valueOf);
            if (Objects.equals(declared(b.caCert()), declared(a.caCert())) && !b.trusted().equals(a.trusted())) {
                lines.add("cacert " + declared(a.caCert()) + ": new certificates (" + a.trusted().size() + ")");
            }
            add("client_cert", declared(b.clientCert()), declared(a.clientCert()), String::valueOf);
            add("client_key", declared(b.clientKey()), declared(a.clientKey()), String::valueOf);
            if (Objects.equals(declared(b.clientCert()), declared(a.clientCert()))
                    && Objects.equals(declared(b.clientKey()), declared(a.clientKey()))
                    && !Objects.equals(b.keyMaterial(), a.keyMaterial())) {
                lines.add("client certificate and key " + declared(a.clientCert()) + ": new material");
            }
            return this;
        }

        Fields resilience(ResilienceSettings b, ResilienceSettings a) {
            add("total_timeout", b.totalTimeout(), a.totalTimeout(), SettingsChanges::duration);
            add("health_failures", b.healthFailures(), a.healthFailures(), String::valueOf);
            add("health_retry", b.healthRetry(), a.healthRetry(), SettingsChanges::duration);
            add("health_probe", b.healthProbe(), a.healthProbe(), String::valueOf);
            add("max_concurrent", b.maxConcurrent(), a.maxConcurrent(), String::valueOf);
            add("failover_unsafe", b.failoverUnsafe(), a.failoverUnsafe(), String::valueOf);
            return this;
        }

        private static String declared(PemSource s) {
            return s == null ? "none" : s.declared();
        }

        private static <T> String show(T value, Function<T, String> shown) {
            return value == null ? "none" : shown.apply(value);
        }

        List<String> lines() {
            return lines;
        }
    }
}
