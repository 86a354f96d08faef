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
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * It records every answer it gives, before the first byte of it is sent, so that whoever has read
 * an answer (a router, the SIP answer it made, the test behind it) finds it in {@link #answers()};
 * and it takes the record back when sending fails (an answer cut by a stop is not one it gave), so
 * a test checks each SIP answer against what the API really said. (The JDK's HTTP server writes a
 * response body straight to the socket in Java 17 and buffers it until the exchange closes in
 * later versions: a record made between the two would come late on one of them.)
 * It can be stopped while a router is using it, by the test ({@link #stop()}) or by itself after a
 * given number of answers; every connection, idle kept-alive ones included, is closed, the port
 * then refuses connections, and stays this API's until {@link #close()}: a stopped server's port
 * left free could be handed to another program's server (a parallel test's), which the router
 * would then reach instead of being refused. Once a stop has begun, {@link #answers()} waits for it
 * to end, so what it returns is final.
 *
 * <p>It records the W3C {@code traceparent} header of every request it receives ({@link #traceparents},
 * empty for a request without one), for the tests of a router that traces.
 */
public final class RoutingApi implements AutoCloseable {

    /** How long {@code sip:slow@...} takes to be answered. */
    public static final long SLOW_MILLIS = 8000;

    /** One answer given: the user looked up, the HTTP status, and the target (200 only). */
    public record Answer(String user, int status, String target) {
    }

    /** The longest a stop may take: the handlers it cut end at once (their connections are closed). */
    static final long STOP_WITHIN_MS = 30_000;

    /** An answer and when it was recorded, just before any of it was sent ({@link System#nanoTime()}). */
    public record Timed(Answer answer, long atNanos) {
    }

    /** One answer recorded; identity equality, so taking it back removes this one and not an equal one. */
    private static final class Given {
        final Answer answer;
        final long atNanos = System.nanoTime();

        Given(Answer answer) {
            this.answer = answer;
        }
    }

    /** The points of an answer where {@code RoutingApiTest} may hold the handler thread. */
    enum Step {
        /** Recorded, nothing of it sent yet. */
        RECORDED,
        /** Sent whole (flushed), the exchange not yet closed. */
        SENT
    }

    @FunctionalInterface
    interface Probe {
        void at(Step step);
    }

    /** For {@code RoutingApiTest}: {@code probe} runs in the handler thread at each {@link Step}. */
    void probe(Probe probe) {
        this.probe = probe;
    }

    private final String contactHost;
    private final int stopAfter;
    private final HttpServer server;
    private final int port;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    /** Each answer as its own record, so that taking one back removes that one (answers may be equal). */
    private final Queue<Given> given = new ConcurrentLinkedQueue<>();
    private final Queue<Optional<String>> traceparents = new ConcurrentLinkedQueue<>();
    /** Answers sent whole: what {@code stopAfter} counts. */
    private final AtomicInteger sent = new AtomicInteger();
    /** Set when a stop begins (by the test or by this API itself); from then on answers() waits for it. */
    private volatile boolean stopping;
    /** Guarded by this: stop() has run (or is running in this thread). */
    private boolean stopBegun;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Where {@code RoutingApiTest} holds a handler thread; nothing otherwise. */
    private volatile Probe probe = step -> { };
    /** After the stop: a socket bound to the port and never listening, so the port refuses and stays ours. */
    private SocketChannel held;

    private RoutingApi(String contactHost, int port, int stopAfter) throws IOException {
        this.contactHost = contactHost;
        this.stopAfter = stopAfter;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        server.createContext("/", this::route);
        server.setExecutor(pool);
        server.start();
        this.port = server.getAddress().getPort();
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
        return "http://127.0.0.1:" + port;
    }

    public String contactHost() {
        return contactHost;
    }

    /** The {@code traceparent} of every request received so far, in order; empty for a request without one. */
    public List<Optional<String>> traceparents() {
        return List.copyOf(traceparents);
    }

    /**
     * Every answer given so far, in order: each one recorded before any of it was sent, and none that
     * a stop cut. Once a stop has begun, waits (at most {@link #STOP_WITHIN_MS}) until it has ended
     * and no answer is in flight any more, so the list is final.
     */
    public List<Answer> answers() {
        if (stopping) {
            try {
                if (!stopped.await(STOP_WITHIN_MS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("routing API on " + url() + ": the stop did not end within "
                            + STOP_WITHIN_MS + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the routing API's stop", e);
            }
        }
        return given.stream().map(g -> g.answer).toList();
    }

    /** {@link #answers()} with when each was given. */
    public List<Timed> timedAnswers() {
        answers();   // waits for a stop that has begun, as answers() does
        return given.stream().map(g -> new Timed(g.answer, g.atNanos)).toList();
    }

    private void route(HttpExchange ex) throws IOException {
        traceparents.add(Optional.ofNullable(ex.getRequestHeaders().getFirst("traceparent")));
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
            Answer answer;
            if ((n > 0 && known(n)) || user.equals("slow")) {
                answer = new Answer(user, 200, "sip:" + user + "@" + contactHost + ":5060");
            } else {
                answer = new Answer(user, user.equals("barred") ? 403 : 404, null);
            }
            byte[] body = (answer.target() != null ? answer.target() + "\r\n" : "no route\n")
                    .getBytes(StandardCharsets.UTF_8);
            // Recorded before any of it is sent: where the body's bytes leave (the write on Java 17,
            // the exchange's close on later JDKs) the router may read the whole answer, and the test
            // behind it look, before this thread runs again.
            Given record = new Given(answer);
            given.add(record);
            probe.at(Step.RECORDED);
            try {
                ex.getResponseHeaders().set("Content-Type", "text/plain");
                ex.sendResponseHeaders(answer.status(), body.length);
                OutputStream out = ex.getResponseBody();
                out.write(body);
                out.flush();   // the whole response is on the connection, whatever the JDK buffers
            } catch (IOException cut) {
                given.remove(record);   // the connection was dropped (a stop, the client): not an answer given
                throw cut;
            }
            probe.at(Step.SENT);
        }
        if (sent.incrementAndGet() == stopAfter) {
            stopping = true;   // answers() waits for the stop from now on
            new Thread(this::stop, "routing-api-stop").start();
        }
    }

    /**
     * Stops answering: every connection (kept-alive idle ones too) is closed, answers being sent are
     * cut (and not recorded), and the port refuses connections from now on. Returns once no handler
     * runs any more, so {@link #answers()} is final. The port stays held (bound, not listening) until
     * {@link #close()}. SO_REUSEADDR is on only because the dropped connections leave TIME_WAIT
     * sockets on the port; the kernel still does not hand a held port to anyone asking for a free one.
     */
    public synchronized void stop() {
        if (stopBegun) {
            return;
        }
        stopBegun = true;
        stopping = true;
        try {
            server.stop(0);   // closes the listening socket and every connection it accepted
            try {
                held = SocketChannel.open();
                held.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                held.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                throw new UncheckedIOException("the stopped API's port " + port + " could not be held", e);
            }
            pool.shutdownNow();   // interrupts a slow answer's sleep; the others fail on their closed connection
            try {
                if (!pool.awaitTermination(STOP_WITHIN_MS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("routing API on port " + port + ": handlers still running "
                            + STOP_WITHIN_MS + " ms after the stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the routing API on port " + port, e);
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Stops (if not yet stopped) and releases the port. */
    @Override
    public synchronized void close() {
        stop();
        try {
            if (held != null) {
                held.close();
            }
        } catch (IOException ignored) {
            // released anyway
        }
    }
}
