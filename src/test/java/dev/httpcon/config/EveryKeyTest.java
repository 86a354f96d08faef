package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parameter that has a global and a per-connection value, in every form: the connection's
 * own value, the global for a connection that sets nothing, the built-in default without either,
 * and a per-key property over a line or section. (Files, proxies with ports, and the
 * connection-only parameters have their own tests.)
 */
class EveryKeyTest {

    /** One parameter: its keys, a global and an own value, and what each gives. */
    record Case(String key, String globalKey, String globalValue, String ownValue,
                Function<ConnectionSettings, Object> read, Object fromGlobal, Object fromOwn, Object byDefault) {
        @Override
        public String toString() {
            return key;
        }
    }

    /** The three ways to write a connection. */
    enum Form {
        LINE, INI, PER_KEY;

        /** Properties defining connections (name to own parameters), each with url http://<name>. */
        Map<String, String> define(Map<String, Map<String, String>> connections, Path dir) {
            Map<String, String> props = new LinkedHashMap<>();
            List<String> lines = new ArrayList<>();
            List<String> ini = new ArrayList<>();
            connections.forEach((name, params) -> {
                StringBuilder line = new StringBuilder(name + "=>http://" + name);
                ini.add("[" + name + "]");
                ini.add("url = http://" + name);
                props.put("httpclient.connection." + name + ".url", "http://" + name);
                params.forEach((k, v) -> {
                    line.append(';').append(k).append('=').append(v);
                    ini.add(k + " = " + v);
                    props.put("httpclient.connection." + name + "." + k, v);
                });
                lines.add(line.toString());
            });
            if (this == PER_KEY) {
                return props;
            }
            props.clear();
            if (this == LINE) {
                for (int i = 0; i < lines.size(); i++) {
                    props.put("httpclient.httpcon[" + i + "]", lines.get(i));
                }
            } else {
                props.put("httpclient.config_file", write(dir.resolve("connections.cfg"), ini).toString());
            }
            return props;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("authmethod", "authmethod", "1", "2", ConnectionSettings::authMethods,
                        Set.of(AuthMethod.BASIC), Set.of(AuthMethod.DIGEST), Set.of(AuthMethod.BASIC, AuthMethod.DIGEST)),
                new Case("keep_connections", "keep_connections", "yes", "0", ConnectionSettings::keepConnections,
                        true, false, false),
                new Case("keepconnections", "keepconnections", "1", "off", ConnectionSettings::keepConnections,
                        true, false, false),
                new Case("useragent", "useragent", "Global/1", "Own/2", ConnectionSettings::userAgent,
                        "Global/1", "Own/2", UserAgent.DEFAULT),
                new Case("verify_peer", "verify_peer", "0", "1", c -> c.tls().verifyPeer(), false, true, true),
                new Case("verify_host", "verify_host", "0", "2", c -> c.tls().verifyHost(), false, true, true),
                new Case("tlsversion", "tlsversion", "TLSv1.1", "6", c -> c.tls().minVersion(),
                        TlsVersion.TLSv1_1, TlsVersion.TLSv1_2, TlsVersion.DEFAULT),
                new Case("cipher_suites", "cipher_suites", "TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
                        c -> c.tls().cipherSuites(), List.of("TLS_AES_128_GCM_SHA256"),
                        List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), List.of()),
                new Case("timeout", "connection_timeout", "10", "1500ms", ConnectionSettings::timeout,
                        Duration.ofSeconds(10), Duration.ofMillis(1500), Duration.ofSeconds(4)),
                new Case("maxdatasize", "maxdatasize", "1k", "2000", ConnectionSettings::maxDataSize, 1024L, 2000L,
                        GlobalSettings.DEFAULT_MAX_DATA_SIZE),
                // 0 written explicitly is the original's "no limit"; unset is 16 MiB
                new Case("maxdatasize", "maxdatasize", "0", "64k", ConnectionSettings::maxDataSize, 0L, 65536L,
                        16L * 1024 * 1024),
                new Case("maxdatasize", "maxdatasize", "1k", "0", ConnectionSettings::maxDataSize, 1024L, 0L,
                        16L * 1024 * 1024),
                new Case("httpredirect", "httpredirect", "0", "yes", ConnectionSettings::followRedirects,
                        false, true, true),
                new Case("http_follow_redirect", "http_follow_redirect", "off", "on",
                        ConnectionSettings::followRedirects, false, true, true),
                new Case("httpproxy", "httpproxy", "gp.example:3128", "op.example", ConnectionSettings::proxy,
                        new ProxySettings("gp.example", 3128), new ProxySettings("op.example", 1080), null),
                new Case("max_redirects", "max_redirects", "5", "7", ConnectionSettings::maxRedirects, 5, 7, 30),
                new Case("total_timeout", "total_timeout", "2s", "1500ms", c -> c.resilience().totalTimeout(),
                        Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ZERO),
                new Case("health_failures", "health_failures", "3", "5", c -> c.resilience().healthFailures(), 3, 5, 0),
                new Case("health_retry", "health_retry", "5s", "500ms", c -> c.resilience().healthRetry(),
                        Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(10)),
                new Case("health_probe", "health_probe", "/global", "/own?deep=1", c -> c.resilience().healthProbe(),
                        "/global", "/own?deep=1", null),
                new Case("max_concurrent", "max_concurrent", "10", "20", c -> c.resilience().maxConcurrent(), 10, 20,
                        0),
                new Case("failover_unsafe", "failover_unsafe", "0", "yes", c -> c.resilience().failoverUnsafe(),
                        false, true, true));
    }

    static Stream<Arguments> casesInEveryForm() {
        return cases().stream().flatMap(c -> Stream.of(Form.values()).map(f -> Arguments.of(c, f)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("casesInEveryForm")
    void ownValueWinsAndTheGlobalFillsIn(Case c, Form form, @TempDir Path dir) {
        Map<String, String> props = form.define(Map.of("own", Map.of(c.key(), c.ownValue()), "plain", Map.of()), dir);
        props.put("httpclient." + c.globalKey(), c.globalValue());

        HttpConSettings s = Load.ok(props);

        assertEquals(c.fromOwn(), c.read().apply(s.connection("own")));
        assertEquals(c.fromGlobal(), c.read().apply(s.connection("plain")));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("casesInEveryForm")
    void withoutAnyValueTheDefaultApplies(Case c, Form form, @TempDir Path dir) {
        HttpConSettings s = Load.ok(form.define(Map.of("plain", Map.of()), dir));
        assertEquals(c.byDefault(), c.read().apply(s.connection("plain")));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("casesInEveryForm")
    void theNullOverrideGivesTheDefaultDespiteTheGlobal(Case c, Form form, @TempDir Path dir) {
        // "" is written as such in lines and files; a property holds the two quote characters.
        Map<String, String> props = form.define(Map.of("reset", Map.of(c.key(), "\"\"")), dir);
        props.put("httpclient." + c.globalKey(), c.globalValue());
        assertEquals(c.byDefault(), c.read().apply(Load.ok(props).connection("reset")));
    }

    static Stream<Arguments> casesUnderAProperty() {
        return cases().stream().flatMap(c -> Stream.of(Form.LINE, Form.INI).map(f -> Arguments.of(c, f)));
    }

    @ParameterizedTest(name = "{0} over a {1}")
    @MethodSource("casesUnderAProperty")
    void aPropertyWinsOverALineOrSection(Case c, Form form, @TempDir Path dir) {
        Map<String, String> props = form.define(Map.of("api", Map.of(c.key(), c.ownValue())), dir);
        props.put("httpclient.connection.api." + c.key(), c.globalValue());
        assertEquals(c.fromGlobal(), c.read().apply(Load.ok(props).connection("api")));
    }

    /** The parameters without a global, and httpproxyport under a global proxy, in every form. */
    @ParameterizedTest
    @EnumSource(Form.class)
    void connectionOnlyParametersInEveryForm(Form form, @TempDir Path dir) {
        Map<String, Map<String, String>> connections = new LinkedHashMap<>();
        connections.put("api", Map.of("username", "svc", "password", "pw-1", "failover", "backup",
                "rest-clients", "com.example.A,com.example.B", "httpproxyport", "3128"));
        connections.put("backup", Map.of());
        Map<String, String> props = form.define(connections, dir);
        props.put("httpclient.httpproxy", "proxy.example.com");

        HttpConSettings s = Load.ok(props);

        ConnectionSettings api = s.connection("api");
        assertEquals("svc", api.username());
        assertEquals("pw-1", api.password().reveal());
        assertEquals("backup", api.failover());
        assertEquals(List.of("com.example.A", "com.example.B"), api.restClients());
        assertEquals(new ProxySettings("proxy.example.com", 3128), api.proxy());
        ConnectionSettings backup = s.connection("backup");
        assertNull(backup.username());
        assertNull(backup.password());
        assertNull(backup.failover());
        assertEquals(List.of(), backup.restClients());
        assertEquals(new ProxySettings("proxy.example.com", 1080), backup.proxy());
    }

    private static Path write(Path file, List<String> lines) {
        try {
            return Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
