package dev.httpcon.core;

import dev.httpcon.HttpQuery;
import dev.httpcon.HttpResult;

/**
 * {@code http_client_query} over the engine, with the global settings of the generation in force
 * when the query starts: no named connection, no concerns.
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
    public String toString() {
        return "HttpQuery";
    }
}
