package dev.httpcon.cdi;

import dev.httpcon.HttpResult;
import dev.httpcon.core.Call;
import dev.httpcon.core.Stage;
import jakarta.interceptor.InvocationContext;

/**
 * Runs one core stage around an intercepted {@code Exchange.exchange(Call)}, with the protocol of
 * {@link Stage}: the container's interceptor chain stands for the plain-Java pipeline's nesting.
 */
final class StageInvocation {

    private StageInvocation() {
    }

    static Object around(Stage stage, InvocationContext ctx) throws Exception {
        Call call = (Call) ctx.getParameters()[0];
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
