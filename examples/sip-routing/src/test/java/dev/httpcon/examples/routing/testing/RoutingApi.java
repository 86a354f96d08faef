package dev.httpcon.examples.routing.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A routing API on 127.0.0.1 for the SIP examples' tests (the JDK's HTTP server), with a rule a
 * test can check every SIP answer against. {@code GET <any base path>/route?uri=<SIP URI>} (a
 * connection's URL may be {@code http://127.0.0.1:<port>} or {@code .../api}) answers:
 * <ul>
 *   <li>{@code sip:u<N>@...}: 404 when N is a multiple of 5 ({@link #known}), else 200 with
 *       {@code sip:u<N>@<this instance's contact host>:5060}, so a test can tell which instance
 *       answered;</li>
 *   <li>{@code sip:barred@...}: 403;</li>
 *   <li>{@code sip:slow@...}: 200 after {@link #SLOW_MILLIS}, longer than any test connection's
 *       timeout;</li>
 *   <li>anything else: 404.</li>
 * </ul>
 * It can be stopped while a router is using it: its port then refuses connections.
 */
public final class RoutingApi implements AutoCloseable {

    /** How long {@code sip:slow@...} takes to be answered. */
    public static final long SLOW_MILLIS = 3000;

    private final String contactHost;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final AtomicInteger routed = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean stopped;

    private RoutingApi(String contactHost, int port) throws IOException {
        this.contactHost = contactHost;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        server.createContext("/", this::route);
        server.setExecutor(pool);
        server.start();
    }

    /** Starts an instance on a free port, whose Contacts point at {@code contactHost}. */
    public static RoutingApi start(String contactHost) {
        return start(contactHost, 0);
    }

    /**
     * Starts an instance on {@code port} (0: any free one), for a router configured with that port
     * before the test runs.
     */
    public static RoutingApi start(String contactHost, int port) {
        try {
            return new RoutingApi(contactHost, port);
        } catch (BindException e) {
            throw new IllegalStateException("routing API: cannot listen on 127.0.0.1:" + port
                    + " (" + e.getMessage() + "); is another process using it?", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether user {@code u<N>} is known: the rule every instance follows. */
    public static boolean known(int n) {
        return n % 5 != 0;
    }

    /** N of {@code sip:u<N>@...}, or 0. */
    public static int number(String uri) {
        int at = uri.indexOf('@');
        if (!uri.startsWith("sip:u") || at < 6) {
            return 0;
        }
        try {
            return Integer.parseInt(uri.substring(5, at));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String contactHost() {
        return contactHost;
    }

    /** 200 answers given. */
    public int routed() {
        return routed.get();
    }

    /** Requests answered so far, whatever the answer. */
    public int answered() {
        return routed.get() + refused.get();
    }

    private void route(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().endsWith("/route")) {
                reply(ex, 400, "not a route lookup: " + ex.getRequestURI() + "\n");
                return;
            }
            String query = ex.getRequestURI().getRawQuery();
            String uri = query != null && query.startsWith("uri=")
                    ? URLDecoder.decode(query.substring(4), StandardCharsets.UTF_8) : "";
            int n = number(uri);
            if (uri.startsWith("sip:slow@")) {
                try {
                    Thread.sleep(SLOW_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if ((n > 0 && known(n)) || uri.startsWith("sip:slow@")) {
                String user = n > 0 ? "u" + n : "slow";
                routed.incrementAndGet();
                reply(ex, 200, "sip:" + user + "@" + contactHost + ":5060\r\n");
            } else {
                refused.incrementAndGet();
                reply(ex, uri.startsWith("sip:barred@") ? 403 : 404, "no route\n");
            }
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** Stops answering: the port closes, open connections are dropped. */
    @Override
    public void close() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
