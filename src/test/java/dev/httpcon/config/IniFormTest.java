package dev.httpcon.config;

import static dev.httpcon.config.Load.failing;
import static dev.httpcon.config.Load.ok;
import static dev.httpcon.config.Load.problemAt;
import static dev.httpcon.config.Load.problemEndingWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.testing.TestCerts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Form 2: the original's INI config_file. */
class IniFormTest {

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** Example 1.18 of the manual, verbatim, with its key and certificate next to the file. */
    @Test
    void manualExample118LoadsAsWritten() throws IOException {
        TestCerts.Issued client = TestCerts.ca("Example CA").client("kamailio.example.com");
        client.writeKey(dir.resolve("default_key.pem"));
        client.writeCert(dir.resolve("default_cert.pem"));
        Path file = write("httpconnections.cfg",
                "[authapiserver]",
                "url = https://api.runbo.example.com/v4.2/auth",
                "timeout = 1",
                "maxdatasize = 4",
                "tlsversion = TLSv1.2",
                "verify_peer = yes",
                "client_key = default_key.pem",
                "client_cert = default_cert.pem",
                "http_follow_redirect = no");

        HttpConSettings s = ok("httpclient.config_file", file.toString());

        ConnectionSettings c = s.connection("authapiserver");
        assertEquals(URI.create("https://api.runbo.example.com/v4.2/auth"), c.url());
        assertEquals(Duration.ofSeconds(1), c.timeout());
        assertEquals(4, c.maxDataSize());
        assertEquals(TlsVersion.TLSv1_2, c.tls().minVersion());
        assertTrue(c.tls().verifyPeer());
        assertFalse(c.followRedirects());
        assertEquals(client.chain(), c.tls().keyMaterial().chain());
        assertEquals(client.keys().getPrivate(), c.tls().keyMaterial().key());
        assertEquals("default_cert.pem", c.tls().clientCert().declared());
        assertEquals(dir.resolve("default_key.pem").toString(), c.tls().clientKey().location());
        assertEquals(file + ":1 [authapiserver]", c.origin());
        assertEquals(file.toString(), s.globals().configFile());
    }

    /** A file written for the real module (Kamailio 5.6): its spellings, quotes, comments and per-connection cacert. */
    @Test
    void aFileWrittenForTheRealModuleLoads() throws IOException {
        TestCerts.Ca ca = TestCerts.ca("Billing CA");
        ca.writeCert(dir.resolve("ca.pem"));
        Path file = write("http_client.cfg",
                "# http_client connections",
                "",
                "[billing]",
                "URL = \"https://billing.example.com/api\"",
                "Username = kamailio",
                "password = \"s3cr3t pass\"",
                "authmethod = 2",
                "keepconnections = yes",
                "useragent = \"Kamailio billing\"",
                "verify_peer = on",
                "verify_host = 2",
                "cacert = ca.pem",
                "cipher_suites = ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384",
                "tlsversion = TLSv1.1",
                "timeout = 3",
                "maxdatasize = 8192",
                "httpredirect = 0",
                "httpproxy = proxy.example.com",
                "httpproxyport = 3128",
                "failover = backup",
                "",
                "; the backup connection",
                "   [backup]   ",
                "url = http://backup.example.com/api",
                "keep_connections = no",
                "http_follow_redirect = enabled",
                "httpproxy = \"\"");

        HttpConSettings s = ok("httpclient.config_file", file.toString(), "httpclient.httpproxy", "global.example.com:8080");

        ConnectionSettings billing = s.connection("billing");
        assertEquals(URI.create("https://billing.example.com/api"), billing.url());
        assertEquals("kamailio", billing.username());
        assertEquals("s3cr3t pass", billing.password().reveal());
        assertEquals(Set.of(AuthMethod.DIGEST), billing.authMethods());
        assertTrue(billing.keepConnections());
        assertEquals("Kamailio billing", billing.userAgent());
        assertEquals(List.of(ca.cert()), billing.tls().trusted());
        assertEquals(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
                billing.tls().cipherSuites());
        assertEquals(TlsVersion.TLSv1_1, billing.tls().minVersion());
        assertEquals(Duration.ofSeconds(3), billing.timeout());
        assertEquals(8192, billing.maxDataSize());
        assertFalse(billing.followRedirects());
        assertEquals(new ProxySettings("proxy.example.com", 3128), billing.proxy());
        assertEquals("backup", billing.failover());

        ConnectionSettings backup = s.connection("backup");
        assertFalse(backup.keepConnections());
        assertTrue(backup.followRedirects());
        assertNull(backup.proxy(), "httpproxy = \"\" overrides the global proxy with none");
        assertSame(s.globals().tls(), backup.tls());
    }

