package dev.httpcon.cdi;

import dev.httpcon.HttpResult;
import dev.httpcon.core.Call;
import dev.httpcon.core.Stage;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletionStage;

/**
 * Runs one core stage around an intercepted {@code Exchange.exchange(Call)}, with the protocol of
 * {@link Stage}: the container's interceptor chain stands for the plain-Java pipeline's nesting.
 * Around {@code Exchange.exchangeAsync(Call)}, whose result is a {@link CompletionStage}, the
 * stage's exit runs when that completes (as SmallRye Fault Tolerance treats asynchronous methods),
 * with the core's {@link Stage#around}: failover after an asynchronous failure, measurements when
 * the attempt ends.
 */
final class StageInvocation {

    private StageInvocation() {
    }

    @SuppressWarnings("unchecked")
    static Object around(Stage stage, InvocationContext ctx) throws Exception {
        Call call = (Call) ctx.getParameters()[0];
        if (CompletionStage.class.isAssignableFrom(ctx.getMethod().getReturnType())) {
            // Exchange.exchangeAsync: the concern's exit runs when the stage inside completes
            return Stage.around(stage, call, () -> (CompletionStage<HttpResult>) ctx.proceed());
        }
        HttpResult early = stage.enter(call);
        if (early != null) {
            return early;
        }
        HttpResult inner;
        try {
            inner = (HttpResult) ctx.proceed();
        } catch (Exception | Error e) {
            stage.abandon(call, e);
            throw e;
        }
        return stage.exit(call, inner);
    }
}
