package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpResult;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.TestSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** http_client_query(url, [post], [hdrs]): any URL with the global settings. */
class QueryTest extends EngineTestBase {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();

    private final HttpEngine engine = engine(TestSettings.globals().userAgent("GlobalAgent/3").build());

    private String url(String path) {
        return server.url(path).toString();
    }

    @Test
    void getWithTheGlobals() {
        HttpResult r = engine.query(url("/multiline"), null, null);

        assertEquals(200, r.code());
        assertEquals("line1", r.firstLine());
        assertEquals(HttpEngine.QUERY_NAME, r.servedBy());
        RecordedRequest seen = server.lastRequest();
        assertEquals("GET", seen.method());
        assertEquals("GlobalAgent/3", seen.header("User-Agent"));
        assertEquals("*/*", seen.header("Accept"));
    }

    @Test
    void postWithFormContentTypeByDefault() {
        HttpResult r = engine.query(url("/echo"), "a=1&b=2", null);

        assertEquals(200, r.code());
        RecordedRequest seen = server.lastRequest();
        assertEquals("POST", seen.method());
        assertEquals("a=1&b=2", seen.bodyText());
        assertEquals("application/x-www-form-urlencoded", seen.header("Content-Type"));
        assertEquals("7", seen.header("Content-Length"));
    }

    @Test
    void aHeaderLineSetsTheContentType() {
        engine.query(url("/echo"), "{}", "Content-Type: application/json\r\nX-A: 1");

        RecordedRequest seen = server.lastRequest();
        assertEquals(List.of("application/json"), seen.headerValues("Content-Type"));
        assertEquals("1", seen.header("X-A"));
    }

    @Test
    void emptyPostDataIsAGet() {
        engine.query(url("/echo"), "", null);

        assertEquals("GET", server.lastRequest().method());
    }

    @Test
    void headerLinesSplitOnCrlfOrLf() {
        engine.query(url("/echo"), null, "X-A: 1\r\nX-B:2\nX-C:   three  \r\n");

        RecordedRequest seen = server.lastRequest();
        assertEquals("1", seen.header("X-A"));
        assertEquals("2", seen.header("X-B"));
        assertEquals("three", seen.header("X-C"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NoColon", "Bad Name: x", ": empty name", "X-A: 1\rX-Injected: 2", "X-A: a\u0000b",
        "X-A: 1\r\n\r\nGET /smuggled HTTP/1.1"})
    void aMalformedHeaderLineIsMinusOneAndNothingIsSent(String lines) {
        HttpResult r = engine.query(url("/echo"), null, lines);

        assertEquals(-1, r.code());
        assertNull(r.error());
        assertEquals("Bad CURL error code", r.errorText());
        assertTrue(server.requests().isEmpty());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void anEmptyUrlIsMinusOne(String url) {
        HttpResult r = engine.query(url, null, null);

        assertEquals(-1, r.code(), r.toString());
        assertTrue(server.requests().isEmpty());
    }

    /** libcurl's answer for a scheme it does not speak: code 1, before anything is sent. */
    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1:PORT/x", "FILE:///etc/passwd", "gopher://127.0.0.1:PORT/",
        "ldap://127.0.0.1:PORT/", "ws://127.0.0.1:PORT/echo", "mailto:someone@example.com", "javascript:alert(1)",
        "ftp://user:pw@127.0.0.1:PORT/x", "httpx://127.0.0.1:PORT/", "ftp://bad host:PORT/x"})
    void anotherSchemeIsCode1UnsupportedProtocol(String template) {
        HttpResult r = engine.query(template.replace("PORT", String.valueOf(server.port())), "a=1", "X-A: 1");

        assertEquals(1, r.code(), r.toString());
        assertEquals(CurlError.UNSUPPORTED_PROTOCOL, r.error());
        assertEquals("Unsupported protocol", r.errorText());
        assertEquals(HttpEngine.QUERY_NAME, r.servedBy());
        assertNull(r.effectiveUrl());
        assertTrue(server.requests().isEmpty(), "nothing sent");
    }

    /** Without a scheme there is no URL to send to (curl would guess http://; httpcon does not guess). */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:PORT/json", "localhost:PORT/json", "/json", "not a url", "http:/json"})
    void aUrlWithoutSchemeIsCode3(String template) {
        HttpResult r = engine.query(template.replace("PORT", String.valueOf(server.port())), null, null);

        assertEquals(3, r.code(), r.toString());
        assertTrue(server.requests().isEmpty(), "nothing sent");
    }

    @Test
    void aMalformedHttpUrlIsCode3() {
        HttpResult r = engine.query("http://127.0.0.1:" + server.port() + "/a b", null, null);

        assertEquals(3, r.code());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void transportErrorsAreCurlCodes() {
        HttpEngine t1 = engine(TestSettings.globals().timeout(Duration.ofSeconds(1)).build());

        assertEquals(28, t1.query(url("/slow?s=3"), null, null).code());
        assertEquals(7, engine.query(RefusedPort.shared().url("/").toString(), null, null).code());
    }

    @Test
    void urlCredentialsAreSentWithBasicOnTheFirstRequest() {
        String base = "http://oracle:secret@127.0.0.1:" + server.port();

        HttpResult basic = engine.query(base + "/basic", null, null);
        HttpResult digest = engine.query(base + "/digest", null, null);

        assertEquals(200, basic.code());
        assertEquals(401, digest.code());
        assertEquals(2, server.requests().size());
        server.requests().forEach(q -> assertEquals("Basic b3JhY2xlOnNlY3JldA==", q.header("Authorization")));
        assertEquals(server.url("/basic"), basic.effectiveUrl());
    }

    @Test
    void encodedUrlCredentialsAreDecoded() {
        engine.query("http://us%40er:p%3Aw+d@127.0.0.1:" + server.port() + "/echo", null, null);

        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("us@er:p:w+d".getBytes()),
                server.lastRequest().header("Authorization"));
    }

    @Test
    void globalsDecideRedirectsSizeAndReuse() {
        HttpEngine strict = engine(TestSettings.globals().followRedirects(false).maxDataSize(50).keepConnections(true)
                .build());

        assertEquals(302, strict.query(url("/redir302a"), null, null).code());
        assertEquals(63, strict.query(url("/large?n=100"), null, null).code());
        strict.query(url("/json"), null, null);
        strict.query(url("/json"), null, null);

        List<RecordedRequest> seen = server.requests();
        assertEquals(seen.get(2).connection(), seen.get(3).connection(), "keep_connections reuses for queries too");
        assertEquals(200, engine.query(url("/redir302a"), null, null).code(), "redirects on by default");
    }
}
