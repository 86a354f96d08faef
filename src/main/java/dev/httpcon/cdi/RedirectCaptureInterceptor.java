package dev.httpcon.cdi;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Remembers, for the calling thread, the effective URL and content type of the result a connection
 * returned: what {@code lastRedirect()} and {@code lastContentType()} answer (the original's
 * {@code http_get_redirect} and {@code http_get_content_type}). Outermost, so after failover it
 * describes the response the caller actually holds.
 */
@Interceptor
@HttpConRedirectCapture
@Priority(Priorities.REDIRECT_CAPTURE)
public class RedirectCaptureInterceptor {

    @Inject
    HttpConContext context;

    @AroundInvoke
    Object capture(InvocationContext ctx) throws Exception {
        Object out = ctx.proceed();
        if (out instanceof HttpResult result) {
            context.runtime(((HttpConnection) ctx.getTarget()).name()).remember(result);
        }
        return out;
    }
}
