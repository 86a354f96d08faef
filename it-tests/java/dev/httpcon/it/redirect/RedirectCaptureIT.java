package dev.httpcon.it.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.testing.RefusedPort;
import jakarta.inject.Inject;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code lastRedirect()} and {@code lastContentType()} (the original's http_get_redirect and
 * http_get_content_type) are per calling thread: two threads using one bean at once each see
 * their own last response.
 */
@ExtendWith(ArquillianExtension.class)
class RedirectCaptureIT {

    @Deployment
    static JavaArchive deployment() {
        return Deployments.archive("redirect",
                "httpclient.httpcon=routing=>" + Servers.base() + ",dead=>http://127.0.0.1:" + RefusedPort.shared().port()
                        + ",backedup=>" + Servers.base() + "/fail;failover=routing\n");
    }

    @Inject
    @HttpCon("routing")
    HttpConnection routing;

    @Inject
    @HttpCon("dead")
    HttpConnection dead;

    @Inject
    @HttpCon("backedup")
    HttpConnection backedUp;

    @Test
    void eachThreadSeesItsOwnLastResponse() throws Exception {
        String base = Servers.base();
        CyclicBarrier bothCalled = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<String[]> a = pool.submit(() -> {
                HttpResult r = routing.get("/redir302a");
                assertEquals(200, r.code());
                bothCalled.await(5, TimeUnit.SECONDS);
                return new String[] {routing.lastRedirect(), routing.lastContentType()};
            });
            Future<String[]> b = pool.submit(() -> {
                HttpResult r = routing.get("/multiline");
                assertEquals(200, r.code());
                bothCalled.await(5, TimeUnit.SECONDS);
                return new String[] {routing.lastRedirect(), routing.lastContentType()};
            });
            Future<String[]> c = pool.submit(() -> new String[] {routing.lastRedirect(), routing.lastContentType()});

            assertEquals(base + "/json", a.get(10, TimeUnit.SECONDS)[0], "followed two redirects");
            assertEquals("application/json", a.get()[1]);
            assertEquals(base + "/multiline", b.get(10, TimeUnit.SECONDS)[0]);
            assertEquals("text/plain", b.get()[1].split(";")[0]);
            assertEquals("", c.get(10, TimeUnit.SECONDS)[0], "a thread that sent nothing has no last redirect");
            assertNull(c.get()[1]);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void transportErrorLeavesNoRedirect() {
        routing.get("/json");
        assertEquals(Servers.base() + "/json", routing.lastRedirect());
        HttpResult r = dead.get("/json");
        assertEquals(7, r.code());
        assertEquals("", dead.lastRedirect());
        assertEquals(Servers.base() + "/json", routing.lastRedirect(), "per connection: routing keeps its own");
    }

    @Test
    void afterFailoverTheCallerSeesWhereTheAnswerCameFrom() {
        HttpResult r = backedUp.get("/redir301");
        assertEquals(200, r.code());
        assertEquals("routing", r.servedBy());
        assertEquals(Servers.base() + "/json", backedUp.lastRedirect());
        assertEquals("application/json", backedUp.lastContentType());
    }
}
