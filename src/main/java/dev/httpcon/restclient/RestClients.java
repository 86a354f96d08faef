package dev.httpcon.restclient;

import dev.httpcon.HttpConnection;
import java.io.Closeable;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.RestClientDefinitionException;

/**
 * Typed MicroProfile Rest Client interfaces that send through a named connection. In a CDI
 * application inject them ({@code @Inject @HttpCon("billing") BillingApi billing}); this class is
 * what that bean is made with, and works the same without a container:
 *
 * <pre>{@code
 * try (StandaloneHttpCon http = StandaloneHttpCon.start(
 *         Map.of("httpclient.httpcon", "billing=>https://billing.example.com/v1"))) {
 *     BillingApi billing = RestClients.create(http.connection("billing"), BillingApi.class);
 *     Invoice i = billing.invoice(42);
 * }
 * }</pre>
 *
 * <p>The client is built with the standard {@link RestClientBuilder} (base URI: the connection's
 * URL) and one extra request filter, registered last, that sends the built request through the
 * connection and hands its answer back to the implementation. Everything the implementation does
 * around the transport still happens: parameter conversion, request and response filters,
 * {@code ResponseExceptionMapper}s, message body readers and writers. Everything the connection
 * defines applies: timeout, redirects, proxy, TLS, credentials, user agent, maxdatasize,
 * keep_connections, failover and metrics. See {@code docs/architecture.md} for why and for the
 * limits (bodies are buffered, {@code WriterInterceptor}s do not run, no server-sent events).
 *
 * <p>A method returning {@code CompletionStage} sends with the connection's asynchronous call: no
 * thread waits while it is in flight, and the stage completes where the connection's asynchronous
 * calls complete ({@code async_executor}, else httpcon's completion pool).
 */
public final class RestClients {

    private RestClients() {
    }

    /**
     * A typed client of {@code type} sending through {@code connection}.
     *
     * @throws RestClientDefinitionException if {@code type} is not a valid Rest Client interface
     */
    public static <T> T create(HttpConnection connection, Class<T> type) {
        Objects.requireNonNull(connection, "connection must be set");
        Objects.requireNonNull(type, "type must be set");
        List<String> problems = InterfaceCheck.problems(type);
        if (!problems.isEmpty()) {
            throw new RestClientDefinitionException(type.getName() + " " + String.join("; ", problems));
        }
        URI base = builderBase(URI.create(connection.info().url()));
        ConnectionFilter.Binding binding = new ConnectionFilter.Binding(connection.name(), base, connection);
        T client = RestClientBuilder.newBuilder()
                .baseUri(base)
                .executorService(AsyncMethods.INLINE)
                .property(ConnectionFilter.BINDING, binding)
                .register(ConnectionFilter.class, Integer.MAX_VALUE)
                .build(type);
        return AsyncMethods.wrap(type, client, binding);
    }

    /**
     * Every reason {@code type} cannot be a typed client, empty if it can: httpcon's own checks,
     * then the implementation's ({@link RestClientBuilder#build} with {@code base}, closed at once).
     * Never throws for a bad interface.
     */
    public static List<String> problems(Class<?> type, URI base) {
        List<String> problems = InterfaceCheck.problems(type);
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            Object client = RestClientBuilder.newBuilder().baseUri(builderBase(base)).build(type);
            close(client);
            return List.of();
        } catch (RestClientDefinitionException e) {
            return List.of("is not a valid Rest Client interface: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return List.of("cannot be built as a Rest Client (" + e + ")");
        }
    }

    /** Closes a client made by {@link #create}; anything else is left alone. */
    public static void close(Object client) {
        if (client instanceof Closeable c) {
            try {
                c.close();
            } catch (java.io.IOException | RuntimeException ignored) {
                // closing an unused RESTEasy/CXF/Jersey client has nothing to report
            }
        }
    }

    /**
     * The base URI given to the builder: the connection's URL without its query string. The
     * engine adds that query itself when it joins the relative path back (see RequestMapping).
     */
    static URI builderBase(URI url) {
        String s = url.toString();
        int q = s.indexOf('?');
        int f = s.indexOf('#');
        int cut = q < 0 ? f : (f < 0 ? q : Math.min(q, f));
        // string surgery rather than URI's multi-argument constructor, which would quote the '%'
        // of an already encoded path a second time
        return cut < 0 ? url : URI.create(s.substring(0, cut));
    }
}
