package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What goes on the wire for each kind of request, and what comes back in the result. */
class RequestShapeTest extends EngineTestBase {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();

    private final HttpEngine engine = engine();
    private final ConnectionSettings srv = TestSettings.connection("srv", server.url()).build();

    @Test
    void getSendsUserAgentAndAcceptOnly() {
        HttpResult r = engine.execute(srv, HttpRequest.get("/json"));

        assertEquals(200, r.code());
        assertEquals("{\"status\":\"ok\",\"n\":1}", r.bodyText());
        assertEquals("application/json", r.contentType());
        assertEquals("srv", r.servedBy());
        assertEquals(server.url("/json"), r.effectiveUrl());
        assertTrue(r.elapsed().toNanos() > 0);
        RecordedRequest seen = server.lastRequest();
        assertEquals("GET", seen.method());
        assertEquals(TestSettings.USER_AGENT, seen.header("User-Agent"));
        assertEquals("*/*", seen.header("Accept"));
        // Nothing HttpClient would add on its own: no compression, cookies, keep-alive or type.
        assertEquals(java.util.List.of("User-Agent", "Accept", "Host"), seen.headerNames());
    }

    @Test
    void postSendsBodyAndContentType() {
        HttpResult r = engine.execute(srv, HttpRequest.post("/echo", "application/json", "{\"k\":\"v\"}"));

        assertEquals(200, r.code());
        RecordedRequest seen = server.lastRequest();
        assertEquals("POST", seen.method());
        assertEquals("{\"k\":\"v\"}", seen.bodyText());
        assertEquals("application/json", seen.header("Content-Type"));
        assertEquals("9", seen.header("Content-Length"));
        assertNull(seen.header("Transfer-Encoding"));
        assertNull(seen.header("Expect"));
    }

    @Test
    void emptyPostIsAPost() {
        engine.execute(srv, HttpRequest.post("/echo", "text/plain", ""));

        RecordedRequest seen = server.lastRequest();
        assertEquals("POST", seen.method());
        assertEquals("0", seen.header("Content-Length"));
        assertEquals("text/plain", seen.header("Content-Type"));
    }

    @Test
    void contentTypeOnlyWithABody() {
        engine.execute(srv, HttpRequest.builder("GET", "/echo").header("Content-Type", "text/plain").build());

        assertNull(server.lastRequest().header("Content-Type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS"})
    void anyMethodWithHeadersAndBody(String method) {
        HttpRequest req = HttpRequest.builder(method, "/echo")
                .header("X-Trace", "t-1")
                .header("X-Multi", "a")
                .header("X-Multi", "b")
                .body("application/json", "{\"m\":1}")
                .build();

        HttpResult r = engine.execute(srv, req);

        assertEquals(200, r.code());
        RecordedRequest seen = server.lastRequest();
        assertEquals(method, seen.method());
        assertEquals("t-1", seen.header("X-Trace"));
        assertEquals(java.util.List.of("a", "b"), seen.headerValues("X-Multi"));
        assertEquals("{\"m\":1}", seen.bodyText());
        assertEquals("application/json", seen.header("Content-Type"));
    }

    @Test
    void headHasStatusAndHeadersButNoBody() {
        HttpResult r = engine.execute(srv, HttpRequest.builder("HEAD", "/large?n=5000").build());

        assertEquals(200, r.code());
        assertEquals(0, r.bodyLength());
        assertEquals("5000", r.header("Content-Length"));
        assertEquals("HEAD", server.lastRequest().method());
    }

    @Test
    void getWithABodyIsSentAsIs() {
        // The original's http_client_get(url, body, hdrs): a GET that carries a body.
        engine.execute(srv, HttpRequest.builder("GET", "/echo").header("X-G", "1")
                .body("application/x-www-form-urlencoded", "bodyX").build());

        RecordedRequest seen = server.lastRequest();
        assertEquals("GET", seen.method());
        assertEquals("bodyX", seen.bodyText());
        assertEquals("1", seen.header("X-G"));
        assertEquals("application/x-www-form-urlencoded", seen.header("Content-Type"));
    }

    @Test
    void callerHeadersReplaceDefaultsButNotFraming() {
        engine.execute(srv, HttpRequest.builder("POST", "/echo")
                .header("User-Agent", "Custom/2")
                .header("Accept", "application/json")
                .header("Content-Length", "999")
                .body("text/plain", "abc").build());

        RecordedRequest seen = server.lastRequest();
        assertEquals(java.util.List.of("Custom/2"), seen.headerValues("User-Agent"));
        assertEquals(java.util.List.of("application/json"), seen.headerValues("Accept"));
        assertEquals("3", seen.header("Content-Length"));
        assertEquals("abc", seen.bodyText());
    }

    @Test
    void userAgentIsTheConnections() {
        ConnectionSettings ua = TestSettings.connection("uacon", server.url()).userAgent("OracleAgent/1.0").build();

        engine.execute(ua, HttpRequest.get("/echo"));

        assertEquals("OracleAgent/1.0", server.lastRequest().header("User-Agent"));
    }

    @Test
    void bodyKeptForEveryStatusWithHeaders() {
        HttpResult r = engine.execute(srv, HttpRequest.get("/unavail503"));

        assertEquals(503, r.code());
        assertEquals(503, r.status());
        assertEquals(CurlError.OK, r.error());
        assertEquals("service unavailable body\n", r.bodyText());
        assertEquals("1", r.header("Retry-After"));
        assertTrue(r.isFailure());
        assertEquals(1, server.requests().size(), "no automatic retry, Retry-After or not");
    }

    @Test
    void noCookieStore() {
        ConnectionSettings kept = TestSettings.connection("kept", server.url()).keepConnections(true).build();

        engine.execute(kept, HttpRequest.get("/headers?h=Set-Cookie:session%3Dabc%3B%20Path%3D%2F"));
        engine.execute(kept, HttpRequest.get("/echo"));

        assertEquals("session=abc; Path=/", engine.execute(kept, HttpRequest.get(
                "/headers?h=Set-Cookie:session%3Dabc%3B%20Path%3D%2F")).header("Set-Cookie"));
        assertNull(server.requests().get(1).header("Cookie"));
    }

    @Test
    void noTransparentDecompression() throws Exception {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write("compressed".getBytes(StandardCharsets.UTF_8));
        }
        server.route("/gzip", ex -> ex.respond(200, "text/plain", gz.toByteArray(), "Content-Encoding", "gzip"));

        HttpResult r = engine.execute(srv, HttpRequest.get("/gzip"));

        assertArrayEquals(gz.toByteArray(), r.body());
        assertEquals("gzip", r.header("Content-Encoding"));
        assertNull(server.lastRequest().header("Accept-Encoding"));
    }

