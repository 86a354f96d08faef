package dev.httpcon.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.ReferenceServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request input from an untrusted source (a SIP header copied into a path, a header value from a
 * caller): CR, LF or NUL, oversized headers, other schemes, userinfo in a path. Each is refused
 * with code 3 (or -1 for {@code http_client_query}) or an {@link IllegalArgumentException} that
 * says why, and nothing reaches any server; or, for a path that only looks like another target,
 * the request stays on the connection's own server.
 */
class HostileInputTest {

    private static ReferenceServer server;
    private static ReferenceServer evil;
    private static StandaloneHttpCon http;
    private static HttpConnection api;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start();
        evil = ReferenceServer.start();
        http = StandaloneHttpCon.start(Map.of("httpclient.httpcon", "api=>" + server.url() + "/api;timeout=2s"));
        api = http.connection("api");
    }

    @AfterAll
    static void stop() {
        http.close();
        evil.close();
        server.close();
    }

    @AfterEach
    void nothingEverReachesTheOtherServer() {
        assertEquals(0, evil.acceptedConnections(), "the other server was reached: " + evil.requests());
        server.reset();
    }

    /** Runs {@code action} and checks that no connection was made to the server meanwhile. */
    private static <T> T nothingSent(java.util.function.Supplier<T> action) {
        int before = server.acceptedConnections();
        T out = action.get();
        assertEquals(before, server.acceptedConnections(), "a connection was made");
        assertTrue(server.requests().isEmpty(), "a request arrived: " + server.requests());
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\rb", "/a\nb", "/a\u0000b", "/x\r\nHost: evil", "/x HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET /y",
        "/a\tb", "/\u007f", "/%0", "?q=\r\n"})
    void controlCharactersInAPathAreCode3(String path) {
        HttpResult r = nothingSent(() -> api.get(path));

        assertEquals(3, r.code(), r.toString());
        assertEquals(CurlError.URL_MALFORMAT, r.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-A\r\nX-B", "X-A\n", "X\u0000", "Bad Name", "", "X:Y", "\u00c4rger"})
    void aBadHeaderNameIsRefusedBeforeAnythingIsSent(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpRequest.builder("GET", "/x").header(name, "v"));
        assertTrue(e.getMessage().contains("header name must be an HTTP token"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v\r\nX-Injected: 1", "v\n", "v\r", "v\u0000w"})
    void crLfOrNulInAHeaderValueIsRefusedBeforeAnythingIsSent(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpRequest.builder("GET", "/x").header("X-Value", value));
        assertTrue(e.getMessage().contains("header injection refused"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpRequest.post("/x", "text/plain" + value, "body"));
    }

    @Test
    void aMethodThatIsNotATokenIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HttpRequest.builder("GET /x HTTP/1.1\r\nX:", "/"));
        assertThrows(IllegalArgumentException.class, () -> HttpRequest.builder("", "/"));
    }

    @Test
    void oversizedHeadersAreRefused() {
        String tooLong = "v".repeat(HttpRequest.MAX_HEADER_LENGTH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpRequest.builder("GET", "/x").header("X-Big", tooLong));
        assertTrue(e.getMessage().contains("at most " + HttpRequest.MAX_HEADER_LENGTH), e.getMessage());

        HttpRequest.Builder many = HttpRequest.builder("GET", "/x");
        for (int i = 0; i < HttpRequest.MAX_HEADERS; i++) {
            many.header("X-" + i, "v");
        }
        e = assertThrows(IllegalArgumentException.class, () -> many.header("X-One-Too-Many", "v"));
        assertTrue(e.getMessage().contains("more than " + HttpRequest.MAX_HEADERS), e.getMessage());

        // The largest allowed header is still sent, whole.
        String largest = "v".repeat(HttpRequest.MAX_HEADER_LENGTH - 5);
        HttpResult big = api.send(HttpRequest.builder("GET", "/echo").header("X-Big", largest).build());
        // An HTTP answer, not a transport error (the reference server has no /api/echo: 404) ...
        assertEquals(404, big.code(), big.toString());
        // ... to a request that carried the whole header.
        assertEquals(largest, server.lastRequest().header("X-Big"));
    }

    @Test
    void queryHeaderLinesThatSmuggleOrOverflowAreInvalid() {
        String url = server.url("/echo").toString();
        for (String lines : new String[] {"X-A: 1\rX-B: 2", "X-A: 1\u0000", "no colon here", "Bad Name: x",
            "X-Big: " + "v".repeat(HttpRequest.MAX_HEADER_LENGTH), "X-A: 1\n".repeat(HttpRequest.MAX_HEADERS + 1)}) {
            HttpResult r = nothingSent(() -> http.query().query(url, null, lines));
            assertEquals(-1, r.code(), r.toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"ftp://127.0.0.1/x|1", "file:///etc/passwd|1", "gopher://127.0.0.1:70/|1",
        "javascript:alert(1)|1", "ldap://127.0.0.1/|1", "127.0.0.1/no-scheme|3", "''|-1", "'  '|-1"})
    void aQueryToAnythingButHttpSendsNothing(String url, int code) {
        HttpResult r = nothingSent(() -> http.query().query(url));
        assertEquals(code, r.code(), r.toString());
        assertNull(r.effectiveUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"@EVIL/x", "//EVIL/x", "/@EVIL/x", "user:pw@EVIL/x", "http://EVIL/x", "https://EVIL/x",
        "ftp://EVIL/x", "\\\\EVIL/x", "/..//EVIL/x", "#@EVIL/x", "%2F%2FEVIL/x"})
    void aPathCannotSendTheRequestAnywhereElse(String template) {
        String path = template.replace("EVIL", "127.0.0.1:" + evil.port());

        HttpResult r = api.get(path);

        assertTrue(r.code() == 3 || r.status() >= 400, "refused, or answered by the connection's own server: " + r);
        if (r.code() != 3) {
            assertEquals("127.0.0.1", r.effectiveUrl().getHost());
            assertEquals(server.port(), r.effectiveUrl().getPort());
            assertNull(r.effectiveUrl().getRawUserInfo());
            assertTrue(r.effectiveUrl().getRawPath().startsWith("/api"), r.effectiveUrl().toString());
        }
    }
}
