package dev.httpcon.it.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.testing.ReferenceApi;
import dev.httpcon.testing.RecordedRequest;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @Inject @HttpCon("name") SomeApi}: a typed MicroProfile Rest Client (RESTEasy MicroProfile
 * here) whose requests go through the named connection, with JSON bodies both ways, and with the
 * connection's base URL, user agent, redirects and keep_connections; with or without
 * {@code @RegisterRestClient}, beside the implementation's own {@code @RestClient} bean.
 */
@ExtendWith(ArquillianExtension.class)
class TypedClientIT {

    @Deployment
    static JavaArchive deployment() {
        String h = Servers.base();
        return Deployments.archive("typed-client", String.join("\n",
                "httpclient.httpcon=billing=>" + h + ";useragent=billing-client/2;keep_connections=1,"
                        + "fresh=>" + h + ";keep_connections=0,"
                        + "noredirect=>" + h + ";httpredirect=0",
                // the test class is not a bean (its injection points are not seen at deployment),
                // so these two are declared in configuration
                "httpclient.connection.fresh.rest-clients=" + ReferenceApi.class.getName(),
                "httpclient.connection.noredirect.rest-clients=" + ReferenceApi.class.getName(),
                "registered/mp-rest/url=" + h,
                ""), Billing.class, RegisteredApi.class);
    }

    @Inject
    Billing service;


    @Inject
    @HttpCon("billing")
    HttpConnection billingConnection;

    @Inject
    @RestClient
    RegisteredApi restClient;

    @Inject
    @HttpCon("fresh")
    ReferenceApi fresh;

    @Inject
    @HttpCon("noredirect")
    ReferenceApi noRedirect;

    @Test
    void typedGetReadsJson() {
        ReferenceApi.Echo e = service.api().echo("month=11", "trace-7");
        assertEquals("GET", e.method);
        assertEquals("/echo", e.path);
        assertEquals("q=month%3D11", e.query);
        assertEquals("trace-7", e.header("X-Trace"));
        assertEquals("billing-client/2", e.userAgent, "the connection's useragent");
        ReferenceApi.Status s = service.api().json();
        assertEquals("ok", s.status);
        assertEquals(1, s.n);
    }

    @Test
    void typedPostAndPutSendJson() {
        ReferenceApi.Echo post = service.api().post(new ReferenceApi.Payload("invoice-1", 1250));
        assertEquals("POST", post.method);
        assertTrue(post.contentType.startsWith("application/json"), post.contentType);
        assertEquals("{\"amount\":1250,\"name\":\"invoice-1\"}", post.body);

        ReferenceApi.Echo put = service.api().put("v2", new ReferenceApi.Payload("invoice-1", 1300));
        assertEquals("PUT", put.method);
        assertEquals("q=v2", put.query);
        assertEquals("{\"amount\":1300,\"name\":\"invoice-1\"}", put.body);
        RecordedRequest seen = Servers.reference().lastRequest();
        assertEquals(String.valueOf(put.body.length()), seen.header("Content-Length"));
    }

    @Test
    void redirectsFollowTheConnectionAndAreCaptured() {
        ReferenceApi.Status s = service.api().redirected();
        assertEquals("ok", s.status, "followed /redir302a -> /redir302b -> /json");
        assertEquals(Servers.base() + "/json", billingConnection.lastRedirect(),
                "the typed call went through the connection bean's redirect capture");
        assertEquals("application/json", billingConnection.lastContentType());

        jakarta.ws.rs.core.Response r = noRedirect.statusResponse(302);
        assertEquals(302, r.getStatus(), "httpredirect=0: the 3xx is the answer");
    }

    @Test
    void keepConnectionsDecidesReuse() {
        int a = service.api().echo(null, null).connection;
        int b = service.api().echo(null, null).connection;
        assertEquals(a, b, "keep_connections=1 reuses the TCP connection");
        int c = fresh.echo(null, null).connection;
        int d = fresh.echo(null, null).connection;
        assertNotEquals(c, d, "keep_connections=0 opens a new one per request");
    }

    @Test
    void registerRestClientInterfacesWorkWithHttpconAndWithTheirOwnBean() {
        assertEquals("billing-client/2", service.registered().echo().userAgent, "through the connection");
        ReferenceApi.Echo own = restClient.echo();
        assertNotEquals("billing-client/2", own.userAgent, "the implementation's own bean, its own transport");
    }

    @Test
    void asyncMethodsWork() throws Exception {
        ReferenceApi.Echo e = service.api().echoAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("billing-client/2", e.userAgent);
    }
}