    @Test
    void connectIsNotARequestTheEngineSends() {
        HttpResult r = engine.execute(srv, HttpRequest.builder("CONNECT", "/").build());

        assertEquals(-1, r.code());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void aClosedEngineAnswersCode2() {
        HttpEngine closed = new HttpEngine(TestSettings.settings(srv));
        closed.close();
        closed.close();

        HttpResult r = closed.execute(srv, HttpRequest.get("/json"));

        assertEquals(2, r.code());
        assertEquals(2, closed.query(server.url("/json").toString(), null, null).code());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void responseHeadersInOrderWithRepeats() {
        HttpResult r = engine.execute(srv, HttpRequest.get("/headers?h=X-A:1&h=X-B:2&h=X-A:3"));

        assertEquals("1", r.header("x-a"));
        assertEquals(java.util.List.of("1", "3"), r.headers().asList().stream().filter(h -> h.name().equals("X-A"))
                .map(HttpRequest.Header::value).toList());
    }

    @Test
    void bytesAndCharsetsComeBackExactly() {
        HttpResult raw = engine.execute(srv, HttpRequest.get("/nonutf8"));
        HttpResult text = engine.execute(srv, HttpRequest.get("/charset"));

        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x80, 0x41, 0x42, 0x43, 0x0a, (byte) 0xc3, 0x28},
                raw.body());
        assertEquals("héllo wörld\n", text.bodyText());
        assertEquals("text/plain; charset=utf-8", text.contentType());
    }

    @Test
    void pathJoinsWithExactlyOneSlash() {
        ConnectionSettings slash = TestSettings.connection("srvslash", server.url("/base/")).build();

        HttpResult r = engine.execute(slash, HttpRequest.get("/echo"));

        assertEquals(200, r.code());
        assertEquals("/base/echo", server.lastRequest().path());
        assertEquals(server.url("/base/echo"), r.effectiveUrl());
    }

    @Test
    void emptyPathIsTheBaseAndQueryPathAddsAQuery() {
        ConnectionSettings base = TestSettings.connection("b", server.url("/base/echo")).build();

        engine.execute(base, HttpRequest.get(""));
        assertEquals("/base/echo", server.lastRequest().target());

        engine.execute(base, HttpRequest.get("?x=1&y=%2F"));
        assertEquals("/base/echo?x=1&y=%2F", server.lastRequest().target());
    }

    @Test
    void queryPassesThroughAndFragmentIsNotSent() {
        engine.execute(srv, HttpRequest.get("/echo?a=1&b=x%20y&c=%E2%82%AC&d=a+b&e#section"));

        assertEquals("a=1&b=x%20y&c=%E2%82%AC&d=a+b&e", server.lastRequest().query());
    }

    @Test
    void nonAsciiIsPercentEncoded() {
        HttpResult r = engine.execute(srv, HttpRequest.get("/echo/ünï?q=€"));

        assertEquals(404, r.code(), r.toString());   // no such endpoint, but it arrived encoded
        assertEquals("/echo/%C3%BCn%C3%AF", server.lastRequest().path());
        assertEquals("q=%E2%82%AC", server.lastRequest().query());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a b", "/a%zz", "/x\r\nX-Injected: 1", "/nul\u0000"})
    void malformedPathIsCode3AndNothingIsSent(String path) {
        int before = server.acceptedConnections();

        HttpResult r = engine.execute(srv, HttpRequest.get(path));

        assertEquals(3, r.code());
        assertEquals(CurlError.URL_MALFORMAT, r.error());
        assertNull(r.effectiveUrl());
        assertEquals(before, server.acceptedConnections());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void userinfoInAPathCannotChangeTheTarget() {
        ConnectionSettings bare = TestSettings.connection("bare", URI.create("http://127.0.0.1:" + server.port())).build();

        HttpResult r = engine.execute(bare, HttpRequest.get("@evil.invalid/json"));

        assertEquals(404, r.code());
        assertEquals("/@evil.invalid/json", server.lastRequest().path());
        assertEquals("127.0.0.1", r.effectiveUrl().getHost());
        assertEquals(server.port(), r.effectiveUrl().getPort());
    }

    @Test
    void binaryBodyGoesOutByteForByte() {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }

        engine.execute(srv, HttpRequest.post("/echo", "application/octet-stream", body));

        assertArrayEquals(body, server.lastRequest().body());
    }

    @Test
    void textBodyIsUtf8() {
        engine.execute(srv, HttpRequest.post("/echo", "text/plain; charset=utf-8", "äöü €"));

        assertArrayEquals("äöü €".getBytes(StandardCharsets.UTF_8), server.lastRequest().body());
    }
}
