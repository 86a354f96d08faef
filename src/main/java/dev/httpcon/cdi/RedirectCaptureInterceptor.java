package dev.httpcon.cdi;

import dev.httpcon.core.Concern;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Adapts the core's {@link Concern#REDIRECT_CAPTURE} stage: remembers, for the calling thread, the
 * effective URL and content type of the result a connection returned, what {@code lastRedirect()}
 * and {@code lastContentType()} answer. Outermost, so after failover it describes the response
 * the caller actually holds.
 */
@Interceptor
@HttpConRedirectCapture
@Priority(Priorities.REDIRECT_CAPTURE)
public class RedirectCaptureInterceptor {

    @Inject
    HttpConContext context;

    @AroundInvoke
    Object capture(InvocationContext ctx) throws Exception {
        return StageInvocation.around(context.stage(Concern.REDIRECT_CAPTURE), ctx);
    }
}
