package dev.httpcon.cdi;

import dev.httpcon.core.Concern;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Adapts the core's {@link Concern#BUDGET} stage: caps the call's deadline with the connection's
 * {@code total_timeout} and answers 28 at once when it has passed. Bound to every connection (a
 * request may bring its own deadline).
 */
@Interceptor
@HttpConBudget
@Priority(Priorities.BUDGET)
public class BudgetInterceptor {

    @Inject
    HttpConContext context;

    @AroundInvoke
    Object budget(InvocationContext ctx) throws Exception {
        return StageInvocation.around(context.stage(Concern.BUDGET), ctx);
    }
}
