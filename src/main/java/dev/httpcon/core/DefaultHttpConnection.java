package dev.httpcon.core;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.util.Map;
import java.util.Objects;

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
        return exchange.exchange(new Call(runtime(), request, core));
    }

    /** The next hop of {@code from} (a failover), through this connection's concerns. */
    HttpResult hop(Call from) {
        return exchange.exchange(from.next(runtime()));
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
