package dev.httpcon.core;

import dev.httpcon.HttpResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

    /**
     * An asynchronous call has no calling thread to remember for: its result goes to whoever holds
     * the future, who reads {@link HttpResult#effectiveUrl()} and {@link HttpResult#contentType()}
     * from it. Remembering for the thread that happens to complete it (a pool's) would only leave a
     * stale answer there for some later, unrelated caller.
     */
    @Override
    public CompletionStage<HttpResult> exitAsync(Call call, HttpResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
