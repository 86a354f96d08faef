package dev.httpcon.config;

import static dev.httpcon.config.Load.failing;
import static dev.httpcon.config.Load.ok;
import static dev.httpcon.config.Load.problemAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Form 1: the original's httpcon lines. */
class HttpconLineFormTest {

    /** Example 1.16 of the manual, the four modparam lines as written. */
    @Test
    void manualExample116LoadsAsWritten() {
        HttpConSettings s = ok(
                "httpclient.httpcon[0]", "apione=>http://atlanta.example.com",
                "httpclient.httpcon[1]", "apitwo=>http://atlanta.example.com/api/12",
                "httpclient.httpcon[2]", "apithree=>http://annabella:mysecret@atlanta.example.com/api/12",
                "httpclient.httpcon[3]", "apifour=>http://stockholm.example.com/api/getstuff;timeout=12;failover=apione");

        assertEquals(List.of("apione", "apitwo", "apithree", "apifour"), List.copyOf(s.connections().keySet()));
        assertEquals(URI.create("http://atlanta.example.com"), s.connection("apione").url());
        assertEquals(URI.create("http://atlanta.example.com/api/12"), s.connection("apitwo").url());

        ConnectionSettings three = s.connection("apithree");
        assertEquals(URI.create("http://atlanta.example.com/api/12"), three.url());
        assertEquals("annabella", three.username());
        assertEquals("mysecret", three.password().reveal());
        assertEquals("httpclient.httpcon[2]", three.origin());

        ConnectionSettings four = s.connection("apifour");
        assertEquals(Duration.ofSeconds(12), four.timeout());
        assertEquals("apione", four.failover());
        assertEquals(Duration.ofSeconds(4), s.connection("apione").timeout(), "the global default");
        assertNull(s.connection("apione").failover());
    }

