package dev.httpcon.core;

import dev.httpcon.CurlError;
import dev.httpcon.HttpResult;
import dev.httpcon.engine.HttpEngine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The future an asynchronous call returns, and what every hop of that call shares: where its
 * attempts complete (the caller's {@link Executor}), the attempt in flight (to stop it), and
 * whether the caller cancelled.
 *
 * <p>Cancelling stops the attempt in flight (the engine aborts its exchange, releases its
 * connection and answers 42, which neither fails over nor counts against the server's health),
 * starts no further hop, and completes this future normally with code 42 on the cancelling
 * thread: the result says what happened, as for every other failure, so {@code isCancelled()}
 * stays false. Never completes exceptionally for network or server trouble; only a bug in a
 * stage does that.
 */
final class AsyncCall extends CompletableFuture<HttpResult> {

    private final String connection;
    /** Where attempts complete, so the stages' exits and the caller's code never run on an I/O thread. */
    final Executor completions;
    /** The attempt in flight, or the last one. */
    private volatile CompletableFuture<HttpResult> current;
    private volatile boolean cancelled;

    AsyncCall(String connection, Executor completions) {
        this.connection = connection;
        this.completions = completions;
    }

    /** Makes {@code attempt} the one in flight; stops it at once if the call was cancelled meanwhile. */
    CompletableFuture<HttpResult> track(CompletableFuture<HttpResult> attempt) {
        current = attempt;
        if (cancelled) {
            attempt.cancel(true);
        }
        return attempt;
    }

    /** Whether the caller cancelled: no further attempt is started. */
    boolean cancelled() {
        return cancelled;
    }

    /** Hands over the call's result (or a stage's bug). */
    void settle(HttpResult result, Throwable failure) {
        if (failure != null) {
            completeExceptionally(failure);
        } else {
            complete(result);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (isDone()) {
            return false;
        }
        cancelled = true;
        CompletableFuture<HttpResult> attempt = current;
        if (attempt != null) {
            // The engine completes the attempt with 42 on this thread; the stages' exits follow
            // at once (42 does not fail over) and usually settle this future with the whole trail.
            attempt.cancel(true);
        }
        // Between hops, or before the first attempt: settled here; a later hop sees the flag.
        complete(HttpEngine.cancelled(connection));
        HttpResult r = getNow(null);
        return r != null && r.error() == CurlError.ABORTED_BY_CALLBACK;
    }
}
