package dev.httpcon.it.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.httpcon.testing.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code target/httpcon-cli.jar} the way a user does, {@code java -jar}, in a JVM of its own
 * (the jar path comes from the build as the system property {@code httpcon.cli.jar}; failsafe runs
 * after {@code package}). Output is captured in files, so a chatty process can never block on a
 * full pipe.
 */
final class Cli {

    /** Generous: a JVM booting Weld on a loaded 2-core machine; a hang still fails the test. */
    private static final long TIMEOUT_SECONDS = 120;

    /** What one run gave. */
    record Run(List<String> command, int exit, String out, String err) {

        /** The only line of stdout, parsed as a JSON object. */
        Map<String, Object> json() {
            List<String> lines = out.lines().toList();
            assertTrue(lines.size() == 1, () -> "expected one JSON line:\n" + describe());
            return Json.parseObject(lines.get(0));
        }

        /** Every line of stdout, each parsed as a JSON object. */
        List<Map<String, Object>> jsonLines() {
            List<Map<String, Object>> objects = new ArrayList<>();
            for (String line : out.lines().toList()) {
                objects.add(Json.parseObject(line));
            }
            return objects;
        }

        /** For assertion messages. */
        String describe() {
            return String.join(" ", command) + "\nexit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(String... args) {
        return run(List.of(), null, List.of(args));
    }

    static Run withStdin(String stdin, String... args) {
        return run(List.of(), stdin, List.of(args));
    }

    /**
     * Runs the jar with JVM options (before {@code -jar}), stdin text (or none) and arguments.
     * {@code HTTPCLIENT_*} environment variables are removed so the machine's environment cannot
     * add configuration.
     */
    static Run run(List<String> jvmOptions, String stdin, List<String> args) {
        Path jar = Path.of(System.getProperty("httpcon.cli.jar", "target/httpcon-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("no " + jar + ": the integration tests run after 'mvn package' builds it");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Quicker start on a shared 2-core machine; no effect on what the command does.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        try {
            Path out = Files.createTempFile("httpcon-cli", ".out");
            Path err = Files.createTempFile("httpcon-cli", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().keySet().removeIf(k -> k.toUpperCase(java.util.Locale.ROOT).startsWith("HTTPCLIENT"));
                Process p = pb.start();
                try (OutputStream in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    fail("httpcon did not finish in " + TIMEOUT_SECONDS + " s: " + String.join(" ", command)
                            + "\n--- stdout\n" + Files.readString(out) + "--- stderr\n" + Files.readString(err));
                }
                return new Run(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
