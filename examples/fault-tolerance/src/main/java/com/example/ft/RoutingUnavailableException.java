package com.example.ft;

import dev.httpcon.HttpResult;

/** The routing API could not answer: every connection of the chain failed. */
public class RoutingUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RoutingUnavailableException(HttpResult r) {
        super("routing: " + r.code() + " " + (r.isTransportError() ? r.errorText() : "HTTP " + r.status()));
    }
}
