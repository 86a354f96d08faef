package dev.httpcon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.LogCapture;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Default headers of a connection ({@code header.<Name>}), as a caller of the API sees them. */
class DefaultHeadersTest {

    private static final String KEY = "k-7f3a9-secret";

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    @RegisterExtension
    static final ReferenceServerExtension OTHER = new ReferenceServerExtension();

    private StandaloneHttpCon start() {
        return StandaloneHttpCon.start(Map.of(
                "httpclient.httpcon", "api=>" + SERVER.server().url() + ";header.X-Trace=from-line;failover=backup,"
                        + "backup=>" + OTHER.server().url() + ";header.X-Backup=yes",
                "httpclient.connection.api.header.X-Api-Key", KEY,
                "httpclient.connection.api.header.Accept", "application/json"));
    }

    @Test
    void sentWithEveryRequest() {
        try (StandaloneHttpCon http = start()) {
            assertEquals(200, http.connection("api").get("/echo").code());
            RecordedRequest seen = SERVER.server().lastRequest();
            assertEquals(KEY, seen.header("X-Api-Key"));
            assertEquals(List.of("application/json"), seen.headerValues("Accept"), "instead of */*");
            assertEquals("from-line", seen.header("X-Trace"));
        }
    }

    @Test
    void theCallersHeaderWinsWithAllItsLines() {
        try (StandaloneHttpCon http = start()) {
            http.connection("api").send(HttpRequest.builder("GET", "/echo").header("accept", "text/plain")
                    .header("Accept", "text/html").build());
            RecordedRequest seen = SERVER.server().lastRequest();
            assertEquals(List.of("text/plain", "text/html"), seen.headerValues("Accept"));
            assertEquals(KEY, seen.header("X-Api-Key"), "the other defaults stay");
        }
    }

    @Test
    void aCredentialHeaderStaysWithTheOriginOnARedirect() {
        try (StandaloneHttpCon http = start()) {
            String elsewhere = OTHER.server().url("localhost", "/echo").toString();
            HttpResult r = http.connection("api").get("/redirect-to?url="
                    + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8));
            assertEquals(200, r.code(), r.toString());
            RecordedRequest there = OTHER.server().lastRequest();
            assertEquals("/echo", there.path());
            assertNull(there.header("X-Api-Key"), "an API key never follows a redirect to another host");
            assertEquals("application/json", there.header("Accept"), "a plain header does");
        }
    }

    @Test
    void eachConnectionSendsItsOwnDefaultsOnAFailoverHop() {
        try (StandaloneHttpCon http = start()) {
            HttpResult r = http.connection("api").get("/status?code=503");
            assertEquals("backup", r.servedBy());
            RecordedRequest backup = OTHER.server().lastRequest();
            assertEquals("yes", backup.header("X-Backup"));
            assertNull(backup.header("X-Api-Key"), "api's key is api's, not its backup's");
        }
    }

    @Test
    void aCredentialHeadersValueIsNeverShown() {
        try (LogCapture logs = LogCapture.start(); StandaloneHttpCon http = start()) {
            ConnectionInfo info = http.connection("api").info();
            assertEquals(java.util.Set.of("X-Trace: from-line", "X-Api-Key: ****", "Accept: application/json"),
                    java.util.Set.copyOf(info.headers()));
            http.connection("api").get("/echo");
            assertFalse(info.toString().contains(KEY));
            assertFalse(http.connections().list().toString().contains(KEY));
            assertFalse(logs.text().contains(KEY), "logs");
        }
    }

    @Test
    void headersWithGetPostAndConnect() {
        try (StandaloneHttpCon http = start()) {
            HttpConnection api = http.connection("api");
            api.get("/echo?x=1", Map.of("X-Api-Key", "caller-key", "X-Trace", "t1"));
            RecordedRequest get = SERVER.server().lastRequest();
            assertEquals("GET", get.method());
            assertEquals(List.of("caller-key"), get.headerValues("X-Api-Key"), "the caller's wins over the default");
            assertEquals("t1", get.header("X-Trace"));

            api.post("/echo", "application/json", "{\"a\":1}", Map.of("Idempotency-Key", "42"));
            RecordedRequest post = SERVER.server().lastRequest();
            assertEquals("POST", post.method());
            assertEquals("42", post.header("Idempotency-Key"));
            assertEquals("application/json", post.header("Content-Type"));
            assertEquals("{\"a\":1}", new String(post.body(), StandardCharsets.UTF_8));

            http.connections().connect("api", "/echo", null, null, Map.of("X-Trace", "t2"));
            assertEquals("t2", SERVER.server().lastRequest().header("X-Trace"));
            assertEquals(-1, http.connections().connect("nosuch", "/echo", null, null, Map.of()).code());

            int before = SERVER.server().requests().size();
            IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> api.get("/echo", Map.of("X-Evil", "a\r\nHost: elsewhere")));
            assertTrue(bad.getMessage().contains("CR, LF or NUL"), bad.getMessage());
            assertEquals(before, SERVER.server().requests().size(), "nothing sent");
        }
    }
}
