package dev.httpcon.it.injection;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import jakarta.inject.Inject;

/**
 * Shaped like a SIP servlet: not a CDI bean itself, created by its container, which injects it
 * (non-contextual injection, as servlet containers do).
 */
public class RoutingServlet {

    @Inject
    @HttpCon("routing")
    HttpConnection routing;

    /** What a doInvite handler would do: ask the routing API, answer with its code. */
    public int doInvite(String user) {
        HttpResult r = routing.get("/echo?user=" + user);
        return r.code();
    }
}
