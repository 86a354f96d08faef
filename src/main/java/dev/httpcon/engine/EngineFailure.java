package dev.httpcon.engine;

import dev.httpcon.CurlError;

/**
 * A request failed in a way that has a libcurl code: thrown inside the engine, always turned into
 * an {@link dev.httpcon.HttpResult} before {@link HttpEngine} returns. The message is for people
 * and never holds credentials.
 */
final class EngineFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient CurlError error;

    EngineFailure(CurlError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    CurlError error() {
        return error;
    }
}
