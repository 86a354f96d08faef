package dev.httpcon.restclient;

import dev.httpcon.HttpConTransportException;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Providers;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The last request filter of a typed client: sends the request the Rest Client built through the
 * named connection and aborts the JAX-RS request with the connection's answer, so nothing goes out
 * through the implementation's own transport. Every connection setting, failover, metrics and
 * redirect capture apply because the request goes through the connection (its CDI bean, with its
 * interceptors). A transport failure (a curl code) becomes a {@link ProcessingException} caused by
 * an {@link HttpConTransportException}.
 *
 * <p>Public only so that Rest Client implementations can inject its {@code @Context} field; not API.
 */
public final class ConnectionFilter implements ClientRequestFilter {

    /** The runtime's providers, to serialize the entity with its own MessageBodyWriters. */
    @Context
    Providers providers;

    private final String name;
    private final URI base;
    private final Supplier<HttpConnection> connection;

    ConnectionFilter(String name, URI base, Supplier<HttpConnection> connection) {
        this.name = Objects.requireNonNull(name, "name must be set");
        this.base = Objects.requireNonNull(base, "base must be set");
        this.connection = Objects.requireNonNull(connection, "connection must be set");
    }

    @Override
    public void filter(ClientRequestContext ctx) throws IOException {
        HttpRequest request = RequestMapping.toRequest(ctx, base, providers);
        HttpResult result = connection.get().send(request);
        if (result.isTransportError()) {
            HttpConTransportException cause = new HttpConTransportException(name, result);
            throw new ProcessingException(cause.getMessage(), cause);
        }
        Response response;
        try {
            response = ResponseMapping.toResponse(result);
        } catch (IllegalArgumentException outOfRange) {
            throw new ProcessingException("httpcon connection '" + name + "': HTTP status " + result.status()
                    + " cannot be given to JAX-RS (" + outOfRange.getMessage() + ")", outOfRange);
        }
        ctx.abortWith(response);
    }

    @Override
    public String toString() {
        return "httpcon ConnectionFilter[" + name + "]";
    }
}
