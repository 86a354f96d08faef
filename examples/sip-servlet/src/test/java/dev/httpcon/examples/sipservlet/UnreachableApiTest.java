package dev.httpcon.examples.sipservlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.httpcon.examples.routing.SipAnswer;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every connection of the failover chain refused (nothing listens): 503 with Retry-After. */
@ExtendWith(ArquillianExtension.class)
class UnreachableApiTest {

    @Deployment
    static JavaArchive deployment() {
        return Deployments.servlet("unreachable", String.join("\n",
                "httpclient.connection_timeout=1s",
                "httpclient.httpcon=routing=>http://127.0.0.1:" + RoutingApi.deadPort() + ";failover=routing_backup,"
                        + "routing_backup=>http://127.0.0.1:" + RoutingApi.deadPort(),
                ""));
    }

    @Inject
    RoutingServlet servlet;

    @Test
    void everyConnectionRefusedGivesServiceUnavailableWithRetryAfter() throws Exception {
        SipStandIns call = SipStandIns.invite("sip:alice@example.com");
        servlet.doInvite(call.request());
        assertEquals(100, call.sent().get(0).status());
        SipStandIns.Sent last = call.last();
        assertEquals(503, last.status());
        assertEquals(String.valueOf(SipAnswer.RETRY_AFTER_SECONDS), last.header("Retry-After"));
        assertNull(last.header("Contact"));
    }
}
