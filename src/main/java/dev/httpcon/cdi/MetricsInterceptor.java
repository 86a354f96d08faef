package dev.httpcon.cdi;

import dev.httpcon.core.Concern;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Adapts the core's {@link Concern#MEASUREMENTS} stage: counts one attempt on the connection that
 * made it, the listcon ok/fail counts and, when MicroProfile Metrics is present, the
 * {@code httpclient.*} and {@code httpcon.*} metrics. Innermost.
 */
@Interceptor
@HttpConMetered
@Priority(Priorities.METRICS)
public class MetricsInterceptor {

    @Inject
    HttpConContext context;

    @AroundInvoke
    Object meter(InvocationContext ctx) throws Exception {
        return StageInvocation.around(context.stage(Concern.MEASUREMENTS), ctx);
    }
}
