package dev.httpcon.examples.sipservlet;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.examples.routing.SipAnswer;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A redirect server: each INVITE's Request-URI is looked up in an HTTP routing API through the
 * injected {@code routing} connection (with its failover chain, from MicroProfile Config), and
 * answered as {@link SipAnswer} says: 302 with the Contact the API returned, 404, 403, 503 with
 * Retry-After, 504. The lookup carries the INVITE's Call-ID and method as correlation attributes:
 * httpcon's log lines about it end with them (and its spans carry them, where the container gives
 * httpcon an OpenTelemetry).
 *
 * <p>The container creates the servlet and injects it through its CDI (javax CDI 2.0 in Open
 * Liberty's {@code cdi-2.0}); the connection comes from httpcon's javax jar. A 100 Trying goes out
 * first so the caller's INVITE client transaction stops retransmitting.
 *
 * <p>Two ways to wait for the lookup, chosen by the Request-URI's host so that one deployment shows
 * both: {@code doInvite} waits for the blocking {@code send}, holding the container's thread until
 * the routing API has answered; an INVITE for {@code sip:...@async.example.com} is looked up with
 * {@code sendAsync} instead, {@code doInvite} returns at once, and the final answer is sent from
 * the completion. The {@code routing} connection's {@code async_executor}
 * ({@code java:comp/DefaultManagedExecutorService}, Liberty's {@code concurrent-1.0}) makes that
 * completion run on a thread of the container's {@code ManagedExecutorService}, with the
 * application's context (its JNDI names, its class loader), never on an I/O thread of httpcon.
 *
 * <p>The lookup carries what is left of the SIP transaction as its deadline, so the whole failover
 * chain ends by then (code 28, answered 504): the transaction's time is counted from when
 * {@code doInvite} starts (the SIP Servlet API tells no arrival time), and it is 64*T1 (RFC 3261's
 * Timer B: when the caller's INVITE transaction gives up; T1 = 500 ms, the RFC's default and
 * Liberty's), or the MicroProfile Config value {@code routing.budget} ({@code 1s},
 * {@code 1500ms}; in server.env {@code ROUTING_BUDGET=1s}) when that is shorter.
 */
@javax.servlet.sip.annotation.SipServlet(name = "router", loadOnStartup = 1)
public class RoutingServlet extends SipServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(RoutingServlet.class.getName());

    /** Servlets are Serializable, the connection is not: the container injects it again. */
    @Inject
    @HttpCon("routing")
    transient HttpConnection routing;

    /** RFC 3261's T1: the round-trip estimate its transaction timers are multiples of. */
    static final Duration T1 = Duration.ofMillis(500);

    /** The lookup's budget from the start of {@code doInvite}: 64*T1, or {@code routing.budget} if shorter. */
    private transient Duration budget;

    @Override
    public void init() throws ServletException {
        super.init();
        budget = budget(ConfigProvider.getConfig().getOptionalValue("routing.budget", String.class).orElse(null));
        LOG.info(() -> "routing lookups within " + budget.toMillis() + " ms of each INVITE");
    }

    /** The smaller of {@code configured} ({@code 800ms}, {@code 1s}; {@code null}: none) and 64*T1. */
    static Duration budget(String configured) {
        Duration transaction = T1.multipliedBy(64);
        if (configured == null || configured.isBlank()) {
            return transaction;
        }
        Matcher m = Pattern.compile("([0-9]{1,9})(ms|s)?").matcher(configured.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("routing.budget must be a duration above 0 such as 800ms or 1s, got '"
                    + configured + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = "ms".equals(m.group(2)) ? Duration.ofMillis(n) : Duration.ofSeconds(n);
        return d.compareTo(transaction) < 0 ? d : transaction;
    }

    /** The Request-URI host whose INVITEs are answered from the asynchronous call's completion. */
    static final String ASYNC_HOST = "async.example.com";

    /** The header of an answer sent from a completion: where it ran (see {@link #completionContext()}). */
    static final String COMPLETION_HEADER = "X-Httpcon-Completion";

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        long deadline = System.nanoTime() + budget.toNanos();
        req.createResponse(SipServletResponse.SC_TRYING).send();
        HttpRequest lookup = SipAnswer.routeRequest(req.getRequestURI().toString(), req.getCallId(), req.getMethod(),
                deadline);
        if (req.getRequestURI() instanceof SipURI uri && ASYNC_HOST.equalsIgnoreCase(uri.getHost())) {
            // No thread waits for the routing API: doInvite returns now, and the completion (on the
            // container's ManagedExecutorService, the connection's async_executor) sends the answer.
            // What that thread may touch: docs/usage.md, "Answering a SIP request from the completion".
            routing.sendAsync(lookup)
                    .thenAccept(r -> answerFromCompletion(req, r))
                    .exceptionally(bug -> {
                        LOG.log(Level.SEVERE, "routing " + req.getRequestURI() + ": no answer sent", bug);
                        return null;
                    });
            return;
        }
        response(req, SipAnswer.of(routing.send(lookup))).send();
    }

    /**
     * Sends the final answer from the completion of the asynchronous lookup. It only builds and
     * sends a response of {@code req}, which any thread may do; it reads and writes no session
     * state, so it needs none of the session's locking.
     */
    private void answerFromCompletion(SipServletRequest req, HttpResult result) {
        try {
            SipServletResponse resp = response(req, SipAnswer.of(result));
            resp.setHeader(COMPLETION_HEADER, completionContext());
            resp.send();
        } catch (IOException | IllegalStateException e) {
            // the transaction ended meanwhile (a CANCEL, the caller's timeout): nothing left to answer
            LOG.warning(() -> "routing " + req.getRequestURI() + ": not answered: " + e);
        }
    }

    /** The final response for {@code answer}, not yet sent. */
    private static SipServletResponse response(SipServletRequest req, SipAnswer answer) {
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
        return resp;
    }

    /**
     * Where this code runs, for the example's tests (and anyone reading a SIP trace): the thread's
     * name (Liberty runs its ManagedExecutorService's tasks on {@code Default Executor-thread-N},
     * httpcon's own completion pool is {@code httpcon-completion-N}), then {@code java:comp} if the
     * application's JNDI names can be looked up here, else {@code no java:comp}. Remove the header
     * in an application of your own: callers have no use for it.
     */
    static String completionContext() {
        String thread = Thread.currentThread().getName();
        try {
            InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
            return thread + "; java:comp";
        } catch (NamingException | RuntimeException e) {
            return thread + "; no java:comp";
        }
    }
}
