package dev.httpcon.examples.siprouter;

import static org.junit.jupiter.api.Assertions.fail;

import dev.httpcon.examples.routing.testing.Sipp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The router as a user starts it: {@code java -jar target/sip-router.jar --config ... --port ...}.
 *
 * <p>The router cannot be told to take any free port (JAIN SIP refuses port 0), so it gets a UDP
 * port that was free a moment ago; should another program take that port first, the router says
 * it cannot listen and exits, and it is started again on another port. A port it did bind is its
 * own for its whole life.
 */
final class RouterProcess implements AutoCloseable {

    private static final int ATTEMPTS = 5;

    private final Process process;
    private final Path stderr;
    private final int port;
    private final int metricsPort;

    private RouterProcess(Process process, Path stderr, int port, int metricsPort) {
        this.process = process;
        this.stderr = stderr;
        this.port = port;
        this.metricsPort = metricsPort;
    }

    /** Starts the jar on a free UDP port of 127.0.0.1 and waits (at most 60 s) for its "listening" line. */
    static RouterProcess start(Path config, Path dir, String... options) throws IOException, InterruptedException {
        return start(config, dir, false, options);
    }

    /**
     * As {@link #start(Path, Path, String...)}, with {@code --metrics-port} on a TCP port of
     * 127.0.0.1 that was free a moment ago when {@code metrics} is set (a taken one is tried again,
     * as the SIP port), and {@code options} after the others (e.g. {@code --async}).
     */
    static RouterProcess start(Path config, Path dir, boolean metrics, String... options)
            throws IOException, InterruptedException {
        String jar = System.getProperty("sip-router.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("sip-router.jar not found at " + jar + ": run through 'mvn verify' (failsafe, after package)");
        }
        String taken = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int metricsPort = metrics ? freeTcpPort() : 0;
            RouterProcess router = start(jar, Sipp.freeUdpPort(), metricsPort, config,
                    dir.resolve("router-" + attempt + ".err"), options);
            String line = router.firstLine();
            if (line != null && line.contains("listening on udp 127.0.0.1:" + router.port)) {
                return router;
            }
            router.close();
            String errors = router.errors();
            boolean sipTaken = errors.contains("cannot listen on udp 127.0.0.1:" + router.port + ": java.net.BindException");
            boolean metricsTaken = errors.contains("cannot listen on tcp 127.0.0.1:" + metricsPort + " for /metrics");
            if (line != null || !(sipTaken || metricsTaken)) {
                fail("sip-router did not start: " + line + "\n" + errors);
            }
            taken += " " + (sipTaken ? "udp " + router.port : "tcp " + metricsPort);
        }
        return fail("sip-router found its port taken " + ATTEMPTS + " times:" + taken);
    }

    private static RouterProcess start(String jar, int port, int metricsPort, Path config, Path stderr,
                                       String... options)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar, "--config", config.toString(),
                "--port", Integer.toString(port)));
        if (metricsPort > 0) {
            command.addAll(List.of("--metrics-port", Integer.toString(metricsPort)));
        }
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new RouterProcess(p, stderr, port, metricsPort);
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** What {@code /metrics} serves now. */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            fail("/metrics answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The first line on stdout ("listening ..."), or null if the router exited without one. */
    private String firstLine() throws IOException, InterruptedException {
        CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                return r.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            return listening.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            return fail("sip-router did not say it was listening within 60 s\n" + errors());
        }
    }

    /** The UDP port the router listens on. */
    int port() {
        return port;
    }

    /** What the router wrote on stderr. */
    String errors() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();   // SIGTERM: the shutdown hook closes SIP, then the container
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