    @Test
    void commaSeparatedListIsTheSameAsIndexedKeys() {
        HttpConSettings s = ok("httpclient.httpcon",
                "a=>http://h1/x;cipher_suites=TLS_AES_128_GCM_SHA256\\,TLS_AES_256_GCM_SHA384, b=>https://h2:8443");
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"),
                s.connection("a").tls().cipherSuites());
        assertEquals(URI.create("https://h2:8443"), s.connection("b").url());
    }

    @Test
    void credentialsComeOnlyFromTheAuthority() {
        HttpConSettings s = ok("httpclient.httpcon[0]", "a=>http://host.example/users/me@example.com/profile");
        ConnectionSettings a = s.connection("a");
        assertNull(a.username(), "an '@' in the path is no credential (the original split at the first '@')");
        assertEquals(URI.create("http://host.example/users/me@example.com/profile"), a.url());
    }

    @Test
    void credentialsArePercentDecodedAndParametersWin() {
        HttpConSettings s = ok(
                "httpclient.httpcon[0]", "a=>https://us%40er:p%3Ass%2Bw%20rd@h/api",
                "httpclient.httpcon[1]", "b=>https://urluser:urlpass@h/api;username=other;password=\"two words\"",
                "httpclient.httpcon[2]", "c=>https://urluser:urlpass@h/api;password=only-the-password");
        assertEquals("us@er", s.connection("a").username());
        assertEquals("p:ss+w rd", s.connection("a").password().reveal(), "'+' stays '+' in userinfo");
        assertEquals("other", s.connection("b").username());
        assertEquals("two words", s.connection("b").password().reveal());
        assertEquals("urluser", s.connection("c").username());
        assertEquals("only-the-password", s.connection("c").password().reveal());
        assertEquals(URI.create("https://h/api"), s.connection("c").url(), "no userinfo kept in the url");
    }

    @Test
    void anyConnectionParameterMayFollowTheUrl() {
        HttpConSettings s = ok("httpclient.httpcon[0]", "a=>https://h/x?k=v;useragent=\"My agent 1.0\";verify_peer=no;"
                + "tlsversion=TLSv1.3;maxdatasize=2k;http_follow_redirect=off;keepconnections=1;max_redirects=3;"
                + "rest-clients=com.example.Orders,com.example.Stock;;"); // an indexed item is not split at commas
        ConnectionSettings a = s.connection("a");
        assertEquals(URI.create("https://h/x?k=v"), a.url(), "a query in the base URL is kept");
        assertEquals("My agent 1.0", a.userAgent());
        assertFalse(a.tls().verifyPeer());
        assertEquals(TlsVersion.TLSv1_3, a.tls().minVersion());
        assertEquals(2048, a.maxDataSize());
        assertFalse(a.followRedirects());
        assertTrue(a.keepConnections());
        assertEquals(3, a.maxRedirects());
        assertEquals(List.of("com.example.Orders", "com.example.Stock"), a.restClients());
    }

    @Test
    void aLineWithoutArrowIsAProblemAndItsPasswordIsMasked() {
        ConfigValidationException e = failing("httpclient.httpcon[0]",
                "apithree http://annabella:mysecret@atlanta.example.com/api/12;password=other");
        ConfigProblem p = problemAt(e, "httpclient.httpcon[0]");
        assertEquals("apithree http://annabella:****@atlanta.example.com/api/12;password=****", p.value());
        assertTrue(p.expected().startsWith("expected name=>http(s)://"), p.expected());
        assertFalse(e.getMessage().contains("mysecret"));
        assertFalse(e.getMessage().contains("other"));
    }

    @Test
    void anUnescapedCommaSplitsALineAndTheMessageSaysHowToEscapeIt() {
        ConfigValidationException e = failing("httpclient.httpcon",
                "a=>https://h;cipher_suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384");
        ConfigProblem p = problemAt(e, "httpclient.httpcon[1]");
        assertEquals("TLS_AES_256_GCM_SHA384", p.value());
        assertTrue(p.expected().contains("a comma inside one line must be written \\,"), p.expected());
    }

    @Test
    void invalidNamesAreProblems() {
        ConfigValidationException e = failing(
                "httpclient.httpcon[0]", "my api=>http://h",
                "httpclient.httpcon[1]", "a.b=>http://h",
                "httpclient.httpcon[2]", "k\u00e4se=>http://h".replace("\\u00e4", "\u00e4"),
                "httpclient.httpcon[3]", "=>http://h",
                "httpclient.httpcon[4]", "x".repeat(65) + "=>http://h");
        assertEquals(5, e.problems().size(), e.getMessage());
        assertEquals("my api", problemAt(e, "httpclient.httpcon[0]").value());
        assertEquals("a.b", problemAt(e, "httpclient.httpcon[1]").value());
        assertEquals("k\u00e4se", problemAt(e, "httpclient.httpcon[2]").value());
        assertEquals("", problemAt(e, "httpclient.httpcon[3]").value());
        assertTrue(problemAt(e, "httpclient.httpcon[4]").expected().contains("1 to 64 of A-Z a-z 0-9 _ -"));
    }

    @Test
    void unknownDuplicateAndMalformedParametersAreProblems() {
        ConfigValidationException e = failing(
                "httpclient.httpcon[0]", "a=>http://h;tiemout=3",
                "httpclient.httpcon[1]", "b=>http://h;connection_timeout=3",
                "httpclient.httpcon[2]", "c=>http://h;timeout=1;timeout=2",
                "httpclient.httpcon[3]", "d=>http://h;httpredirect=1;http_follow_redirect=0",
                "httpclient.httpcon[4]", "e=>http://h;timeout",
                "httpclient.httpcon[5]", "f=>http://h;url=http://other",
                "httpclient.httpcon[6]", "g=>http://h;useragent=\"unclosed");
        assertEquals(7, e.problems().size(), e.getMessage());
        assertEquals("unknown parameter; did you mean timeout?",
                problemAt(e, "httpclient.httpcon[0] (a) tiemout").expected());
        assertEquals("unknown parameter; per connection it is called timeout",
                problemAt(e, "httpclient.httpcon[1] (b) connection_timeout").expected());
        ConfigProblem twice = problemAt(e, "httpclient.httpcon[2] (c) timeout");
        assertEquals("2", twice.value());
        assertEquals("set twice in this line; keep one", twice.expected());
        assertEquals("0", problemAt(e, "httpclient.httpcon[3] (d) http_follow_redirect").value());
        assertTrue(problemAt(e, "httpclient.httpcon[4] (e)").expected().contains(";param=value"));
        assertTrue(problemAt(e, "httpclient.httpcon[5] (f) url").expected().contains("right after =>"));
        assertTrue(problemAt(e, "httpclient.httpcon[6] (g) useragent").expected().contains("unbalanced double quote"));
    }

    @Test
    void aLineWithoutUrlIsAProblem() {
        ConfigValidationException e = failing("httpclient.httpcon[0]", "a=>;timeout=2");
        ConfigProblem p = problemAt(e, "httpclient.httpcon[0]");
        assertTrue(p.expected().startsWith("connection 'a' has no url"), p.expected());
    }

    @Test
    void invalidValuesNameTheLineTheConnectionAndTheParameter() {
        ConfigValidationException e = failing("httpclient.httpcon[0]", "apifour=>http://h;timeout=soon;maxdatasize=-1");
        ConfigProblem timeout = problemAt(e, "httpclient.httpcon[0] (apifour) timeout");
        assertEquals("soon", timeout.value());
        assertEquals("expected a duration: 2 (seconds), 2s, 1500ms or 1m, at most 24 days; 0 = no deadline", timeout.expected());
        ConfigProblem size = problemAt(e, "httpclient.httpcon[0] (apifour) maxdatasize");
        assertEquals("-1", size.value());
        assertTrue(size.expected().startsWith("must not be negative"), size.expected());
    }
}
