package dev.httpcon.examples.siprouter;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpRequest;
import dev.httpcon.examples.routing.SipAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The routing logic: one HTTP lookup per SIP request through the {@code routing} connection (and
 * its failover chain, all from the configuration), turned into a SIP answer. The lookup carries
 * the SIP transaction's deadline: every hop of the chain together ends by then (code 28, a 504).
 */
@ApplicationScoped
public class Router {

    @Inject
    @HttpCon("routing")
    HttpConnection routing;

    /** The answer for a SIP Request-URI, due by {@code deadlineNanoTime} ({@link System#nanoTime()}). */
    public SipAnswer route(String requestUri, long deadlineNanoTime) {
        return SipAnswer.of(routing.send(HttpRequest.builder("GET", SipAnswer.routePath(requestUri))
                .deadlineNanoTime(deadlineNanoTime)
                .build()));
    }
}
