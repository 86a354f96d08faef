package dev.httpcon.core;

import dev.httpcon.HttpResult;

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
 * {@code exit} when the attempt completes. Stages are shared by every call of a deployment: they
 * keep per-call state in the {@link Call}, never in fields.
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
}
