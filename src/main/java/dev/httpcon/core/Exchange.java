package dev.httpcon.core;

import dev.httpcon.HttpResult;
import java.util.concurrent.CompletionStage;

/**
 * The door through which a call enters a connection's concerns. Without a container the exchange
 * runs the whole {@link Pipeline} itself; in CDI it makes only the attempt, and the container
 * wraps it (an {@code InterceptionFactory} on this concrete class) with one interceptor per
 * concern, so the interceptors run the same stages in the same order.
 *
 * <p>Internal. Public and proxyable (not final, a no-argument constructor) only because a container
 * must subclass it; an application cannot make a {@link Call} to pass.
 */
public class Exchange {

    private final Pipeline pipeline;
    private final boolean composes;

    /** For a container's proxy, which delegates every call to the exchange it wraps. */
    protected Exchange() {
        this.pipeline = null;
        this.composes = false;
    }

    Exchange(Pipeline pipeline, boolean composes) {
        this.pipeline = pipeline;
        this.composes = composes;
    }

    /** Runs the call through the concerns (or, when a container runs them, makes its attempt). */
    public HttpResult exchange(Call call) {
        return composes ? pipeline.run(call) : pipeline.attempt(call);
    }

    /**
     * {@link #exchange} for an asynchronous call: returns at once; the stage completes, on the
     * call's executor, once the concerns have run around the attempt. A container's interceptors
     * see the {@link CompletionStage} and run their concern's exit when it completes.
     */
    public CompletionStage<HttpResult> exchangeAsync(Call call) {
        return composes ? pipeline.runAsync(call) : pipeline.attemptAsync(call);
    }
}
