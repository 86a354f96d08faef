package dev.httpcon.it.restclient;

import dev.httpcon.HttpCon;
import dev.httpcon.testing.ReferenceApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An application bean with a typed client injected by connection name, as an application would have. */
@ApplicationScoped
public class Billing {

    @Inject
    @HttpCon("billing")
    ReferenceApi api;

    @Inject
    @HttpCon("billing")
    RegisteredApi registered;

    /** The injected typed client (through a method: fields of a client proxy are not the bean's). */
    public ReferenceApi api() {
        return api;
    }

    /** A typed client of an interface that also has {@code @RegisterRestClient}. */
    public RegisteredApi registered() {
        return registered;
    }
}
