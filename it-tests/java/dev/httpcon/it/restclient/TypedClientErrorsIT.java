package dev.httpcon.it.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpCon;
import dev.httpcon.HttpConTransportException;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.testing.ReferenceApi;
import dev.httpcon.testing.RefusedPort;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Errors follow the MicroProfile Rest Client conventions: a status of 400 or more is a
 * {@link WebApplicationException} (the default ResponseExceptionMapper), or whatever the
 * interface's own mapper makes of it; a transport error is a {@link ProcessingException} whose
 * cause, an {@link HttpConTransportException}, carries the curl error: 7 for a refused port, 28 for
 * the connection's timeout, 63 for its maxdatasize.
 */
@ExtendWith(ArquillianExtension.class)
class TypedClientErrorsIT {

    private static final String API = ReferenceApi.class.getName();

    @Deployment
    static JavaArchive deployment() {
        String h = Servers.base();
        return Deployments.archive("typed-client-errors", String.join("\n",
                "httpclient.httpcon=api=>" + h + ",dead=>http://127.0.0.1:" + RefusedPort.shared().port()
                        + ",slow=>" + h + ";timeout=300ms,small=>" + h + ";maxdatasize=1000",
                "httpclient.connection.api.rest-clients=" + API + "," + MappedApi.class.getName(),
                "httpclient.connection.dead.rest-clients=" + API,
                "httpclient.connection.slow.rest-clients=" + API,
                "httpclient.connection.small.rest-clients=" + API,
                ""));
    }

    @Inject
    @HttpCon("api")
    ReferenceApi api;

    @Inject
    @HttpCon("api")
    MappedApi mapped;

    @Inject
    @HttpCon("dead")
    ReferenceApi dead;

    @Inject
    @HttpCon("slow")
    ReferenceApi slow;

    @Inject
    @HttpCon("small")
    ReferenceApi small;

    @Test
    void clientAndServerErrorsAreWebApplicationExceptions() {
        WebApplicationException notFound = assertThrows(WebApplicationException.class, () -> api.status(404));
        assertEquals(404, notFound.getResponse().getStatus());
        assertEquals("status 404\n", notFound.getResponse().readEntity(String.class), "the body is readable");
        WebApplicationException unavailable = assertThrows(WebApplicationException.class, () -> api.status(503));
        assertEquals(503, unavailable.getResponse().getStatus());
        WebApplicationException asResponse = assertThrows(WebApplicationException.class, () -> api.statusResponse(500));
        assertEquals(500, asResponse.getResponse().getStatus(), "the default mapper also applies to Response methods");
        assertEquals("status 200\n", api.status(200), "a 200 is an answer");
    }

    @Test
    void refusedPortIsCode7() {
        HttpConTransportException t = transportError(assertThrows(ProcessingException.class, () -> dead.json()));
        assertEquals(CurlError.COULDNT_CONNECT, t.error());
        assertTrue(t.getMessage().startsWith("httpcon connection 'dead': 7 Couldn't connect to server"),
                t.getMessage());
    }

    @Test
    void timeoutIsCode28() {
        HttpConTransportException t = transportError(assertThrows(ProcessingException.class, () -> slow.slow(2)));
        assertEquals(CurlError.OPERATION_TIMEDOUT, t.error());
        assertEquals(28, t.code());
    }

    @Test
    void maxDataSizeIsCode63WithTheStatusKept() {
        assertEquals(1000, small.large(1000).length(), "a body of exactly maxdatasize is fine");
        HttpConTransportException t = transportError(assertThrows(ProcessingException.class, () -> small.large(5000)));
        assertEquals(CurlError.FILESIZE_EXCEEDED, t.error());
        assertEquals(200, t.result().status(), "the status had arrived");
        assertEquals(1000, t.result().bodyLength(), "the prefix kept, nothing more read");
    }

    @Test
    void theInterfacesOwnProvidersRun() {
        MissingException e = assertThrows(MissingException.class, () -> mapped.status(404));
        assertEquals("missing: status 404", e.getMessage());
        ReferenceApi.Echo echo = mapped.echo();
        assertEquals("from-filter", echo.header("X-Trace"), "the application's request filter ran first");
        assertEquals("mapped-api", echo.header("X-Client"), "@ClientHeaderParam");
    }

    private static HttpConTransportException transportError(ProcessingException p) {
        return assertInstanceOf(HttpConTransportException.class, p.getCause(), () -> "cause of " + p);
    }
}
