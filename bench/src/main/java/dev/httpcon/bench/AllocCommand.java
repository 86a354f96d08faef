package dev.httpcon.bench;

import com.sun.net.httpserver.HttpServer;
import dev.httpcon.HttpConnection;
import dev.httpcon.standalone.StandaloneHttpCon;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code alloc --host H --requests N --rounds R}: the bytes the calling thread allocates per
 * keep-alive GET through the engine (the plain-Java {@link StandaloneHttpCon} API, no CDI), against a JDK
 * HTTP server in the same JVM on 127.0.0.1. Unlike requests per second, the figure does not move
 * with the load of the machine, so a change's cost on the hot path shows even on a busy one.
 * {@code --host localhost} goes through name resolution (a cached name), {@code 127.0.0.1} does
 * not (a literal). Prints one line per round.
 */
final class AllocCommand {

    private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);

    private AllocCommand() {
    }

    /**
     * The bytes the calling thread allocates per call of {@code subject}, over {@code n} calls (the
     * thread's own allocation counter: what other threads do does not count).
     */
    static long bytesPerCall(Subject subject, int n) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long bytes = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < n; i++) {
            subject.call();
        }
        return (mx.getThreadAllocatedBytes(thread) - bytes) / n;
    }

    static void alloc(Options o) throws Exception {
        String host = o.get("host", "127.0.0.1");
        int n = o.integer("requests", 20_000);
        int rounds = o.integer("rounds", 3);
        // Without TCP_NODELAY the JDK server's head and body would wait for the client's delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        server.createContext("/json", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, BODY.length);
            ex.getResponseBody().write(BODY);
            ex.close();
        });
        server.setExecutor(workers);
        server.start();
        String url = "http://" + host + ":" + server.getAddress().getPort();
        try (StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon", "bench=>" + url + ";keep_connections=1"))) {
            HttpConnection bench = http.connection("bench");
            for (int i = 0; i < n; i++) {   // warm-up: as many requests as one round
                if (bench.get("/json").code() != 200) {
                    throw new IllegalStateException("the server did not answer 200");
                }
            }
            for (int round = 1; round <= rounds; round++) {
                long bytes = bytesPerCall(() -> bench.get("/json").code() == 200, n);
                System.out.printf("alloc\t%s\tround %d\t%d bytes/request%n", host, round, bytes);
            }
        } finally {
            server.stop(0);
            workers.shutdownNow();
        }
    }
}
