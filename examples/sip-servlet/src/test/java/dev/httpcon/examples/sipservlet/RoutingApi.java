package dev.httpcon.examples.sipservlet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real routing API on 127.0.0.1 (the JDK's HTTP server): {@code GET /route?uri=<SIP URI>}
 * answers 200 with the Contact as a text line, or 404 for an unknown user. Each instance has a
 * host of its own in its Contacts, so a test can tell which instance answered. Some users behave
 * badly on purpose:
 * <ul>
 *   <li>{@code sip:slow@...}: answers after 3 s (longer than the test connections' timeout);</li>
 *   <li>{@code sip:overload@...}: 503 from an instance named {@code primary}, routed by the others;</li>
 *   <li>{@code sip:broken@...}: 500 from every instance;</li>
 *   <li>{@code sip:garbage@...}: 200 with a body that is no SIP URI.</li>
 * </ul>
 */
final class RoutingApi implements AutoCloseable {

    private static final Map<String, String> USERS = Map.of(
            "alice", "sip:alice@%s:5060",
            "bob", "sip:bob@%s:5062;transport=udp",
            "slow", "sip:slow@%s:5060",
            "overload", "sip:overload@%s:5060");

    private final String name;
    private final String contactHost;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();

    private RoutingApi(String name, String contactHost) throws IOException {
        this.name = name;
        this.contactHost = contactHost;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/route", this::route);
        server.setExecutor(pool);
        server.start();
    }

    /** Starts an instance whose Contacts point at {@code contactHost}. */
    static RoutingApi start(String name, String contactHost) {
        try {
            return new RoutingApi(name, contactHost);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, for a connection definition. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests received so far. */
    int requests() {
        return requests.get();
    }

    /** A port on 127.0.0.1 where nothing listens (bound, then released). */
    static int deadPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void route(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String query = ex.getRequestURI().getRawQuery();
            String uri = query != null && query.startsWith("uri=")
                    ? URLDecoder.decode(query.substring(4), StandardCharsets.UTF_8) : "";
            String user = uri.startsWith("sip:") && uri.indexOf('@') > 4 ? uri.substring(4, uri.indexOf('@')) : "";
            if (user.equals("slow")) {
                sleep(3000);
            }
            if (user.equals("broken") || (user.equals("overload") && name.equals("primary"))) {
                reply(ex, 500 + (user.equals("overload") ? 3 : 0), "busy\n");
            } else if (user.equals("garbage")) {
                reply(ex, 200, "<html>not a route</html>\n");
            } else if (USERS.containsKey(user)) {
                reply(ex, 200, String.format(USERS.get(user), contactHost) + "\r\n");
            } else {
                reply(ex, 404, "unknown user\n");
            }
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
