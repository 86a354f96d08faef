package dev.httpcon.cdi;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Counts one attempt on the connection that made it: the listcon ok/fail counts and, when
 * MicroProfile Metrics is present, the {@code httpclient.*} and {@code httpcon.*} metrics. Innermost.
 */
@Interceptor
@HttpConMetered
@Priority(Priorities.METRICS)
public class MetricsInterceptor {

    @Inject
    HttpConContext context;

    @AroundInvoke
    Object meter(InvocationContext ctx) throws Exception {
        long start = System.nanoTime();
        Object out = ctx.proceed();
        if (out instanceof HttpResult result) {
            context.runtime(((HttpConnection) ctx.getTarget()).name())
                    .recordAttempt(result, System.nanoTime() - start, context.metrics());
        }
        return out;
    }
}