    @Test
    void emptyQuotesMeanTheBuiltInDefaultNotTheGlobal() throws IOException {
        Path file = write("c.cfg", "[a]", "url = http://h", "useragent = \"\"", "timeout = \"\"", "maxdatasize =");
        HttpConSettings s = ok("httpclient.config_file", file.toString(), "httpclient.useragent", "Global agent",
                "httpclient.connection_timeout", "30s", "httpclient.maxdatasize", "100");
        ConnectionSettings a = s.connection("a");
        assertEquals(UserAgent.DEFAULT, a.userAgent());
        assertEquals(Duration.ofSeconds(4), a.timeout());
        assertEquals(GlobalSettings.DEFAULT_MAX_DATA_SIZE, a.maxDataSize(), "the built-in default, not the global 100");
    }

    @Test
    void everyStructuralProblemNamesFileAndLine() throws IOException {
        Path file = write("bad.cfg",
                "timeout = 2",                      // 1: outside any section
                "[one]",                            // 2
                "url = http://one",                 // 3
                "tiemout = 2",                      // 4: unknown key
                "timeout = 2",                      // 5
                "TIMEOUT = 3",                      // 6: duplicate key (keys are case-insensitive)
                "just some words",                  // 7: no '='
                "[one]",                            // 8: duplicate section
                "url = http://again",               // 9
                "[no-url]",                         // 10: section without url
                "timeout = 1",                      // 11
                "[bad name]",                       // 12: invalid section name
                "url = http://x",                   // 13
                "[unclosed",                        // 14: not a section header
                "[quotes]",                         // 15
                "url = http://q",                   // 16
                "useragent = \"open",               // 17: unbalanced quote
                "connection_timeout = 4");          // 18: a global key in a section

        ConfigValidationException e = failing("httpclient.config_file", file.toString());

        String f = file.toString();
        assertEquals("a key outside any section: put it under a [name] section",
                problemAt(e, f + ":1 timeout").expected());
        assertEquals("unknown parameter; did you mean timeout?", problemAt(e, f + ":4 [one] tiemout").expected());
        ConfigProblem duplicateKey = problemAt(e, f + ":6 [one] timeout");
        assertEquals("3", duplicateKey.value());
        assertEquals("duplicate key: timeout is already set in [one] at line 5", duplicateKey.expected());
        assertNull(problemAt(e, f + ":7 [one]").value());
        ConfigProblem duplicateSection = problemAt(e, f + ":8 [one]");
        assertEquals("one", duplicateSection.value());
        assertEquals("duplicate section: [one] is already defined at " + f + ":2 [one]", duplicateSection.expected());
        assertTrue(problemAt(e, f + ":10 [no-url]").expected().startsWith("connection 'no-url' has no url"));
        assertEquals("bad name", problemAt(e, f + ":12 [bad name]").value());
        assertEquals("[unclosed", problemAt(e, f + ":14").value());
        assertEquals("\"open", problemAt(e, f + ":17 [quotes] useragent").value());
        assertEquals("unknown parameter; per connection it is called timeout",
                problemAt(e, f + ":18 [quotes] connection_timeout").expected());
        assertEquals(10, e.problems().size(), e.getMessage());
    }

    @Test
    void invalidValuesNameFileLineSectionAndKey() throws IOException {
        Path file = write("v.cfg", "[api]", "url = ftp://files.example.com", "verify_peer = maybe", "tlsversion = SSLv3");
        ConfigValidationException e = failing("httpclient.config_file", file.toString());
        ConfigProblem url = problemEndingWith(e, "v.cfg:2 [api] url");
        assertEquals("ftp://files.example.com", url.value());
        assertEquals("unsupported scheme 'ftp': httpcon speaks http and https", url.expected());
        assertEquals("maybe", problemEndingWith(e, "v.cfg:3 [api] verify_peer").value());
        assertEquals("SSLv2/SSLv3 are not supported (the JVM implements neither); use TLSv1.2 or later",
                problemEndingWith(e, "v.cfg:4 [api] tlsversion").expected());
    }

    @Test
    void aMissingFileIsAProblemSayingWhereItWasLookedFor() {
        ConfigValidationException e = failing("httpclient.config_file", dir.resolve("nowhere.cfg").toString());
        ConfigProblem p = problemAt(e, "httpclient.config_file");
        assertEquals("file not found: " + dir.resolve("nowhere.cfg") + " (an absolute name)", p.expected());
    }

