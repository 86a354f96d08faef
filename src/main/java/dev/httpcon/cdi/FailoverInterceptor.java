package dev.httpcon.cdi;

import dev.httpcon.core.Concern;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Adapts the core's {@link Concern#FAILOVER} stage: on a curl error or a status of 500 or more, the
 * same request goes through the failover connection (whose own interceptors count that attempt
 * and take the next hop). Bound only to connections that name a {@code failover}.
 */
@Interceptor
@HttpConFailover
@Priority(Priorities.FAILOVER)
public class FailoverInterceptor {

    @Inject
    HttpConContext context;

    @AroundInvoke
    Object failover(InvocationContext ctx) throws Exception {
        return StageInvocation.around(context.stage(Concern.FAILOVER), ctx);
    }
}
