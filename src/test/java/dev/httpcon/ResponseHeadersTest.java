package dev.httpcon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.RawServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A response may repeat a header: every line reaches the result, in order, and is found by name
 * whatever its case. The server writes its head byte for byte, names in mixed case.
 */
class ResponseHeadersTest {

    private static final String RESPONSE = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/plain\r\n"
            + "Set-Cookie: session=s1; Path=/; HttpOnly\r\n"
            + "X-Trace: t1\r\n"
            + "set-cookie: theme=dark\r\n"
            + "Link: <https://api.example/next>; rel=next\r\n"
            + "SET-COOKIE: lang=en\r\n"
            + "Content-Length: 2\r\n"
            + "Connection: close\r\n"
            + "\r\n"
            + "ok";

    @Test
    void repeatedHeadersArriveWholeInOrderAndAreFoundIgnoringCase() {
        try (RawServer server = RawServer.start(RawServer.reply(RESPONSE));
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon", "api=>" + server.url("/")))) {
            HttpResult r = http.connection("api").get("/login");
            assertEquals(200, r.code(), r.toString());
            ResponseHeaders h = r.headers();

            assertEquals(8, h.size());
            assertEquals("session=s1; Path=/; HttpOnly", h.first("set-COOKIE"));
            assertEquals("session=s1; Path=/; HttpOnly", r.header("Set-Cookie"));
            assertEquals(List.of("session=s1; Path=/; HttpOnly", "theme=dark", "lang=en"), h.all("Set-Cookie"));
            assertEquals(List.of("t1"), h.all("x-trace"));
            assertEquals(List.of("Content-Type", "Set-Cookie", "X-Trace", "Link", "Content-Length", "Connection"),
                    h.names());
            assertTrue(h.contains("LINK"));
            assertFalse(h.contains("Location"));
            assertNull(h.first("Location"));
            assertEquals(List.of(), h.all("Location"));

            List<String> lines = new ArrayList<>();
            for (HttpRequest.Header line : h) {
                lines.add(line.name() + ": " + line.value());
            }
            assertEquals(List.of(RESPONSE.substring(RESPONSE.indexOf('\n') + 1, RESPONSE.indexOf("\r\n\r\n"))
                    .split("\r\n")), lines, "every line, as received");
            assertEquals(lines.size(), h.asList().size());
            assertEquals("set-cookie", h.asList().get(3).name());
        }
    }

    @Test
    void valuesComeBackReadOnlyAndToStringMasksCookies() {
        ResponseHeaders h = HttpResult.builder().status(200)
                .header("Set-Cookie", "session=secret-1").header("set-cookie", "b=2").header("X-A", "1")
                .build().headers();
        assertThrows(UnsupportedOperationException.class, () -> h.all("Set-Cookie").add("c=3"));
        assertThrows(UnsupportedOperationException.class, () -> h.names().add("Y"));
        assertThrows(UnsupportedOperationException.class, () -> h.asList().add(new HttpRequest.Header("Y", "1")));
        assertEquals("[Set-Cookie: ****, set-cookie: ****, X-A: 1]", h.toString());
    }

    @Test
    void aBuilderKeepsAddingWithoutChangingWhatItBuilt() {
        HttpResult.Builder b = HttpResult.builder().status(200).header("X-A", "1");
        HttpResult first = b.build();
        HttpResult second = b.header("X-A", "2").build();
        HttpResult third = second.toBuilder().header("X-B", "3").build();

        assertEquals(List.of("1"), first.headers().all("X-A"));
        assertEquals(List.of("1", "2"), second.headers().all("X-A"));
        assertEquals(2, second.headers().size());
        assertEquals(List.of("X-A", "X-B"), third.headers().names());
        assertEquals(second.headers(), HttpResult.builder().status(200).header("X-A", "1").header("X-A", "2").build()
                .headers());
    }

    @Test
    void aCopyOfAResultSharesWhatItDoesNotChangeAndChangesNothingOfTheOriginal() throws Exception {
        HttpResult original = HttpResult.builder().status(200).header("X-A", "1")
                .redirect(new RedirectHop(new java.net.URI("http://h/a"), 302, new java.net.URI("http://h/b")))
                .attempts(List.of(new Attempt("a", 7, java.time.Duration.ZERO, false))).build();
        HttpResult same = original.toBuilder().elapsed(java.time.Duration.ofMillis(5)).build();
        assertSame(original.headers(), same.headers());
        assertSame(original.redirects(), same.redirects());
        assertSame(original.attempts(), same.attempts());

        HttpResult changed = original.toBuilder().header("X-B", "2")
                .redirect(new RedirectHop(new java.net.URI("http://h/b"), 301, new java.net.URI("http://h/c")))
                .attempts(List.of(new Attempt("b", 200, java.time.Duration.ZERO, true))).build();
        assertEquals(List.of("X-A"), original.headers().names());
        assertEquals(1, original.redirects().size());
        assertEquals("a", original.attempts().get(0).connection());
        assertEquals(List.of("X-A", "X-B"), changed.headers().names());
        assertEquals(2, changed.redirects().size());
        assertEquals("b", changed.attempts().get(0).connection());
        assertThrows(UnsupportedOperationException.class, () -> changed.attempts().clear());
        assertThrows(UnsupportedOperationException.class, () -> changed.redirects().clear());
    }

    @Test
    void aHeaderThatCouldNotBeSentIsRefused() {
        HttpResult.Builder b = HttpResult.builder().status(200);
        assertThrows(IllegalArgumentException.class, () -> b.header("Bad Name", "v"));
        assertThrows(IllegalArgumentException.class, () -> b.header("X-A", "v\r\nX-B: smuggled"));
        assertTrue(b.build().headers().isEmpty());
    }
}
