package dev.httpcon.core;

import dev.httpcon.HttpResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One concern's code around the attempts of a call. A stage never calls the next one itself: the
 * front door runs the stages, in {@link Concern} order, with this protocol (the plain-Java
 * {@link Pipeline} and the CDI interceptors alike):
 *
 * <pre>{@code
 * HttpResult early = stage.enter(call);             // a gate may answer here: nothing inside runs
 * if (early != null) return early;
 * HttpResult inner;
 * try {
 *     inner = <the stages inside, then the attempt>;
 * } catch (RuntimeException | Error e) {
 *     stage.abandon(call, e);                       // release what enter() took, then rethrow
 *     throw e;
 * }
 * return stage.exit(call, inner);
 * }</pre>
 *
 * <p>Split in two steps rather than one method around a continuation, so that neither front door
 * allocates a continuation per stage and call, and so that an asynchronous front door can run
 * {@code exit} when the attempt completes: {@link #around} is the same protocol for a call whose
 * inner stages give a {@link CompletionStage}, and {@link #exitAsync} the exit of such a call.
 * Stages are shared by every call of a deployment: they keep per-call state in the {@link Call},
 * never in fields.
 */
public interface Stage {

    /** The concern this stage implements. */
    Concern concern();

    /**
     * Before the stages inside this one. A non-null result ends the call here: neither the inner
     * stages nor the attempt run, and this stage's {@link #exit} is not called.
     */
    default HttpResult enter(Call call) {
        return null;
    }

    /** After the inner stages, with their result; returns what the stages outside get. */
    default HttpResult exit(Call call, HttpResult result) {
        return result;
    }

    /**
     * The inner stages threw (a bug: network and server trouble is a result, never an exception);
     * releases whatever {@link #enter} took. The exception then goes on to the caller.
     */
    default void abandon(Call call, Throwable failure) {
    }

    /**
     * {@link #exit} of an asynchronous call, run when the inner stages' result is there: a stage
     * whose exit sends again (failover) does so without waiting, and returns the later result.
     */
    default CompletionStage<HttpResult> exitAsync(Call call, HttpResult result) {
        return CompletableFuture.completedFuture(exit(call, result));
    }

    /** The inner stages of an asynchronous call, as the plain-Java pipeline or a container runs them. */
    @FunctionalInterface
    interface Inner {
        CompletionStage<HttpResult> proceed() throws Exception;
    }

    /**
     * Runs {@code stage} around {@code inner} for an asynchronous call, with the protocol above:
     * {@code enter} now, {@code exitAsync} (or {@code abandon}) when the inner stages complete.
     * The one implementation for both front doors (the plain-Java pipeline and the CDI interceptors).
     */
    static CompletionStage<HttpResult> around(Stage stage, Call call, Inner inner) throws Exception {
        HttpResult early = stage.enter(call);
        if (early != null) {
            return CompletableFuture.completedFuture(early);
        }
        CompletionStage<HttpResult> pending;
        try {
            pending = inner.proceed();
        } catch (Exception | Error e) {
            stage.abandon(call, e);
            throw e;
        }
        // One future per stage and call, completed from the inner one: every call runs this once
        // per concern, so it is kept to one dependent and one future (no handle-then-compose pair).
        CompletableFuture<HttpResult> out = new CompletableFuture<>();
        pending.whenComplete((result, failure) -> {
            try {
                settle(stage, call, result, failure, out);
            } catch (RuntimeException | Error bug) {
                out.completeExceptionally(bug);   // whatever a stage throws ends the call, never hangs it
            }
        });
        return out;
    }

    /** The second half of {@link #around}: {@code out} completes on every path. */
    private static void settle(Stage stage, Call call, HttpResult result, Throwable failure,
                               CompletableFuture<HttpResult> out) {
        if (failure != null) {
            Throwable cause = unwrap(failure);
            try {
                stage.abandon(call, cause);
            } catch (RuntimeException | Error another) {
                if (another != cause) {
                    cause.addSuppressed(another);
                }
            }
            out.completeExceptionally(cause);
            return;
        }
        CompletionStage<HttpResult> exit = stage.exitAsync(call, result);
        if (exit == null) {
            throw new NullPointerException(stage.concern() + " stage gave no exit stage");
        }
        if (exit instanceof CompletableFuture<HttpResult> done && done.isDone() && !done.isCompletedExceptionally()) {
            out.complete(done.join());   // the usual exit: already there, no further dependent
            return;
        }
        exit.whenComplete((r, f) -> {
            if (f != null) {
                out.completeExceptionally(unwrap(f));
            } else {
                out.complete(r);
            }
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
