package dev.httpcon.cdi;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.engine.ConnectionRuntime;
import dev.httpcon.engine.FailoverPolicy;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Adapts a connection call to {@link FailoverPolicy}: on a curl error or a status of 500 or more,
 * the same request goes to the failover connection's bean (whose own interceptors count that
 * attempt and take the next hop). Bound only to connections that name a {@code failover}.
 */
@Interceptor
@HttpConFailover
@Priority(Priorities.FAILOVER)
public class FailoverInterceptor {

    @Inject
    HttpConContext context;

    @AroundInvoke
    Object failover(InvocationContext ctx) throws Exception {
        Object out = ctx.proceed();
        if (!(out instanceof HttpResult result) || !result.isFailure()) {
            return out;
        }
        ConnectionRuntime rt = context.runtime(((HttpConnection) ctx.getTarget()).name());
        return FailoverPolicy.apply(rt.name(), rt.settings().failover(), Invocations.request(ctx), result,
                context::bean);
    }
}