    @Test
    void aFileThatIsNotUtf8IsAProblem() throws IOException {
        Path file = Files.write(dir.resolve("latin1.cfg"), new byte[] {'[', 'a', ']', '\n', (byte) 0xE9, '\n'});
        ConfigValidationException e = failing("httpclient.config_file", file.toString());
        assertEquals("not a UTF-8 text file", problemAt(e, file.toString()).expected());
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreFine() throws IOException {
        Path file = Files.writeString(dir.resolve("win.cfg"), "\uFEFF[a]\r\nurl = http://h\r\ntimeout = 2\r\n");
        assertEquals(Duration.ofSeconds(2), ok("httpclient.config_file", file.toString()).connection("a").timeout());
    }

    @Test
    void aNameDefinedTwiceAnywhereIsAProblemNamingBothPlaces() throws IOException {
        Path file = write("c.cfg", "[api]", "url = http://from-file", "[other]", "url = http://o");
        ConfigValidationException e = failing("httpclient.config_file", file.toString(),
                "httpclient.httpcon", "api=>http://from-line,other=>http://a,other=>http://b");
        ConfigProblem lineTwice = problemAt(e, "httpclient.httpcon[2]");
        assertEquals("other", lineTwice.value());
        assertEquals("connection 'other' is defined twice, first at httpclient.httpcon[1]; connection names must be "
                + "unique", lineTwice.expected());
        assertEquals("connection 'api' is defined twice, first at httpclient.httpcon[0]; connection names must be "
                + "unique", problemAt(e, file + ":1 [api]").expected());
        assertEquals("connection 'other' is defined twice, first at httpclient.httpcon[1]; connection names must be "
                + "unique", problemAt(e, file + ":3 [other]").expected());
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void theValuesOfADuplicateAreCheckedToo() throws IOException {
        Path file = write("c.cfg", "[api]", "url = http://from-file", "timeout = never");
        ConfigValidationException e = failing("httpclient.config_file", file.toString(),
                "httpclient.httpcon", "api=>http://from-line");
        assertEquals("never", problemAt(e, file + ":3 [api] timeout").value());
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void aCommentMayFollowAQuotedValueOnly() throws IOException {
        Path file = write("c.cfg", "[a]", "url = http://h", "useragent = \"My agent\"   # the agent",
                "password = \"pa#ss\" ; said nothing", "username = ann # not a comment",
                "[b]", "url = http://h", "useragent = \"a\" # b\"");
        HttpConSettings s = ok("httpclient.config_file", file.toString());
        assertEquals("My agent", s.connection("a").userAgent());
        assertEquals("pa#ss", s.connection("a").password().reveal());
        assertEquals("ann # not a comment", s.connection("a").username(), "without quotes a # is part of the value");
        assertEquals("a\" # b", s.connection("b").userAgent(), "a value ending with its quote is taken whole");
        ConfigValidationException e = failing("httpclient.config_file",
                write("d.cfg", "[a]", "url = http://h", "useragent = \"open # x").toString());
        assertTrue(problemEndingWith(e, "[a] useragent").expected().startsWith("unbalanced double quote"));
    }

    @Test
    void defaultHeadersInASection() throws IOException {
        Path file = write("c.cfg", "[a]", "url = http://h", "header.X-Api-Key = \"k-123\"  # from the vendor",
                "Header.Accept = application/json", "[b]", "url = http://h", "header.X-Api-Key = 1",
                "header.x-api-key = 2");
        ConfigValidationException e = failing("httpclient.config_file", file.toString());
        ConfigProblem twice = problemEndingWith(e, "[b] header.x-api-key");
        assertEquals("****", twice.value(), "an API key is a secret in a message too");
        assertTrue(twice.expected().contains("already set"), twice.expected());

        HttpConSettings s = ok("httpclient.config_file", write("ok.cfg", "[a]", "url = http://h",
                "header.X-Api-Key = \"k-123\"  # from the vendor", "Header.Accept = application/json").toString());
        assertEquals(List.of(new dev.httpcon.HttpRequest.Header("X-Api-Key", "k-123"),
                new dev.httpcon.HttpRequest.Header("Accept", "application/json")), s.connection("a").headers());
        assertFalse(s.connection("a").toString().contains("k-123"), s.connection("a").toString());
    }
}
