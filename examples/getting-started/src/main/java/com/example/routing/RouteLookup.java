package com.example.routing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;

/** Asks the routing API where a user can be reached. */
@ApplicationScoped
public class RouteLookup {

    @Inject
    @HttpCon("routing")
    HttpConnection routing;

    /** The route the API gives for {@code user}, or why there is none. */
    public String route(String user) {
        HttpResult r = routing.get("/route?user=" + URLEncoder.encode(user, UTF_8));
        if (r.code() == 200) {
            return r.bodyText().strip();
        }
        if (r.isTransportError()) {      // no HTTP answer: libcurl's code, e.g. 7 or 28
            return "no route: " + r.code() + " " + r.errorText();
        }
        return "no route: HTTP " + r.status();
    }
}
