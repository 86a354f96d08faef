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

/**
 * The last request filter of a typed client: sends the request the Rest Client built through the
 * named connection and aborts the JAX-RS request with the connection's answer, so nothing goes out
 * through the implementation's own transport. Every connection setting, failover, metrics and
 * redirect capture apply because the request goes through the connection (its CDI bean, with its
 * interceptors). A transport failure (a curl code) becomes a {@link ProcessingException} caused by
 * an {@link HttpConTransportException}.
 *
 * <p>Registered as a class, not an instance, and told its connection through a client property
 * ({@link #BINDING}): Jersey injects {@code @Context} fields only into providers it instantiates
 * itself. Public with a public constructor for that reason; not API.
 */
public final class ConnectionFilter implements ClientRequestFilter {

    /** The client property holding the {@link Binding} of a typed client. */
    static final String BINDING = "dev.httpcon.restclient.binding";

    /** The runtime's providers, to serialize the entity with its own MessageBodyWriters. */
    @Context
    Providers providers;

    /** For the Rest Client implementation, which instantiates its filters. */
    public ConnectionFilter() {
    }

    @Override
    public void filter(ClientRequestContext ctx) throws IOException {
        Binding binding = binding(ctx);
        AsyncMethods.Pending pending = AsyncMethods.PENDING.get();
        if (pending != null && pending.binding.equals(binding)) {
            if (pending.result != null) {   // a CompletionStage method's answer, come back
                answer(ctx, binding, pending.result);
                return;
            }
            pending.request = RequestMapping.toRequest(ctx, binding.base(), providers);
            throw new AsyncMethods.Captured();   // sent without waiting by AsyncMethods
        }
        HttpRequest request = RequestMapping.toRequest(ctx, binding.base(), providers);
        answer(ctx, binding, binding.connection().send(request));
    }

    /** Aborts the JAX-RS request with the connection's answer, or fails it with the transport error. */
    private static void answer(ClientRequestContext ctx, Binding binding, HttpResult result) {
        if (result.isTransportError()) {
            HttpConTransportException cause = new HttpConTransportException(binding.name(), result);
            throw new ProcessingException(cause.getMessage(), cause);
        }
        Response response;
        try {
            response = ResponseMapping.toResponse(result);
        } catch (IllegalArgumentException outOfRange) {
            throw new ProcessingException("httpcon connection '" + binding.name() + "': HTTP status "
                    + result.status() + " cannot be given to JAX-RS (" + outOfRange.getMessage() + ")", outOfRange);
        }
        ctx.abortWith(response);
    }

    private static Binding binding(ClientRequestContext ctx) {
        Object b = ctx.getConfiguration().getProperty(BINDING);
        if (!(b instanceof Binding binding)) {
            throw new ProcessingException("httpcon's request filter is registered on a client that was not made by"
                    + " RestClients.create (no " + BINDING + " property)");
        }
        return binding;
    }

    /**
     * What a typed client sends through: the connection, its name (for messages) and the base URI
     * the client was built with (requests are made relative to it).
     */
    record Binding(String name, URI base, HttpConnection connection) {
        Binding {
            Objects.requireNonNull(name, "name must be set");
            Objects.requireNonNull(base, "base must be set");
            Objects.requireNonNull(connection, "connection must be set");
        }

        @Override
        public String toString() {
            return "httpcon connection '" + name + "'";
        }
    }
}
