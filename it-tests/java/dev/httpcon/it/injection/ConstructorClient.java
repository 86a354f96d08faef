package dev.httpcon.it.injection;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** A bean that takes its connection through its constructor. */
@Dependent
public class ConstructorClient {

    private final HttpConnection routing;

    @Inject
    public ConstructorClient(@HttpCon("routing") HttpConnection routing) {
        this.routing = routing;
    }

    public HttpConnection connection() {
        return routing;
    }
}
