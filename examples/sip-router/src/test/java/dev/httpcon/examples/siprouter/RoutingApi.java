package dev.httpcon.examples.siprouter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A routing API on 127.0.0.1 for the end-to-end test (the JDK's HTTP server), with a rule the
 * test can check every SIP answer against: {@code GET /route?uri=sip:u<N>@...} answers 404 when
 * N is a multiple of 5, else 200 with {@code sip:u<N>@<this instance's host>:5060}. Can be stopped
 * while the router is using it.
 */
final class RoutingApi implements AutoCloseable {

    private final String contactHost;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final AtomicInteger routed = new AtomicInteger();
    private final AtomicInteger unknown = new AtomicInteger();
    private volatile boolean stopped;

    private RoutingApi(String contactHost) throws IOException {
        this.contactHost = contactHost;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.createContext("/route", this::route);
        server.setExecutor(pool);
        server.start();
    }

    static RoutingApi start(String contactHost) {
        try {
            return new RoutingApi(contactHost);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether user {@code u<N>} is known: the rule every instance follows. */
    static boolean known(int n) {
        return n % 5 != 0;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String contactHost() {
        return contactHost;
    }

    /** 200 answers given. */
    int routed() {
        return routed.get();
    }

    /** Requests answered so far, 200 and 404. */
    int answered() {
        return routed.get() + unknown.get();
    }

    private void route(HttpExchange ex) throws IOException {
        try (ex) {
            String query = ex.getRequestURI().getRawQuery();
            String uri = query != null && query.startsWith("uri=")
                    ? URLDecoder.decode(query.substring(4), StandardCharsets.UTF_8) : "";
            int n = number(uri);
            byte[] body;
            int status;
            if (n > 0 && known(n)) {
                status = 200;
                body = ("sip:u" + n + "@" + contactHost + ":5060\r\n").getBytes(StandardCharsets.UTF_8);
                routed.incrementAndGet();
            } else {
                status = 404;
                body = "unknown user\n".getBytes(StandardCharsets.UTF_8);
                unknown.incrementAndGet();
            }
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
    }

    /** N of {@code sip:u<N>@...}, or 0. */
    static int number(String uri) {
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
