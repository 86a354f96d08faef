package dev.httpcon.examples.siprouter;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.examples.routing.SipAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The routing logic: one HTTP lookup per SIP request through the {@code routing} connection (and
 * its failover chain, all from the configuration), turned into a SIP answer.
 */
@ApplicationScoped
public class Router {

    @Inject
    @HttpCon("routing")
    HttpConnection routing;

    /** The answer for a SIP Request-URI. */
    public SipAnswer route(String requestUri) {
        return SipAnswer.of(routing.get(SipAnswer.routePath(requestUri)));
    }
}
