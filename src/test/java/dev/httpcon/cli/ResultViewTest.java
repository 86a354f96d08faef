package dev.httpcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.Attempt;
import dev.httpcon.CurlError;
import dev.httpcon.HttpResult;
import dev.httpcon.RedirectHop;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A result as a JSON line (the documented contract) and as text. */
class ResultViewTest {

    private static final List<String> CONTRACT = List.of("cmd", "code", "status", "error", "body", "contentType",
            "protocol", "effectiveUrl", "redirects", "servedBy", "elapsedMs", "message", "sent", "attempts");

    @Test
    void aResponseHasEveryFieldInTheDocumentedOrder() {
        HttpResult r = HttpResult.builder().status(200).contentType("application/json")
                .body("{\"n\":1}\n".getBytes(StandardCharsets.UTF_8))
                .effectiveUrl(URI.create("http://h/b"))
                .redirect(new RedirectHop(URI.create("http://h/a"), 302, URI.create("http://h/b")))
                .protocol(HttpResult.HTTP_2).servedBy("api").elapsed(Duration.ofMillis(12)).build();
        Map<String, Object> m = ResultView.json("connect api /a", r, false, false);
        assertEquals(CONTRACT, List.copyOf(m.keySet()));
        assertEquals("{\"cmd\":\"connect api /a\",\"code\":200,\"status\":200,\"error\":\"HTTP result code\","
                + "\"body\":\"{\\\"n\\\":1}\\n\",\"contentType\":\"application/json\",\"protocol\":\"HTTP/2\",\"effectiveUrl\":\"http://h/b\","
                + "\"redirects\":[{\"from\":\"http://h/a\",\"status\":302,\"to\":\"http://h/b\"}],\"servedBy\":\"api\","
                + "\"elapsedMs\":12,\"message\":null,\"sent\":true,\"attempts\":[]}", Json.write(m));
    }

    @Test
    void includeShowsEveryResponseHeaderRepeatsIncluded() {
        HttpResult r = HttpResult.builder().status(200).contentType("text/plain").body(new byte[] {'o', 'k'})
                .header("Content-Type", "text/plain").header("Set-Cookie", "a=1").header("X-Trace", "t1")
                .header("set-cookie", "b=2").build();

        Map<String, Object> m = ResultView.json("c", r, false, true);
        assertEquals(List.of("cmd", "code", "status", "error", "body", "contentType", "protocol", "headers"),
                List.copyOf(m.keySet()).subList(0, 8));
        assertEquals("{\"Content-Type\":[\"text/plain\"],\"Set-Cookie\":[\"a=1\",\"b=2\"],\"X-Trace\":[\"t1\"]}",
                Json.write(m.get("headers")));
        assertTrue(ResultView.text(r, false, true).contains("type      text/plain\n"
                + "header    Content-Type: text/plain\n"
                + "header    Set-Cookie: a=1\n"
                + "header    X-Trace: t1\n"
                + "header    set-cookie: b=2\n"), ResultView.text(r, false, true));
        assertFalse(ResultView.json("c", r, false, false).containsKey("headers"));
        assertFalse(ResultView.text(r, false, false).contains("header "));
    }

    @Test
    void aBodyThatIsNotUtf8ComesAlsoInBase64() {
        byte[] bytes = {(byte) 0xff, (byte) 0xfe, 0x41, 0x0a, (byte) 0xc3, 0x28};
        HttpResult r = HttpResult.builder().status(200).contentType("application/octet-stream").body(bytes).build();
        Map<String, Object> m = ResultView.json("c", r, false, false);
        assertEquals(Base64.getEncoder().encodeToString(bytes), m.get("bodyBase64"));
        assertEquals(List.of("cmd", "code", "status", "error", "body", "bodyBase64", "contentType"),
                List.copyOf(m.keySet()).subList(0, 7));
        assertEquals(r.bodyText(), m.get("body"));
        assertTrue(ResultView.text(r, false, false).contains("body      (6 bytes, not UTF-8 text: --json gives them in base64)"));
        // valid UTF-8, also outside the BMP, needs no base64
        HttpResult utf8 = HttpResult.builder().status(200).body("é 😀".getBytes(StandardCharsets.UTF_8)).build();
        assertFalse(ResultView.json("c", utf8, false, false).containsKey("bodyBase64"));
        assertEquals("é 😀", ResultView.json("c", utf8, false, false).get("body"));
    }

