package dev.httpcon.core;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.ConnectionState;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.ReloadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** The developer API over a core: connections by name go through their front doors. */
final class DefaultHttpConnections implements HttpConnections {

    private final HttpConCore core;

    DefaultHttpConnections(HttpConCore core) {
        this.core = core;
    }

    @Override
    public boolean exists(String name) {
        return name != null && core.registry().runtime(name) != null;
    }

    @Override
    public HttpResult connect(String name, String path, String contentType, String body) {
        if (!exists(name)) {
            return HttpResult.invalid(core.whyUndefined(name));
        }
        HttpConnection c = core.front(name);
        return body == null ? c.get(path) : c.post(path, contentType, body);
    }

    @Override
    public HttpResult connect(String name, String path, String contentType, String body, Map<String, String> headers) {
        if (!exists(name)) {
            return HttpResult.invalid("no connection named '" + name + "'; defined: " + names());
        }
        HttpConnection c = core.front(name);
        return body == null ? c.get(path, headers) : c.post(path, contentType, body, headers);
    }

    @Override
    public HttpResult query(String url, String post) {
        return core.query().query(url, post);
    }

    @Override
    public CompletableFuture<HttpResult> connectAsync(String name, String path, String contentType, String body,
                                                      Executor completions) {
        if (!exists(name)) {
            return CompletableFuture.completedFuture(
                    HttpResult.invalid("no connection named '" + name + "'; defined: " + names()));
        }
        HttpConnection c = core.front(name);
        return c.sendAsync(body == null ? HttpRequest.get(path) : HttpRequest.post(path, contentType, body),
                completions);
    }

    @Override
    public CompletableFuture<HttpResult> queryAsync(String url, String post, Executor completions) {
        return core.query().queryAsync(url, post, null, completions);
    }

    @Override
    public String contentType(String name) {
        return exists(name) ? core.front(name).lastContentType() : null;
    }

    @Override
    public HttpConnection get(String name) {
        return find(name).orElseThrow(() -> new NoSuchElementException(core.whyUndefined(name)));
    }

    @Override
    public Optional<HttpConnection> find(String name) {
        return exists(name) ? Optional.of(core.front(name)) : Optional.empty();
    }

    @Override
    public Set<String> names() {
        return core.registry().names();
    }

    @Override
    public List<ConnectionInfo> list() {
        List<ConnectionInfo> rows = new ArrayList<>();
        for (ConnectionRuntime r : core.registry().runtimes()) {
            rows.add(r.info());
        }
        return rows;
    }

    @Override
    public ReloadResult reload() {
        return core.reload(ReloadResult.Trigger.API);
    }

    @Override
    public ConnectionState state(String name) {
        return core.state(name);
    }

    @Override
    public ConnectionState disable(String name) {
        return core.disable(name);
    }

    @Override
    public ConnectionState enable(String name) {
        return core.enable(name);
    }

    @Override
    public String toString() {
        return "HttpConnections" + names();
    }
}
