package dev.httpcon.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpConTransportException;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.RawServer;
import dev.httpcon.testing.ReferenceApi;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.RefusedPort;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typed clients without a container ({@link RestClients#create} over an {@link StandaloneHttpCon}
 * connection): RESTEasy MicroProfile builds the request and reads the answer, the connection sends.
 */
class RestClientsTest {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();
    private StandaloneHttpCon http;
    private ReferenceApi api;

    @BeforeEach
    void start() {
        http = StandaloneHttpCon.start(
                Map.of("httpclient.httpcon", "api=>" + server.url() + "/;useragent=typed-test/1"));
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
        try (StandaloneHttpCon dead = StandaloneHttpCon.start(
                Map.of("httpclient.httpcon", "d=>" + RefusedPort.shared().url("/x")))) {
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

    /** A typed client that reads the response itself. */
    public interface Login {
        @GET
        @Path("/login")
        Response login();
    }

    @Test
    void everyValueOfARepeatedResponseHeaderReachesTheClient() {
        String response = "HTTP/1.1 200 OK\r\nSet-Cookie: session=s1\r\nX-Trace: t1\r\nset-cookie: theme=dark\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
        try (RawServer raw = RawServer.start(RawServer.reply(response));
             StandaloneHttpCon h = StandaloneHttpCon.start(Map.of("httpclient.httpcon", "raw=>" + raw.url("/")))) {
            Login client = RestClients.create(h.connection("raw"), Login.class);
            try (Response r = client.login()) {
                assertEquals(List.of("session=s1", "theme=dark"), r.getStringHeaders().get("Set-Cookie"));
                assertEquals("t1", r.getHeaderString("x-trace"));
                assertEquals("ok", r.readEntity(String.class));
            } finally {
                RestClients.close(client);
            }
        }
    }

    @Test
    void connectionQueryStringIsKept() {
        try (StandaloneHttpCon q = StandaloneHttpCon.start(
                Map.of("httpclient.httpcon", "q=>" + server.url() + "/?key=k1"))) {
            ReferenceApi withKey = RestClients.create(q.connection("q"), ReferenceApi.class);
            assertEquals("key=k1&q=v", withKey.echo("v", null).query);
        }
    }
}
