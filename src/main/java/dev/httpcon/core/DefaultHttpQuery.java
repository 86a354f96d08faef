package dev.httpcon.core;

import dev.httpcon.HttpQuery;
import dev.httpcon.HttpResult;
import dev.httpcon.engine.HttpEngine;

/** {@code http_client_query} over the engine, with the global settings: no named connection, no concerns. */
final class DefaultHttpQuery implements HttpQuery {

    private final HttpEngine engine;

    DefaultHttpQuery(HttpEngine engine) {
        this.engine = engine;
    }

    @Override
    public HttpResult query(String url) {
        return engine.query(url, null, null);
    }

    @Override
    public HttpResult query(String url, String postData) {
        return engine.query(url, postData, null);
    }

    @Override
    public HttpResult query(String url, String postData, String headers) {
        return engine.query(url, postData, headers);
    }

    @Override
    public String toString() {
        return "HttpQuery";
    }
}
