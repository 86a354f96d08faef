package dev.httpcon.cdi;

import dev.httpcon.core.Concern;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Adapts the core's {@link Concern#HEALTH} stage: skips a connection that is not AVAILABLE (code 7, nothing
 * sent) and lets each attempt's outcome move its state. Bound to every connection (an operator
 * may disable any of them).
 */
@Interceptor
@HttpConHealth
@Priority(Priorities.HEALTH)
public class HealthInterceptor {

    @Inject
    HttpConContext context;

    @AroundInvoke
    Object health(InvocationContext ctx) throws Exception {
        return StageInvocation.around(context.stage(Concern.HEALTH), ctx);
    }
}
