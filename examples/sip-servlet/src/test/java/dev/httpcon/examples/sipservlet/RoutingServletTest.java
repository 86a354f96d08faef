package dev.httpcon.examples.sipservlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.examples.routing.SipAnswer;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The servlet deployed as a CDI bean, its {@code @HttpCon("routing")} connection failing over to
 * {@code routing_backup}, both pointing at real routing APIs on 127.0.0.1, and INVITEs handed to
 * {@code doInvite} through stand-ins for the container's request and responses.
 */
@ExtendWith(ArquillianExtension.class)
class RoutingServletTest {

    private static final RoutingApi PRIMARY = RoutingApi.start("primary", "10.0.0.1");
    private static final RoutingApi BACKUP = RoutingApi.start("backup", "10.0.0.2");

    @Deployment
    static JavaArchive deployment() {
        return Deployments.servlet("routing", String.join("\n",
                "httpclient.connection_timeout=2s",
                "httpclient.httpcon=routing=>" + PRIMARY.url() + ";timeout=500ms;failover=routing_backup,"
                        + "routing_backup=>" + BACKUP.url() + ";timeout=500ms",
                ""));
    }

    @AfterAll
    static void stopApis() {
        PRIMARY.close();
        BACKUP.close();
    }

    @Inject
    RoutingServlet servlet;

    private SipStandIns invite(String requestUri) throws Exception {
        SipStandIns call = SipStandIns.invite(requestUri);
        servlet.doInvite(call.request());
        return call;
    }

    @Test
    void knownUserIsRedirectedToTheContactTheApiReturned() throws Exception {
        SipStandIns call = invite("sip:alice@example.com");
        List<SipStandIns.Sent> sent = call.sent();
        assertEquals(2, sent.size(), sent.toString());
        assertEquals(100, sent.get(0).status(), "100 Trying goes out before the lookup");
        assertEquals(302, sent.get(1).status());
        assertEquals("Moved Temporarily", sent.get(1).reason());
        assertEquals("<sip:alice@10.0.0.1:5060>", sent.get(1).header("Contact"), "the primary's answer");
        assertNull(sent.get(1).header("Retry-After"));
    }

    @Test
    void contactParametersPassThrough() throws Exception {
        assertEquals("<sip:bob@10.0.0.1:5062;transport=udp>", invite("sip:bob@example.com").last().header("Contact"));
    }

    @Test
    void unknownUserIsNotFound() throws Exception {
        SipStandIns.Sent last = invite("sip:nobody@example.com").last();
        assertEquals(404, last.status());
        assertEquals("Not Found", last.reason());
        assertNull(last.header("Contact"));
    }

    @Test
    void primaryServerErrorFailsOverToTheBackup() throws Exception {
        int backupBefore = BACKUP.requests();
        SipStandIns.Sent last = invite("sip:overload@example.com").last();
        assertEquals(302, last.status());
        assertEquals("<sip:overload@10.0.0.2:5060>", last.header("Contact"), "the backup's answer");
        assertEquals(backupBefore + 1, BACKUP.requests());
    }

    @Test
    void everyConnectionFailingGivesServiceUnavailableWithRetryAfter() throws Exception {
        SipStandIns.Sent last = invite("sip:broken@example.com").last();
        assertEquals(503, last.status());
        assertEquals("Service Unavailable", last.reason());
        assertEquals(String.valueOf(SipAnswer.RETRY_AFTER_SECONDS), last.header("Retry-After"));
    }

    @Test
    void routingApiTimeoutGivesServerTimeout() throws Exception {
        SipStandIns call = invite("sip:slow@example.com");
        assertEquals(100, call.sent().get(0).status());
        SipStandIns.Sent last = call.last();
        assertEquals(504, last.status());
        assertEquals("Server Time-out", last.reason());
        assertNull(last.header("Contact"));
    }

    @Test
    void bodyThatIsNoSipUriIsAnInternalErrorNotARedirect() throws Exception {
        SipStandIns.Sent last = invite("sip:garbage@example.com").last();
        assertEquals(500, last.status());
        assertNull(last.header("Contact"));
        assertTrue(last.reason().contains("no SIP URI"), last.reason());
    }
}
