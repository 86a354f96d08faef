package dev.httpcon.testing;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The thread on which an asynchronous call completes, as code attached to its stage sees it.
 *
 * <p>Code attached to a stage that is already complete runs on the thread that attaches it, so a
 * test that starts a call and then attaches its probe races the call: on a busy machine the
 * calling thread can be descheduled until the call is over, and the probe then reports the test's
 * own thread. Completions never run on the test's thread (it is no executor's), so a probe that
 * ran there only says the call ended first: the call is made again, up to {@value #TRIES} times.
 */
public final class CompletionThread {

    private static final int TRIES = 20;

    private CompletionThread() {
    }

    /** Starts {@code call} (again, while it ends before the probe is attached) and names the completing thread. */
    public static String of(Supplier<? extends CompletionStage<?>> call) throws Exception {
        String me = Thread.currentThread().getName();
        for (int i = 0; i < TRIES; i++) {
            AtomicReference<String> thread = new AtomicReference<>();
            call.get().whenComplete((r, e) -> thread.set(Thread.currentThread().getName()))
                    .toCompletableFuture().get(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS);
            if (!me.equals(thread.get())) {
                return thread.get();
            }
        }
        throw new AssertionError("the call ended before its probe was attached " + TRIES + " times in a row");
    }
}
