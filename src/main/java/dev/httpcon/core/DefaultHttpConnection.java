package dev.httpcon.core;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The {@link HttpConnection} of every front door: each call becomes a {@link Call} on the
 * connection's runtime in the generation of the configuration in force when it starts, and goes
 * through that runtime's {@link Exchange}, so failover, redirect capture and measurements apply
 * whichever way the connection was obtained. Nothing of a generation is kept here: the object an
 * application holds stays the same while reloads replace the runtimes underneath it. A name a
 * reload removed answers -1, saying so.
 */
final class DefaultHttpConnection implements HttpConnection {

    private final String name;
    private final HttpConCore core;

    DefaultHttpConnection(String name, HttpConCore core) {
        this.name = name;
        this.core = core;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HttpResult get(String path) {
        return send(HttpRequest.get(path));
    }

    @Override
    public HttpResult post(String path, String contentType, String body) {
        return send(HttpRequest.post(path, contentType, body));
    }

    @Override
    public HttpResult get(String path, Map<String, String> headers) {
        return send(HttpRequest.of("GET", path, headers, null, null));
    }

    @Override
    public HttpResult post(String path, String contentType, String body, Map<String, String> headers) {
        return send(HttpRequest.of("POST", path, headers, contentType, body));
    }

    @Override
    public HttpResult send(HttpRequest request) {
        Objects.requireNonNull(request, "request must be set");
        ConnectionRegistry generation = core.enter();
        try {
            ConnectionRuntime runtime = generation.runtime(name);
            if (runtime == null) {
                return core.undefined(name, generation);
            }
            return core.exchange(runtime).exchange(new Call(runtime, request, generation, core));
        } finally {
            core.exit(generation);
        }
    }

    @Override
    public CompletableFuture<HttpResult> getAsync(String path) {
        return sendAsync(HttpRequest.get(path), null);
    }

    @Override
    public CompletableFuture<HttpResult> postAsync(String path, String contentType, String body) {
        return sendAsync(HttpRequest.post(path, contentType, body), null);
    }

    @Override
    public CompletableFuture<HttpResult> sendAsync(HttpRequest request) {
        return sendAsync(request, null);
    }

    /**
     * As {@link #send}: the call enters the configuration's current generation, and leaves it when
     * it completes. It completes on {@code completions}, else on the connection's
     * {@code async_executor}, else on the core's pool; its failover hops complete there too (a reload drains a generation only once its calls, asynchronous ones included,
     * have ended).
     */
    @Override
    public CompletableFuture<HttpResult> sendAsync(HttpRequest request, Executor completions) {
        Objects.requireNonNull(request, "request must be set");
        ConnectionRegistry generation = core.enter();
        AsyncCall async;
        CompletionStage<HttpResult> call;
        try {
            ConnectionRuntime runtime = generation.runtime(name);
            async = new AsyncCall(name, completions != null ? completions
                    : runtime != null && runtime.completions() != null ? runtime.completions() : core.completions());
            call = runtime == null ? CompletableFuture.completedFuture(core.undefined(name, generation))
                    : core.exchange(runtime).exchangeAsync(new Call(runtime, request, generation, core, async));
        } catch (RuntimeException | Error e) {
            core.exit(generation);
            throw e;
        }
        call.whenComplete((r, e) -> {
            core.exit(generation);
            async.settle(r, e);
        });
        return async;
    }

    @Override
    public String lastRedirect() {
        ConnectionRuntime r = core.registry().runtime(name);
        return r == null ? "" : r.lastRedirect();
    }

    @Override
    public String lastContentType() {
        ConnectionRuntime r = core.registry().runtime(name);
        return r == null ? null : r.lastContentType();
    }

    /** @throws NoSuchElementException if a reload removed this connection */
    @Override
    public ConnectionInfo info() {
        ConnectionRuntime r = core.registry().runtime(name);
        if (r == null) {
            throw new NoSuchElementException(core.whyUndefined(name));
        }
        return r.info();
    }

    @Override
    public String toString() {
        return "HttpConnection[" + name + "]";
    }
}
