package dev.httpcon.it.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpResult;
import dev.httpcon.cdi.FailoverInterceptor;
import dev.httpcon.cdi.HttpConFailover;
import dev.httpcon.cdi.HttpConMetered;
import dev.httpcon.cdi.HttpConRedirectCapture;
import dev.httpcon.cdi.MetricsInterceptor;
import dev.httpcon.cdi.RedirectCaptureInterceptor;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Jakarta EE server scans a library jar without beans.xml as an implicit bean archive, and
 * {@code @Interceptor} is a bean-defining annotation: the container finds httpcon's interceptors
 * by itself, on top of the extension's. This deployment puts them in a scanned bean archive; each
 * concern must still apply exactly once (one count per attempt, one failover hop).
 */
@ExtendWith(ArquillianExtension.class)
class ScannedLibraryIT {

    @Deployment
    static JavaArchive deployment() {
        return Deployments.archive("scanned-library",
                "httpclient.httpcon=counted=>" + Servers.base() + "/fail;failover=backup,backup=>" + Servers.base()
                        + "/backup\n",
                RedirectCaptureInterceptor.class, FailoverInterceptor.class, MetricsInterceptor.class,
                HttpConRedirectCapture.class, HttpConFailover.class, HttpConMetered.class);
    }

    @Inject
    @HttpCon("counted")
    HttpConnection counted;

    @Inject
    HttpConnections connections;

    @Test
    void eachConcernAppliesOnce() {
        Servers.reference().reset();
        HttpResult r = counted.get("/x");
        assertEquals(200, r.code());
        assertEquals("backup", r.servedBy());
        assertEquals(2, r.attempts().size(), r.attempts().toString());
        assertEquals(2, Servers.reference().requests().size(), "one attempt per connection");
        for (ConnectionInfo c : connections.list()) {
            assertEquals(1, c.ok() + c.fail(), c.name() + " counted " + (c.ok() + c.fail()) + " times");
        }
    }
}
