package dev.httpcon.core;

import dev.httpcon.HttpResult;

/**
 * The {@link Concern#REDIRECT_CAPTURE} stage: remembers, for the calling thread, the effective URL
 * and content type of the result a connection returned, which {@code lastRedirect()} and
 * {@code lastContentType()} answer (the original's {@code http_get_redirect} and
 * {@code http_get_content_type}).
 */
final class RedirectCapture implements Stage {

    @Override
    public Concern concern() {
        return Concern.REDIRECT_CAPTURE;
    }

    @Override
    public HttpResult exit(Call call, HttpResult result) {
        call.runtime().remember(result);
        return result;
    }
}
