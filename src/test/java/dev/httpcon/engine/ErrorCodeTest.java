package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.testing.RawServer;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.TestSettings;
import dev.httpcon.testing.Timing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every transport failure maps to libcurl 7.88's code, each against a real misbehaving peer. */
class ErrorCodeTest extends EngineTestBase {

    private HttpResult send(RawServer server, HttpRequest request) {
        return engine().execute(TestSettings.connection("raw", server.url("")).timeout(Timing.IN_TIME).build(), request);
    }

    private HttpResult sendGet(RawServer.Script script) {
        return send(use(RawServer.start(script)), HttpRequest.get("/x"));
    }

    private static void assertCode(int code, HttpResult r) {
        assertEquals(code, r.code(), r.toString());
        assertEquals(CurlError.of(code), r.error());
        assertTrue(r.message() != null && !r.message().isBlank());
        assertNull(r.effectiveUrl());
    }

    @Test
    void connectionRefusedIs7() {
        int port = RefusedPort.shared().port();
        HttpResult r = get(TestSettings.connection("refused", "http://127.0.0.1:" + port).build(), "/json");

        assertCode(7, r);
        assertEquals("Couldn't connect to server", r.errorText());
        assertTrue(r.message().contains("127.0.0.1 port " + port), r.message());
    }

    @Test
    void anUnknownHostIs6() {
        HttpResult r = get(TestSettings.connection("dns", "http://no-such-host.invalid:8080").build(), "/json");

        assertCode(6, r);
        assertEquals("Could not resolve host: no-such-host.invalid", r.message());
    }

    @Test
    void nothingReceivedIs52() {
        assertCode(52, sendGet(c -> c.readHead()));
    }

    @Test
    void aResetBeforeTheResponseIs56() {
        assertCode(56, sendGet(c -> {
            c.readHead();
            c.reset();
        }));
    }

    @Test
    void aResetInTheBodyIs56() {
        HttpResult r = sendGet(c -> {
            c.readHead();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
            Thread.sleep(50);
            c.reset();
        });

        assertCode(56, r);
        assertEquals(200, r.status(), "the status arrived before the failure");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Content-Length body cut    | HTTP/1.1 200 OK\\r\\nContent-Length: 100\\r\\n\\r\\n0123456789",
        "chunked body cut           | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nhello\\r\\n",
    })
    void aTruncatedBodyIs18(String name, String raw) {
        HttpResult r = sendGet(RawServer.reply(unescape(raw)));

        assertCode(18, r);
        assertEquals("Transferred a partial file", r.errorText());
        assertEquals(200, r.status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no status line (HTTP/0.9)  | FooBar\\r\\n",
        "four-digit status          | HTTP/1.1 2000 OK\\r\\nContent-Length: 0\\r\\n\\r\\n",
        "two-digit status           | HTTP/1.1 99 Odd\\r\\nContent-Length: 0\\r\\n\\r\\n",
        "HTTP/2.0 over HTTP/1       | HTTP/2.0 200 OK\\r\\nContent-Length: 0\\r\\n\\r\\n",
        "binary garbage             | \\u0000\\u0001\\u0002garbage\\r\\n\\r\\n",
    })
    void aMalformedStatusLineIs1(String name, String raw) {
        HttpResult r = sendGet(RawServer.reply(unescape(raw)));

        assertCode(1, r);
        assertEquals("Unsupported protocol", r.errorText());
    }

    @Test
    void aHeaderWithoutColonIs8() {
        HttpResult r = sendGet(RawServer.reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nNoColonHere\r\n\r\nok"));

        assertCode(8, r);
        assertEquals("Weird server reply", r.errorText());
    }

    @Test
    void malformedChunkCodingIs56() {
        assertCode(56, sendGet(RawServer.reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n")));
    }

    @Test
    void headersEndedByACloseLeaveTheBodyMissing() {
        // The end of the stream ends the head too (HttpClient's parser); the promised body is then missing.
        assertCode(18, sendGet(RawServer.reply("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n")));
    }

    @Test
    void aFailedUploadIs55() {
        RawServer refusing = use(RawServer.start(c -> {
            c.readHead();
            c.reset();
        }));

        HttpResult r = send(refusing, HttpRequest.post("/upload", "application/octet-stream", new byte[32 << 20]));

        assertCode(55, r);
        assertEquals("Failed sending data to the peer", r.errorText());
    }

    @Test
    void headersTheApiRefusesAreDroppedNotFatal() {
        HttpResult r = sendGet(RawServer.reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Ok: fine\r\n"
                + "Bad Name: x\r\n\r\nok"));

        assertEquals(200, r.code(), r.toString());
        assertEquals("fine", r.header("X-Ok"));
        assertNull(r.header("Bad Name"));
        assertEquals("ok", r.bodyText());
    }

    @Test
    void aClosedEngineAnswersFailedInitialization() {
        dev.httpcon.config.ConnectionSettings configured = TestSettings.connection("api", "http://127.0.0.1:9/").build();
        HttpEngine engine = new HttpEngine(TestSettings.settings(configured));
        engine.close();

        // the configured connection (its transport is prepared at construction) and any other
        for (dev.httpcon.config.ConnectionSettings c : java.util.List.of(configured,
                TestSettings.connection("other", "http://127.0.0.1:9/").build())) {
            HttpResult r = engine.execute(c, HttpRequest.get("/x"));
            assertEquals(2, r.code(), r.toString());
            assertEquals(CurlError.FAILED_INIT, r.error());
        }
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000").replace("\\u0001", "\u0001")
                .replace("\\u0002", "\u0002");
    }
}
