package dev.httpcon.core;

import dev.httpcon.CurlError;
import dev.httpcon.HttpResult;
import java.time.Duration;

/**
 * The {@link Concern#BUDGET} stage: the time one call may take across every failover hop. Its
 * deadline belongs to the {@link Call} (set from the request's own timeout or deadline when the
 * call starts, handed on to each hop); here a hop's connection caps it with its
 * {@code total_timeout}, counted from the start of the hop, and a hop whose deadline has already
 * passed answers 28 without sending anything. The attempt gets the smaller of the connection's
 * {@code timeout} and what is left ({@link Pipeline#attempt}); {@link FailoverPolicy} starts no
 * hop once the budget is spent.
 */
final class Budget implements Stage {

    @Override
    public Concern concern() {
        return Concern.BUDGET;
    }

    @Override
    public HttpResult enter(Call call) {
        Duration total = call.runtime().settings().resilience().totalTimeout();
        if (total.isZero() && !call.hasDeadline) {
            return null;   // the original's behaviour: no budget, and no clock read
        }
        long now = System.nanoTime();
        if (!total.isZero()) {
            call.budget(now, total.toNanos(), call.runtime().name());
        }
        return call.spent(now) ? spent(call, "before connection '" + call.runtime().name() + "' was tried (not sent)")
                : null;
    }

    /** Code 28 for a call whose budget is spent: nothing was sent {@code where}. */
    static HttpResult spent(Call call, String where) {
        return HttpResult.builder().servedBy(call.runtime().name())
                .error(CurlError.OPERATION_TIMEDOUT, "Operation timed out: " + call.budgetText() + " was spent "
                        + where)
                .sent(false).elapsed(Duration.ZERO).build();
    }
}
