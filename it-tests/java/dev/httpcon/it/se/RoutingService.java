package dev.httpcon.it.se;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An application bean of a Weld SE program. */
@ApplicationScoped
public class RoutingService {

    @Inject
    @HttpCon("routing")
    HttpConnection routing;

    public HttpResult lookup(String user) {
        return routing.get("/echo?user=" + user);
    }

    public HttpConnection connection() {
        return routing;
    }
}
