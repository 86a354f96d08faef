package dev.httpcon.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.ReloadResult;
import dev.httpcon.ReloadResult.Outcome;
import dev.httpcon.ReloadResult.Trigger;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.TestCerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS material rotated under load, with a real TLS server (Jetty) that requires client
 * certificates and whose own certificate is rotated too, in the order an operator follows: trust
 * the new server CA as well, rotate the server, rotate the client certificate and key (two files,
 * two writes: in between they do not belong together, and that reload is refused), then trust the
 * new CA only. Every file is replaced by a rename, and the watch makes each reload.
 *
 * <p>Calls run without pause all along on a connection that keeps its connections and on one that
 * opens a new one (a new handshake) for every call: not one fails.
 */
class TlsRotationTest {

    @TempDir
    Path dir;

    /** Calls made across each step, on both connections (half of them new handshakes). */
    private static final int CALLS_PER_STEP = 40;

    private final BlockingQueue<ReloadResult> reloads = new LinkedBlockingQueue<>();

    @Test
    void certificatesKeysAndCasRotatedUnderLoadFailNoCallAndNoHandshake() throws Exception {
        TestCerts.Ca serverCa1 = TestCerts.ca("server CA 1");
        TestCerts.Ca serverCa2 = TestCerts.ca("server CA 2");
        TestCerts.Ca clientCa1 = TestCerts.ca("client CA 1");
        TestCerts.Ca clientCa2 = TestCerts.ca("client CA 2");
        TestCerts.Issued client1 = clientCa1.client("node-2024");
        TestCerts.Issued client2 = clientCa2.client("node-2025");

        Path ca = dir.resolve("ca.pem");
        Path cert = dir.resolve("client.pem");
        Path key = dir.resolve("client.key");
        Files.writeString(ca, TestCerts.pem(serverCa1.cert()));
        client1.writeCert(cert);
        client1.writeKey(key);

        try (ReferenceServer server = ReferenceServer.builder().tls(serverCa1.server("localhost", "127.0.0.1"))
                .requireClientCert(clientCa1, clientCa2).recording(true).start();
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of(
                     "httpclient.cacert", ca.toString(),
                     "httpclient.client_cert", cert.toString(),
                     "httpclient.client_key", key.toString(),
                     "httpclient.connection_timeout", "10s",
                     "httpclient.httpcon", "kept=>" + server.url() + ";keep_connections=1,"
                             + "fresh=>" + server.url() + ";keep_connections=0"))) {
            http.onReload(reloads::add);
            int profiles = http.poolStats().size();
            Load load = new Load(List.of(http.connection("kept"), http.connection("fresh")));
            load.start(4);
            try {
                load.awaitCalls(CALLS_PER_STEP);

                replace(ca, TestCerts.pem(serverCa1.cert()) + TestCerts.pem(serverCa2.cert()));
                assertEquals(Outcome.APPLIED, next().outcome(), "both server CAs trusted");
                load.awaitCalls(CALLS_PER_STEP);

                server.rotate(serverCa2.server("localhost", "127.0.0.1"));
                load.awaitCalls(CALLS_PER_STEP);

                client2.writeCert(dir.resolve("client.pem.new"));
                move(dir.resolve("client.pem.new"), cert);
                Thread.sleep(1000);   // well past the watch's quiet time: it reads the mismatch alone
                client2.writeKey(dir.resolve("client.key.new"));
                move(dir.resolve("client.key.new"), key);
                ReloadResult r = next();
                while (r.outcome() == Outcome.REFUSED) {
                    assertTrue(r.problems().toString().contains("client_key"), r.text());
                    r = next();
                }
                assertEquals(Outcome.APPLIED, r.outcome(), r.text());
                load.awaitCalls(CALLS_PER_STEP);

                replace(ca, TestCerts.pem(serverCa2.cert()));
                assertEquals(Outcome.APPLIED, next().outcome(), "only the new server CA trusted");
                load.awaitCalls(CALLS_PER_STEP);
            } finally {
                load.stop();
            }

            assertEquals(List.of(), load.failures(), load.calls() + " calls");
            server.reset();
            assertEquals(200, http.connection("fresh").get("/json").code());
            RecordedRequest last = server.lastRequest();
            assertEquals("CN=node-2025", last.clientCert(), "the new client certificate is presented");
            waitFor(() -> http.poolStats().size() == profiles, "the transports of the old material are closed");
        }
    }

    private ReloadResult next() throws InterruptedException {
        ReloadResult r = reloads.poll(20, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no reload within 20 s");
        }
        assertEquals(Trigger.FILE, r.trigger(), r.text());
        return r;
    }

    private static void replace(Path file, String text) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(next, text, StandardCharsets.US_ASCII);
        move(next, file);
    }

    private static void move(Path from, Path to) throws Exception {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits up to 60 s: a handshake per call is slow on a busy machine, and this test is about failures, not speed. */
    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Threads calling the connections in turn without pause, recording every failure. */
    private static final class Load {
        private final List<HttpConnection> connections;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong calls = new AtomicLong();
        private final Queue<String> failures = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();

        Load(List<HttpConnection> connections) {
            this.connections = connections;
        }

        void start(int n) {
            for (int t = 0; t < n; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; running.get(); i++) {
                        HttpConnection c = connections.get(i % connections.size());
                        HttpResult r = c.get("/json");
                        calls.incrementAndGet();
                        if (r.code() != 200) {
                            failures.add(c.name() + ": " + r.code() + " " + r.message());
                        }
                    }
                }, "load-" + t);
                th.start();
                threads.add(th);
            }
        }

        /** Waits until {@code n} more calls were made: the load runs across each step. */
        void awaitCalls(long n) throws InterruptedException {
            long target = calls.get() + n;
            waitFor(() -> calls.get() >= target, n + " more calls (" + calls.get() + " so far; failures "
                    + failures.size() + ": " + failures.stream().limit(3).toList() + ")");
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }

        long calls() {
            return calls.get();
        }

        List<String> failures() {
            return List.copyOf(failures);
        }
    }
}
