package dev.httpcon.examples.routing.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URLDecoder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * It records every answer it gave, before the last of it is sent (so a test never looks before
 * the record is there) and not if sending fails (an answer cut by a stop is not one it gave), so a
 * test checks each SIP answer against what the API really said. It can be stopped while a router
 * is using it, by the test ({@link #stop()}) or by itself after a given number of answers; its
 * port then refuses connections, and stays this API's until {@link #close()}: a stopped server's
 * port left free could be handed to another program's server (a parallel test's), which the router
 * would then reach instead of being refused.
 */
public final class RoutingApi implements AutoCloseable {

    /** How long {@code sip:slow@...} takes to be answered. */
    public static final long SLOW_MILLIS = 8000;

    /** One answer given: the user looked up, the HTTP status, and the target (200 only). */
    public record Answer(String user, int status, String target) {
    }

    /** An answer and when the whole response had been handed to the connection ({@link System#nanoTime()}). */
    public record Timed(Answer answer, long atNanos) {
    }

    private final String contactHost;
    private final int stopAfter;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Queue<Timed> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger given = new AtomicInteger();
    private boolean stopped;
    /** After the stop: a socket bound to the port and never listening, so the port refuses and stays ours. */
    private SocketChannel held;

    private RoutingApi(String contactHost, int port, int stopAfter) throws IOException {
        this.contactHost = contactHost;
        this.stopAfter = stopAfter;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        server.createContext("/", this::route);
        server.setExecutor(pool);
        server.start();
    }

    /** Starts an instance on a free port, whose Contacts point at {@code contactHost}. */
    public static RoutingApi start(String contactHost) {
        return start(contactHost, 0, Integer.MAX_VALUE);
    }

    /**
     * Starts an instance on {@code port} (0: any free one; a fixed one for a router configured
     * with it before the test runs) that stops by itself once it has given {@code stopAfter}
     * answers.
     */
    public static RoutingApi start(String contactHost, int port, int stopAfter) {
        try {
            return new RoutingApi(contactHost, port, stopAfter);
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

    /** Every answer given so far, in order. */
    public List<Answer> answers() {
        return answers.stream().map(Timed::answer).toList();
    }

    /** Every answer given so far with when it was given, in order. */
    public List<Timed> timedAnswers() {
        return List.copyOf(answers);
    }

    private void route(HttpExchange ex) throws IOException {
        Answer answer;
        try (ex) {
            if (!ex.getRequestURI().getPath().endsWith("/route")) {
                ex.sendResponseHeaders(400, -1);
                return;
            }
            String query = ex.getRequestURI().getRawQuery();
            String uri = query != null && query.startsWith("uri=")
                    ? URLDecoder.decode(query.substring(4), StandardCharsets.UTF_8) : "";
            int n = number(uri);
            String user = uri.startsWith("sip:") && uri.indexOf('@') > 4 ? uri.substring(4, uri.indexOf('@')) : uri;
            if (user.equals("slow")) {
                try {
                    Thread.sleep(SLOW_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;   // stopped meanwhile: no answer
                }
            }
            if ((n > 0 && known(n)) || user.equals("slow")) {
                answer = new Answer(user, 200, "sip:" + user + "@" + contactHost + ":5060");
            } else {
                answer = new Answer(user, user.equals("barred") ? 403 : 404, null);
            }
            byte[] body = (answer.target() != null ? answer.target() + "\r\n" : "no route\n")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(answer.status(), body.length);
            OutputStream out = ex.getResponseBody();
            out.write(body);
            // Recorded now, while the (short) body still sits in the server's buffer: the close
            // below sends it, and the router (and the test behind it) could otherwise have the
            // whole answer before this thread records it. A close that fails (a stop dropped the
            // connection) takes the record back: an answer cut by a stop is not one the API gave.
            Timed given = new Timed(answer, System.nanoTime());
            answers.add(given);
            try {
                out.close();
            } catch (IOException cut) {
                answers.remove(given);
                throw cut;
            }
        }
        if (given.incrementAndGet() == stopAfter) {
            new Thread(this::stop, "routing-api-stop").start();
        }
    }

    /**
     * Stops answering: open connections are dropped and the port refuses connections from now on.
     * The port stays held (bound, not listening) until {@link #close()}. SO_REUSEADDR is on only
     * because the dropped connections leave TIME_WAIT sockets on the port; the kernel still does
     * not hand a held port to anyone asking for a free one.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        int port = server.getAddress().getPort();
        server.stop(0);
        pool.shutdownNow();
        try {
            held = SocketChannel.open();
            held.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            held.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new UncheckedIOException("the stopped API's port " + port + " could not be held", e);
        }
    }

    /** Stops (if not yet stopped) and releases the port. */
    @Override
    public synchronized void close() {
        stop();
        try {
            held.close();
        } catch (IOException ignored) {
            // released anyway
        }
    }
}
