package dev.httpcon.examples.siprouter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A routing API on 127.0.0.1 for the end-to-end test (the JDK's HTTP server): {@code GET
 * /route?uri=sip:u<N>@...} answers 404 when N is a multiple of 5, else 200 with
 * {@code sip:u<N>@<this instance's host>:5060}. It records every answer it gave, once the whole
 * response was handed to the connection (an answer cut by a stop is not one it gave), so the test
 * checks each SIP answer against what the API really said. Can be stopped while the router is
 * using it, by the test or after a given number of answers.
 */
final class RoutingApi implements AutoCloseable {

    /** One answer given: the user looked up, the HTTP status, and the target (200 only). */
    record Answer(String user, int status, String target) {
    }

    private final String contactHost;
    private final int stopAfter;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger given = new AtomicInteger();
    private boolean stopped;

    private RoutingApi(String contactHost, int stopAfter) throws IOException {
        this.contactHost = contactHost;
        this.stopAfter = stopAfter;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.createContext("/route", this::route);
        server.setExecutor(pool);
        server.start();
    }

    static RoutingApi start(String contactHost) {
        return start(contactHost, Integer.MAX_VALUE);
    }

    /** An API that stops by itself once it has given {@code stopAfter} answers. */
    static RoutingApi start(String contactHost, int stopAfter) {
        try {
            return new RoutingApi(contactHost, stopAfter);
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

    /** Every answer given so far, in order. */
    List<Answer> answers() {
        return List.copyOf(answers);
    }

    private void route(HttpExchange ex) throws IOException {
        Answer answer;
        try (ex) {
            String query = ex.getRequestURI().getRawQuery();
            String uri = query != null && query.startsWith("uri=")
                    ? URLDecoder.decode(query.substring(4), StandardCharsets.UTF_8) : "";
            int n = number(uri);
            String user = uri.startsWith("sip:") && uri.indexOf('@') > 4 ? uri.substring(4, uri.indexOf('@')) : uri;
            byte[] body;
            if (n > 0 && known(n)) {
                answer = new Answer(user, 200, "sip:u" + n + "@" + contactHost + ":5060");
                body = (answer.target() + "\r\n").getBytes(StandardCharsets.UTF_8);
            } else {
                answer = new Answer(user, 404, null);
                body = "unknown user\n".getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }   // the close flushes, and throws if a stop closed the connection first
        }
        // Only now, with the whole response on the connection, is it an answer the router can
        // have read. (HttpExchange.close() itself swallows a failed flush.)
        answers.add(answer);
        if (given.incrementAndGet() == stopAfter) {
            new Thread(this::close, "routing-api-stop").start();
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
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
            pool.shutdownNow();
        }
    }
}
