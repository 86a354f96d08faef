package dev.httpcon.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URLDecoder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's HTTP endpoints, on 127.0.0.1 and free ports, on the JDK's own HTTP server (the
 * command jar carries no server library):
 *
 * <ul>
 *   <li><b>routing API</b> ({@code /api}, Basic authentication {@value #USER} / {@link #PASSWORD}):
 *       {@code GET /api/route?user=U} answers a JSON route, {@code POST /api/route} stores a
 *       registration (201);</li>
 *   <li><b>dead primary</b>: a port held and never listened on, so connecting is refused;</li>
 *   <li><b>moved API</b>: {@code /v1/...} answers 301 to {@code /v2/...}, which answers like the routing API;</li>
 *   <li><b>slow API</b>: answers after {@link #SLOW}.</li>
 * </ul>
 */
final class DemoServers implements AutoCloseable {

    static final String USER = "demo";
    /** The routing API's password: a demo value, shown only as {@code ****}. */
    static final String PASSWORD = "demo-secret";
    static final Duration SLOW = Duration.ofSeconds(2);

    private final ExecutorService executor;
    private final HttpServer routing;
    private final HttpServer moved;
    private final HttpServer slow;
    /** Holds the dead primary's port: bound, never listening, so nothing else can take it. */
    private final SocketChannel dead;
    private final int deadPort;

    private DemoServers() throws IOException {
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "demo-server");
            t.setDaemon(true);
            return t;
        });
        dead = boundNotListening();
        deadPort = ((InetSocketAddress) dead.getLocalAddress()).getPort();
        routing = server();
        moved = server();
        slow = server();
        routing.createContext("/api/route", DemoServers::route);
        moved.createContext("/v1/", ex -> {
            String target = "/v2/" + ex.getRequestURI().getRawPath().substring("/v1/".length())
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            ex.getResponseHeaders().add("Location", target);
            send(ex, 301, "text/plain", "moved to " + target + "\n");
        });
        moved.createContext("/v2/route", ex -> send(ex, 200, "application/json",
                Json.write(route(param(ex, "user"), "v2"))));
        slow.createContext("/", ex -> {
            try {
                Thread.sleep(SLOW.toMillis());
                send(ex, 200, "text/plain", "finally\n");
            } catch (InterruptedException stopped) {
                ex.close();
            }
        });
        for (HttpServer s : new HttpServer[] {routing, moved, slow}) {
            s.start();
        }
    }

    /** Starts every endpoint. */
    static DemoServers start() throws IOException {
        return new DemoServers();
    }

    String routingUrl() {
        return base(routing) + "/api";
    }

    String deadUrl() {
        return "http://127.0.0.1:" + deadPort + "/api";
    }

    String movedUrl() {
        return base(moved) + "/v1";
    }

    String slowUrl() {
        return base(slow) + "/api";
    }

    @Override
    public void close() {
        for (HttpServer s : new HttpServer[] {routing, moved, slow}) {
            s.stop(0);
        }
        executor.shutdownNow();   // wakes the slow handler
        try {
            dead.close();
        } catch (IOException ignored) {
            // released anyway
        }
    }

    private HttpServer server() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setExecutor(executor);
        return s;
    }

    private static String base(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    /**
     * A TCP socket bound to a port of 127.0.0.1, never connected nor listening: the kernel refuses
     * every connection to that port, and no one else can bind it while it is held (not a port that
     * was free a moment ago, which another program may take at any time). The tests' RefusedPort does
     * the same; the command cannot use test code.
     */
    private static SocketChannel boundNotListening() throws IOException {
        SocketChannel s = SocketChannel.open();
        try {
            s.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static void route(HttpExchange ex) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"routing\"");
            send(ex, 401, "text/plain", "authentication required\n");
            return;
        }
        switch (ex.getRequestMethod()) {
            case "GET" -> send(ex, 200, "application/json", Json.write(route(param(ex, "user"), "v1")));
            case "POST" -> {
                int bytes;
                try (InputStream body = ex.getRequestBody()) {
                    bytes = body.readAllBytes().length;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("stored", true);
                m.put("bytes", bytes);
                m.put("contentType", ex.getRequestHeaders().getFirst("Content-Type"));
                send(ex, 201, "application/json", Json.write(m));
            }
            default -> send(ex, 405, "text/plain", "GET or POST\n");
        }
    }

    private static Map<String, Object> route(String user, String api) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", user);
        m.put("route", user == null ? null : "sip:" + user + "@192.0.2.10:5060");
        m.put("api", api);
        return m;
    }

    private static String param(HttpExchange ex, String name) {
        String query = ex.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
