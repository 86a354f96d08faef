package dev.httpcon.core;

import dev.httpcon.HttpQuery;
import dev.httpcon.HttpResult;
import dev.httpcon.engine.HttpEngine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** {@code http_client_query} over the engine, with the global settings: no named connection, no concerns. */
final class DefaultHttpQuery implements HttpQuery {

    private final HttpEngine engine;
    private final Executor completions;

    DefaultHttpQuery(HttpEngine engine, Executor completions) {
        this.engine = engine;
        this.completions = completions;
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
    public CompletableFuture<HttpResult> queryAsync(String url, String postData, String headers, Executor completions) {
        return engine.queryAsync(url, postData, headers, completions != null ? completions : this.completions);
    }

    @Override
    public String toString() {
        return "HttpQuery";
    }
}
