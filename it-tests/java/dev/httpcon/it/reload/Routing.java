package dev.httpcon.it.reload;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An application bean with connections injected at deployment. */
@ApplicationScoped
public class Routing {

    @Inject
    @HttpCon("routing")
    HttpConnection routing;

    @Inject
    @HttpCon("backup")
    HttpConnection backup;

    public HttpConnection routing() {
        return routing;
    }

    public HttpConnection backup() {
        return backup;
    }
}
