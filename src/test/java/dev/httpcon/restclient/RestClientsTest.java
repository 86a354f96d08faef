package dev.httpcon.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpConTransportException;
import dev.httpcon.Httpcon;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Typed clients without a container: RESTEasy MicroProfile builds them, the connection sends. */
class RestClientsTest {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();
    private Httpcon http;

    @BeforeEach
    void start() {
        http = Httpcon.start(Map.of("httpclient.httpcon", "api=>" + server.url() + "/;useragent=typed-test/1"));
    }

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void getWithPathQueryAndHeader() {
        EchoApi api = RestClients.create(http.connection("api"), EchoApi.class);
        Echo e = api.get("x&y", "t-1");
        assertEquals("GET", e.method);
        assertEquals("q=x%26y", e.query);
        assertEquals("typed-test/1", e.userAgent);
        assertEquals("t-1", server.lastRequest().header("X-Trace"));
        api.backup("a b");
        assertEquals("/backup/a%20b", server.lastRequest().path(), "the Rest Client's encoding is kept");
    }

    @Test
    void postJson() {
        EchoApi api = RestClients.create(http.connection("api"), EchoApi.class);
        Echo e = api.post(new Echo.Payload("ann", 7));
        assertEquals("POST", e.method);
        assertEquals("{\"amount\":7,\"name\":\"ann\"}", e.body);
        assertTrue(e.contentType.startsWith("application/json"), e.contentType);
    }

    @Test
    void errorsFollowTheConventions() {
        EchoApi api = RestClients.create(http.connection("api"), EchoApi.class);
        WebApplicationException w = assertThrows(WebApplicationException.class, () -> api.status(404));
        assertEquals(404, w.getResponse().getStatus());
        try (Httpcon dead = Httpcon.start(Map.of("httpclient.httpcon", "d=>http://127.0.0.1:1/x"))) {
            EchoApi d = RestClients.create(dead.connection("d"), EchoApi.class);
            ProcessingException p = assertThrows(ProcessingException.class, () -> d.status(200));
            HttpConTransportException t = assertInstanceOf(HttpConTransportException.class, p.getCause(), p.toString());
            assertEquals(CurlError.COULDNT_CONNECT, t.error());
        }
    }

    @Test
    void async() throws Exception {
        EchoApi api = RestClients.create(http.connection("api"), EchoApi.class);
        Echo e = api.getAsync().toCompletableFuture().get();
        assertEquals("GET", e.method);
    }
}