    @Test
    void aDeclaredCharsetDecodesTheBody() {
        HttpResult latin1 = HttpResult.builder().status(200).contentType("text/plain; charset=ISO-8859-1")
                .body(new byte[] {'c', 'a', 'f', (byte) 0xe9}).build();
        Map<String, Object> m = ResultView.json("c", latin1, false, false);
        assertEquals("café", m.get("body"));
        assertEquals("Y2Fm6Q==", m.get("bodyBase64"), "the bytes are not UTF-8, so they come too");
        assertTrue(ResultView.text(latin1, false, false).contains("body      café"));
    }

    @Test
    void aTransportErrorHasNoStatusAndTheCurlText() {
        HttpResult r = HttpResult.builder().error(CurlError.OPERATION_TIMEDOUT, "Operation timed out after 500 milliseconds")
                .servedBy("slow").elapsed(Duration.ofMillis(501)).build();
        Map<String, Object> m = ResultView.json("connect slow /", r, false, false);
        assertEquals(28, m.get("code"));
        assertNull(m.get("status"));
        assertEquals("Timeout was reached", m.get("error"));
        assertEquals("", m.get("body"));
        assertNull(m.get("effectiveUrl"));
        assertEquals("Operation timed out after 500 milliseconds", m.get("message"));
        String text = ResultView.text(r, false, false);
        assertTrue(text.startsWith("code      28 (Timeout was reached)\nserved by slow\n"), text);
        assertTrue(text.contains("message   Operation timed out after 500 milliseconds\n"), text);
    }

    @Test
    void failoverAttemptsAreListed() {
        HttpResult r = HttpResult.builder().status(200).servedBy("backup")
                .attempts(List.of(new Attempt("primary", 7, Duration.ofMillis(3), false), new Attempt("backup", 200,
                        Duration.ofMillis(9)))).build();
        assertEquals(List.of(Map.of("connection", "primary", "code", 7, "error", "Couldn't connect to server",
                        "elapsedMs", 3L, "sent", false), Map.of("connection", "backup", "code", 200, "error",
                        "HTTP result code", "elapsedMs", 9L, "sent", true)),
                ResultView.json("c", r, false, false).get("attempts"));
        assertTrue(ResultView.text(r, false, false).contains(
                "attempts  primary 7 (Couldn't connect to server, 3 ms, not sent), then backup 200 (9 ms)\n"));
    }

    @Test
    void anInvalidCallHasCodeMinusOneAndItsReason() {
        HttpResult r = HttpResult.invalid("no connection named 'x'; defined: [a]");
        Map<String, Object> m = ResultView.json("connect x /", r, false, false);
        assertEquals(-1, m.get("code"));
        assertEquals("Bad CURL error code", m.get("error"));
        assertNull(m.get("servedBy"));
        assertEquals("no connection named 'x'; defined: [a]", m.get("message"));
    }

    @Test
    void aQueryGivesTheFirstLine() {
        byte[] body = "line1\r\nline2\n".getBytes(StandardCharsets.UTF_8);
        HttpResult r = HttpResult.builder().status(200).body(body).build();
        assertEquals("line1", ResultView.json("q", r, true, false).get("body"));
        assertTrue(ResultView.text(r, true, false).endsWith("result    line1\n"));
        byte[] binary = {'o', 'k', '\n', (byte) 0xff};
        Map<String, Object> m = ResultView.json("q", HttpResult.builder().status(200).body(binary).build(), true, false);
        assertEquals("ok", m.get("body"));
        assertEquals(Base64.getEncoder().encodeToString(binary), m.get("bodyBase64"), "the complete body");
    }

    @Test
    void textShowsAMultiLineBodyBelowItsLabel() {
        HttpResult r = HttpResult.builder().status(200).body("a\nb\n".getBytes(StandardCharsets.UTF_8)).build();
        assertTrue(ResultView.text(r, false, false).endsWith("body\na\nb\n"));
        HttpResult empty = HttpResult.builder().status(204).build();
        assertTrue(ResultView.text(empty, false, false).endsWith("body      (empty)\n"));
    }
}
