package dev.httpcon.config;

import static dev.httpcon.config.Load.failing;
import static dev.httpcon.config.Load.ok;
import static dev.httpcon.config.Load.problemAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module-wide settings under httpclient. */
class GlobalsTest {

    @Test
    void defaults() {
        HttpConSettings s = ok();
        GlobalSettings g = s.globals();
        assertTrue(g.followRedirects(), "the manual's default, not the real module's 0");
        assertEquals(30, g.maxRedirects());
        assertNull(g.proxy());
        assertEquals(UserAgent.DEFAULT, g.userAgent());
        assertEquals(16 * 1024 * 1024, g.maxDataSize(), "not the original's 'no limit': see differences.md");
        assertEquals(Duration.ofSeconds(4), g.timeout());
        assertEquals(TlsSettings.DEFAULTS, g.tls());
        assertEquals(Set.of(AuthMethod.BASIC, AuthMethod.DIGEST), g.authMethods());
        assertFalse(g.keepConnections());
        assertNull(g.configFile());
        assertEquals(64, g.maxConnectionsPerHost());
        assertEquals(256, g.maxConnectionsTotal());
        assertTrue(s.connections().isEmpty());
    }

    @Test
    void theDefaultUserAgentNamesVersionSystemAndArchitecture() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/" + System.getProperty("os.arch");
        assertTrue(UserAgent.DEFAULT.matches("httpcon/[0-9]+\\.[0-9]+\\.[0-9]+[-.A-Za-z0-9]* \\(\\Q" + os + "\\E\\)"),
                UserAgent.DEFAULT);
    }

    @Test
    void everyGlobalIsRead() {
        GlobalSettings g = ok(
                "httpclient.httpredirect", "0",
                "httpclient.max_redirects", "3",
                "httpclient.httpproxy", "proxy.example.com",
                "httpclient.httpproxyport", "8042",
                "httpclient.useragent", "Secret HTTP REST grabber 0.42",
                "httpclient.maxdatasize", "2000",
                "httpclient.connection_timeout", "2",
                "httpclient.verify_peer", "0",
                "httpclient.verify_host", "0",
                "httpclient.tlsversion", "6",
                "httpclient.cipher_suites", "TLS_AES_128_GCM_SHA256",
                "httpclient.authmethod", "1",
                "httpclient.keep_connections", "1",
                "httpclient.max_connections_per_host", "8",
                "httpclient.max_connections", "16").globals();
        assertFalse(g.followRedirects());
        assertEquals(3, g.maxRedirects());
        assertEquals(new ProxySettings("proxy.example.com", 8042), g.proxy());
        assertEquals("Secret HTTP REST grabber 0.42", g.userAgent());
        assertEquals(2000, g.maxDataSize());
        assertEquals(Duration.ofSeconds(2), g.timeout());
        assertFalse(g.tls().verifyPeer());
        assertFalse(g.tls().verifyHost());
        assertEquals(TlsVersion.TLSv1_2, g.tls().minVersion());
        assertEquals(List.of("TLS_AES_128_GCM_SHA256"), g.tls().cipherSuites());
        assertEquals(Set.of(AuthMethod.BASIC), g.authMethods());
        assertTrue(g.keepConnections());
        assertEquals(8, g.maxConnectionsPerHost());
        assertEquals(16, g.maxConnectionsTotal());
    }

    /** The original copied only the globals set above a httpcon line; httpcon applies them to every connection. */
    @Test
    void globalsApplyToConnectionsWrittenBeforeThem() {
        HttpConSettings s = ok(
                "httpclient.httpcon", "first=>http://h",
                "httpclient.connection_timeout", "9",
                "httpclient.useragent", "late agent");
        assertEquals(Duration.ofSeconds(9), s.connection("first").timeout());
        assertEquals("late agent", s.connection("first").userAgent());
    }

    @Test
    void unknownGlobalKeysAreProblemsWithAWayForward() {
        ConfigValidationException e = failing(
                "httpclient.httpredirct", "1",
                "httpclient.timeout", "2",
                "httpclient.url", "http://h",
                "httpclient.pasword", "s3cret!",
                "httpclient.somethingelse", "x",
                "httpclient.HTTPREDIRECT", "1",
                "httpclient.httpcon[0]", "a=>http://h",
                "httpclient.connections[0]", "a",
                "httpclient.foo[0]", "x",
                "HTTPCLIENT_WHATEVER", "not read: not under httpclient.",
                "other.library.key", "not ours");
        assertEquals("unknown key; did you mean httpredirect?", problemAt(e, "httpclient.httpredirct").expected());
        assertEquals("unknown key; the global name of this setting is httpclient.connection_timeout",
                problemAt(e, "httpclient.timeout").expected());
        assertEquals("unknown key; url is set per connection: httpclient.connection.<name>.url",
                problemAt(e, "httpclient.url").expected());
        ConfigProblem password = problemAt(e, "httpclient.pasword");
        assertNull(password.value(), "the value of an unknown key is not shown: it may be a secret");
        assertEquals("unknown key; did you mean password? password is set per connection: "
                + "httpclient.connection.<name>.password", password.expected());
        assertTrue(problemAt(e, "httpclient.somethingelse").expected().startsWith("unknown key; expected one of [async_executor, authmethod, "));
        assertEquals("unknown key; did you mean httpredirect?", problemAt(e, "httpclient.HTTPREDIRECT").expected());
        problemAt(e, "httpclient.foo[0]");
        assertEquals(7, e.problems().size(), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret!"));
    }

    @Test
    void invalidGlobalsAreReportedOnceEvenWhenManyConnectionsInheritThem() {
        ConfigValidationException e = failing(
                "httpclient.connection_timeout", "forever",
                "httpclient.max_connections", "0",
                "httpclient.max_connections_per_host", "-2",
                "httpclient.httpcon", "a=>http://h,b=>http://h,c=>http://h");
        assertEquals("forever", problemAt(e, "httpclient.connection_timeout").value());
        assertEquals("expected a whole number from 1 to 2147483647", problemAt(e, "httpclient.max_connections").expected());
        assertEquals("-2", problemAt(e, "httpclient.max_connections_per_host").value());
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void twoSpellingsOfOneGlobalAreAProblem() {
        ConfigValidationException e = failing("httpclient.httpredirect", "1", "httpclient.http_follow_redirect", "0");
        assertEquals("set twice: httpclient.httpredirect is the same parameter; keep one",
                problemAt(e, "httpclient.http_follow_redirect").expected());
    }

    @Test
    void configDirMustBeADirectory(@TempDir Path dir) {
        ConfigValidationException e = failing("httpclient.config_dir", dir.resolve("missing").toString());
        assertEquals("not a directory: " + dir.resolve("missing"), problemAt(e, "httpclient.config_dir").expected());
    }
}
