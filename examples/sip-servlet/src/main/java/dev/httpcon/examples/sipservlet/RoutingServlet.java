package dev.httpcon.examples.sipservlet;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.examples.routing.SipAnswer;
import java.io.IOException;
import java.util.logging.Logger;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * A redirect server: each INVITE's Request-URI is looked up in an HTTP routing API through the
 * injected {@code routing} connection (with its failover chain, from MicroProfile Config), and
 * answered as {@link SipAnswer} says: 302 with the Contact the API returned, 404, 403, 503 with
 * Retry-After, 504. The lookup carries the INVITE's Call-ID and method as correlation attributes:
 * httpcon's log lines about it end with them (and its spans carry them, where the container gives
 * httpcon an OpenTelemetry).
 *
 * <p>The container creates the servlet and injects it through its CDI (javax CDI 2.0 in Open
 * Liberty's {@code cdi-2.0}); the connection comes from httpcon's javax jar. The lookup blocks the
 * container's worker thread for at most the connection chain's timeouts, which the configuration
 * keeps well under the caller's patience (see {@code docs/sip.md}); a 100 Trying goes out first so
 * the caller's INVITE client transaction stops retransmitting.
 */
@javax.servlet.sip.annotation.SipServlet(name = "router", loadOnStartup = 1)
public class RoutingServlet extends SipServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(RoutingServlet.class.getName());

    /** Servlets are Serializable, the connection is not: the container injects it again. */
    @Inject
    @HttpCon("routing")
    transient HttpConnection routing;

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        req.createResponse(SipServletResponse.SC_TRYING).send();
        SipAnswer answer = SipAnswer.of(routing.send(SipAnswer.routeRequest(req.getRequestURI().toString(),
                req.getCallId(), req.getMethod())));
        if (answer.status() >= 500) {
            LOG.warning(() -> "routing " + req.getRequestURI() + ": " + answer.status() + " " + answer.reason());
        }
        SipServletResponse resp = req.createResponse(answer.status(), answer.reason());
        if (answer.contact() != null) {
            // Contact is a system header except in 3xx responses, where the application sets it.
            resp.setHeader("Contact", "<" + answer.contact() + ">");
        }
        if (answer.retryAfter() != null) {
            resp.setHeader("Retry-After", answer.retryAfter().toString());
        }
        resp.send();
    }
}
