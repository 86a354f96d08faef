package dev.httpcon.examples.siprouter;

import static org.junit.jupiter.api.Assertions.fail;

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

/** The router as a user starts it: {@code java -jar target/sip-router.jar --config ... --port ...}. */
final class RouterProcess implements AutoCloseable {

    private final Process process;
    private final Path stderr;

    private RouterProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** Starts the jar and waits (at most 60 s) for its "listening" line. */
    static RouterProcess start(int port, Path config, Path dir) throws IOException, InterruptedException {
        String jar = System.getProperty("sip-router.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("sip-router.jar not found at " + jar + ": run through 'mvn verify' (failsafe, after package)");
        }
        Path stderr = dir.resolve("router.err");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-jar", jar, "--config", config.toString(),
                "--port", Integer.toString(port))
                .redirectError(stderr.toFile()).start();
        RouterProcess router = new RouterProcess(p, stderr);
        CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                return r.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String line = listening.get(60, TimeUnit.SECONDS);
            if (line == null || !line.contains("listening on udp 127.0.0.1:" + port)) {
                router.close();
                fail("sip-router did not start: " + line + "\n" + router.errors());
            }
        } catch (ExecutionException | TimeoutException e) {
            router.close();
            fail("sip-router did not say it was listening within 60 s\n" + router.errors());
        }
        return router;
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
