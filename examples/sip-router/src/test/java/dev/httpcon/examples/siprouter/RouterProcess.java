package dev.httpcon.examples.siprouter;

import static org.junit.jupiter.api.Assertions.fail;

import dev.httpcon.examples.routing.testing.Sipp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private RouterProcess(Process process, Path stderr, int port) {
        this.process = process;
        this.stderr = stderr;
        this.port = port;
    }

    /** Starts the jar on a free UDP port of 127.0.0.1 and waits (at most 60 s) for its "listening" line. */
    static RouterProcess start(Path config, Path dir) throws IOException, InterruptedException {
        String jar = System.getProperty("sip-router.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("sip-router.jar not found at " + jar + ": run through 'mvn verify' (failsafe, after package)");
        }
        String taken = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            RouterProcess router = start(jar, Sipp.freeUdpPort(), config, dir.resolve("router-" + attempt + ".err"));
            String line = router.firstLine();
            if (line != null && line.contains("listening on udp 127.0.0.1:" + router.port)) {
                return router;
            }
            router.close();
            String errors = router.errors();
            if (line != null || !errors.contains("cannot listen on udp 127.0.0.1:" + router.port + ": java.net.BindException")) {
                fail("sip-router did not start: " + line + "\n" + errors);
            }
            taken += " " + router.port;
        }
        return fail("sip-router found its port taken " + ATTEMPTS + " times:" + taken);
    }

    private static RouterProcess start(String jar, int port, Path config, Path stderr) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-jar", jar, "--config", config.toString(),
                "--port", Integer.toString(port))
                .redirectError(stderr.toFile()).start();
        return new RouterProcess(p, stderr, port);
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
