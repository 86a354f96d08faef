package dev.httpcon.cdi;

import dev.httpcon.HttpConnection;
import java.net.URI;
import java.util.List;

/**
 * Finds MicroProfile Rest Client if the application has it, so that typed client beans can be
 * made; the classes that name its API ({@code dev.httpcon.restclient}) are loaded only then.
 * Without it, an {@code @HttpCon} interface injection point is a definition error that says what
 * to add.
 */
final class RestClientBridge {

    private static final List<String> API_CLASSES = List.of(
            "org.eclipse.microprofile.rest.client.RestClientBuilder", "jakarta.ws.rs.client.ClientRequestFilter");

    private RestClientBridge() {
    }

    /** Every reason {@code type} cannot be a typed client of a connection at {@code base}; empty if none. */
    static List<String> problems(Class<?> type, URI base) {
        if (!apiPresent()) {
            return List.of(Messages.restClientApiMissing());
        }
        return WithApi.problems(type, base);
    }

    /**
     * Builds the client with {@code loader} (the deployment's) as the context class loader: the
     * implementation reads MicroProfile Config through it (e.g.
     * {@code microprofile.rest.client.disable.default.mapper}), and a bean may be created on a
     * thread whose context loader is another one.
     */
    static Object create(HttpConnection connection, Class<?> type, ClassLoader loader) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader == null ? previous : loader);
        try {
            return WithApi.create(connection, type);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    static void close(Object client) {
        if (apiPresent()) {
            WithApi.close(client);
        }
    }

    private static boolean apiPresent() {
        try {
            for (String c : API_CLASSES) {
                Class.forName(c, false, RestClientBridge.class.getClassLoader());
            }
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /** Loaded only when the API is present, since it names the restclient package. */
    private static final class WithApi {
        static List<String> problems(Class<?> type, URI base) {
            return dev.httpcon.restclient.RestClients.problems(type, base);
        }

        static Object create(HttpConnection connection, Class<?> type) {
            return dev.httpcon.restclient.RestClients.create(connection, type);
        }

        static void close(Object client) {
            dev.httpcon.restclient.RestClients.close(client);
        }
    }
}
