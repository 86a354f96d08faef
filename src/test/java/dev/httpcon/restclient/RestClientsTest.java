package dev.httpcon.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpConTransportException;
import dev.httpcon.Httpcon;
import dev.httpcon.testing.ReferenceApi;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.RefusedPort;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typed clients without a container ({@link RestClients#create} over an {@link Httpcon}
 * connection): RESTEasy MicroProfile builds the request and reads the answer, the connection sends.
 */
class RestClientsTest {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();
    private Httpcon http;
    private ReferenceApi api;

    @BeforeEach
    void start() {
        http = Httpcon.start(Map.of("httpclient.httpcon", "api=>" + server.url() + "/;useragent=typed-test/1"));
        api = RestClients.create(http.connection("api"), ReferenceApi.class);
    }

    @AfterEach
    void stop() {
        RestClients.close(api);
        http.close();
    }

    @Test
    void getCarriesQueryHeaderAndTheConnectionsUserAgent() {
        ReferenceApi.Echo e = api.echo("x&y", "t-1");
        assertEquals("GET", e.method);
        assertEquals("/echo", e.path);
        assertEquals("q=x%26y", e.query);
        assertEquals("typed-test/1", e.userAgent);
        assertEquals("t-1", e.header("X-Trace"));
        assertEquals("application/json", e.header("Accept"));
    }

    @Test
    void pathParametersKeepTheClientsEncoding() {
        ReferenceApi.Backup b = api.backup("a b");
        assertEquals("/backup/a%20b", b.path);
    }

    @Test
    void postSerializesWithTheRuntimesJsonWriter() {
        ReferenceApi.Echo e = api.post(new ReferenceApi.Payload("ann", 7));
        assertEquals("POST", e.method);
        assertEquals("{\"amount\":7,\"name\":\"ann\"}", e.body);
        assertTrue(e.contentType.startsWith("application/json"), e.contentType);
    }

    @Test
    void statusOf400AndAboveIsAWebApplicationException() {
        WebApplicationException w = assertThrows(WebApplicationException.class, () -> api.status(404));
        assertEquals(404, w.getResponse().getStatus());
        assertEquals("status 404\n", w.getResponse().readEntity(String.class));
    }

    @Test
    void transportErrorIsAProcessingExceptionCarryingTheCurlError() {
        try (Httpcon dead = Httpcon.start(Map.of("httpclient.httpcon", "d=>" + RefusedPort.shared().url("/x")))) {
            ReferenceApi d = RestClients.create(dead.connection("d"), ReferenceApi.class);
            ProcessingException p = assertThrows(ProcessingException.class, () -> d.status(200));
            HttpConTransportException t = assertInstanceOf(HttpConTransportException.class, p.getCause(), p.toString());
            assertEquals(CurlError.COULDNT_CONNECT, t.error());
            assertEquals(7, t.code());
            assertTrue(t.getMessage().startsWith("httpcon connection 'd': 7 Couldn't connect to server"), t.getMessage());
        }
    }

    @Test
    void asyncMethodsSendThroughTheConnectionToo() throws Exception {
        ReferenceApi.Echo e = api.echoAsync().toCompletableFuture().get();
        assertEquals("GET", e.method);
        assertEquals("typed-test/1", e.userAgent);
    }

    @Test
    void clientsAreCloseableSoThatTheirBeansCanCloseThem() {
        assertInstanceOf(java.io.Closeable.class, api);
    }

    @Test
    void connectionQueryStringIsKept() {
        try (Httpcon q = Httpcon.start(Map.of("httpclient.httpcon", "q=>" + server.url() + "/?key=k1"))) {
            ReferenceApi withKey = RestClients.create(q.connection("q"), ReferenceApi.class);
            assertEquals("key=k1&q=v", withKey.echo("v", null).query);
        }
    }
}
