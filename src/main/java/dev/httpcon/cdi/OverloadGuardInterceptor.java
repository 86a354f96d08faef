package dev.httpcon.cdi;

import dev.httpcon.core.Concern;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Adapts the core's {@link Concern#OVERLOAD_GUARD} stage: refuses a call beyond {@code max_concurrent} at once with
 * code 89. Bound only to connections with {@code max_concurrent}.
 */
@Interceptor
@HttpConOverloadGuard
@Priority(Priorities.OVERLOAD_GUARD)
public class OverloadGuardInterceptor {

    @Inject
    HttpConContext context;

    @AroundInvoke
    Object guard(InvocationContext ctx) throws Exception {
        return StageInvocation.around(context.stage(Concern.OVERLOAD_GUARD), ctx);
    }
}
