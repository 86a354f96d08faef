package dev.httpcon.core;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The {@link HttpConnection} of every front door: each call becomes a {@link Call} on the
 * connection's current runtime and goes through its {@link Exchange}, so failover, redirect
 * capture and measurements apply whichever way the connection was obtained. The runtime is looked
 * up on every call rather than kept, so the object an application holds stays the same while the
 * registry's runtimes may be replaced underneath it.
 */
final class DefaultHttpConnection implements HttpConnection {

    private final String name;
    private final HttpConCore core;
    private final Exchange exchange;

    DefaultHttpConnection(String name, HttpConCore core, Exchange exchange) {
        this.name = name;
        this.core = core;
        this.exchange = exchange;
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
    public HttpResult send(HttpRequest request) {
        Objects.requireNonNull(request, "request must be set");
        return exchange.exchange(new Call(runtime(), request, core));
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

    @Override
    public CompletableFuture<HttpResult> sendAsync(HttpRequest request, Executor completions) {
        Objects.requireNonNull(request, "request must be set");
        AsyncCall async = new AsyncCall(name, completions != null ? completions : core.completions());
        exchange.exchangeAsync(new Call(runtime(), request, core, async)).whenComplete(async::settle);
        return async;
    }

    /** The next hop of {@code from} (a failover), through this connection's concerns. */
    HttpResult hop(Call from) {
        return exchange.exchange(from.next(runtime()));
    }

    /** {@link #hop} of an asynchronous call. */
    CompletionStage<HttpResult> hopAsync(Call from) {
        return exchange.exchangeAsync(from.next(runtime()));
    }

    @Override
    public String lastRedirect() {
        return runtime().lastRedirect();
    }

    @Override
    public String lastContentType() {
        return runtime().lastContentType();
    }

    @Override
    public ConnectionInfo info() {
        return runtime().info();
    }

    private ConnectionRuntime runtime() {
        return core.registry().runtime(name);
    }

    @Override
    public String toString() {
        return "HttpConnection[" + name + "]";
    }
}
