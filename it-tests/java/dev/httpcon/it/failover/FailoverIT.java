package dev.httpcon.it.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.Attempt;
import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.RefusedPort;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The failover interceptor: a curl error or a status >= 500 sends the same request to the
 * failover connection, following the chain; 3xx/4xx never fail over.
 */
@ExtendWith(ArquillianExtension.class)
class FailoverIT {

    @Deployment
    static JavaArchive deployment() {
        String h = Servers.base();
        String dead = "http://127.0.0.1:" + RefusedPort.shared().port();
        return Deployments.archive("failover", String.join("\n",
                "httpclient.connection_timeout=5s",
                "httpclient.httpcon=deadprimary=>" + dead + "/api;failover=backup,"
                        + "primary=>" + h + ";failover=backup,"
                        + "backup=>" + h + "/backup,"
                        + "chain_a=>" + h + "/fail;failover=chain_b,"
                        + "chain_b=>" + h + "/fail2;failover=chain_c,"
                        + "chain_c=>" + h + "/pfx,"
                        + "posting=>" + h + "/fail;failover=echoer,"
                        + "echoer=>" + h,
                ""));
    }

    @Inject
    @HttpCon("deadprimary")
    HttpConnection deadPrimary;

    @Inject
    @HttpCon("primary")
    HttpConnection primary;

    @Inject
    @HttpCon("chain_a")
    HttpConnection chainA;

    @Inject
    @HttpCon("posting")
    HttpConnection posting;

    @Test
    void deadPrimaryFailsOverToBackup() {
        HttpResult r = deadPrimary.get("/route");
        assertEquals(200, r.code());
        assertEquals("backup", r.servedBy());
        assertTrue(r.bodyText().replace(" ", "").contains("\"served_by\":\"backup\""), r.bodyText());
        assertEquals(List.of("deadprimary", "backup"), names(r.attempts()));
        assertEquals(7, r.attempts().get(0).code(), "the dead primary is refused: curl 7");
        assertEquals("/backup/route", Servers.reference().lastRequest().path());
    }

    @Test
    void serverErrorFailsOver() {
        HttpResult r = primary.get("/error500");
        assertEquals(200, r.code());
        assertEquals("backup", r.servedBy());
        assertEquals(500, r.attempts().get(0).code());
        HttpResult r503 = primary.get("/unavail503");
        assertEquals("backup", r503.servedBy());
        assertEquals(503, r503.attempts().get(0).code());
    }

    @Test
    void clientErrorStays() {
        HttpResult r = primary.get("/notfound");
        assertEquals(404, r.code());
        assertEquals("primary", r.servedBy());
        assertTrue(r.attempts().isEmpty(), "no failover attempt for a 404");
        HttpResult redirect = primary.get("/json");
        assertEquals(200, redirect.code());
        assertEquals("primary", redirect.servedBy());
    }

    @Test
    void chainOfThreeIsFollowed() {
        Servers.reference().reset();
        HttpResult r = chainA.get("/json");
        assertEquals(200, r.code());
        assertEquals("chain_c", r.servedBy());
        assertEquals(List.of("chain_a", "chain_b", "chain_c"), names(r.attempts()));
        assertEquals(List.of(503, 503, 200), r.attempts().stream().map(Attempt::code).toList());
        assertEquals(List.of("/fail/json", "/fail2/json", "/pfx/json"),
                Servers.reference().requests().stream().map(RecordedRequest::path).toList());
    }

    @Test
    void postBodyMethodAndHeadersAreResent() {
        Servers.reference().reset();
        HttpResult r = posting.send(HttpRequest.builder("PUT", "/echo?x=1")
                .header("X-Trace", "t-42")
                .body("application/json", "{\"k\":\"v\"}")
                .build());
        assertEquals(200, r.code());
        assertEquals("echoer", r.servedBy());
        List<RecordedRequest> seen = Servers.reference().requests();
        assertEquals(2, seen.size(), seen.toString());
        for (RecordedRequest s : seen) {
            assertEquals("PUT", s.method());
            assertEquals("x=1", s.query());
            assertEquals("t-42", s.header("X-Trace"));
            assertEquals("application/json", s.header("Content-Type"));
            assertEquals("{\"k\":\"v\"}", s.bodyText());
        }
        assertEquals("/fail/echo", seen.get(0).path());
        assertEquals("/echo", seen.get(1).path());

        HttpResult viaPost = posting.post("/echo", "text/plain", "hello");
        assertEquals("echoer", viaPost.servedBy());
        assertEquals("hello", Servers.reference().lastRequest().bodyText());
        assertEquals("POST", Servers.reference().lastRequest().method());
    }

    private static List<String> names(List<Attempt> attempts) {
        return attempts.stream().map(Attempt::connection).toList();
    }
}
