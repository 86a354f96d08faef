package dev.httpcon.examples.siprouter;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.examples.routing.SipAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/**
 * The routing logic: one HTTP lookup per SIP request through the {@code routing} connection (and
 * its failover chain, all from the configuration), turned into a SIP answer. The lookup carries
 * the SIP transaction's deadline (every hop of the chain together ends by then: code 28, a 504) and
 * the SIP request's Call-ID and method as correlation attributes: with tracing on they are on its
 * spans, and httpcon's log lines about it end with {@code [sip.call_id=..., sip.method=INVITE]}.
 */
@ApplicationScoped
public class Router {

    @Inject
    @HttpCon("routing")
    HttpConnection routing;

    /**
     * The answer for a SIP request (its Request-URI, Call-ID and method), due by
     * {@code deadlineNanoTime} ({@link System#nanoTime()}).
     */
    public SipAnswer route(String requestUri, String callId, String method, long deadlineNanoTime) {
        return SipAnswer.of(routing.send(SipAnswer.routeRequest(requestUri, callId, method, deadlineNanoTime)));
    }

    /**
     * {@link #route} without holding the calling thread: the same lookup (the same failover chain
     * and deadline), the answer made when it completes, on httpcon's completion pool.
     */
    public CompletionStage<SipAnswer> routeAsync(String requestUri, String callId, String method,
                                                 long deadlineNanoTime) {
        return routing.sendAsync(SipAnswer.routeRequest(requestUri, callId, method, deadlineNanoTime))
                .thenApply(SipAnswer::of);
    }
}
