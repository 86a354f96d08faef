package com.example.routing;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A bean that asks for a connection nobody defined ("routng"): the deployment must fail. */
@ApplicationScoped
public class Misspelled {

    @Inject
    @HttpCon("routng")
    HttpConnection routing;
}
