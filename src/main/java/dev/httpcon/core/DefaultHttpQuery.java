package dev.httpcon.core;

import dev.httpcon.HttpQuery;
import dev.httpcon.HttpResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code http_client_query} over the engine of the configuration's current generation, with the
 * global settings: no named connection, no concerns. A query enters the generation for its
 * duration (an asynchronous one until it completes), so a reload does not close its engine under it.
 */
final class DefaultHttpQuery implements HttpQuery {

    private final HttpConCore core;

    DefaultHttpQuery(HttpConCore core) {
        this.core = core;
    }

    @Override
    public HttpResult query(String url) {
        return query(url, null, null);
    }

    @Override
    public HttpResult query(String url, String postData) {
        return query(url, postData, null);
    }

    @Override
    public HttpResult query(String url, String postData, String headers) {
        ConnectionRegistry generation = core.enter();
        try {
            return generation.engine().query(url, postData, headers);
        } finally {
            core.exit(generation);
        }
    }

    @Override
    public CompletableFuture<HttpResult> queryAsync(String url, String postData, String headers, Executor completions) {
        ConnectionRegistry generation = core.enter();
        CompletableFuture<HttpResult> f;
        try {
            f = generation.engine().queryAsync(url, postData, headers,
                    completions != null ? completions : core.completions());
        } catch (RuntimeException | Error e) {
            core.exit(generation);
            throw e;
        }
        f.whenComplete((r, e) -> core.exit(generation));
        return f;
    }

    @Override
    public String toString() {
        return "HttpQuery";
    }
}
