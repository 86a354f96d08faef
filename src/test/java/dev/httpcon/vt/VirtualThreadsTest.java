package dev.httpcon.vt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.testing.ReferenceServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blocking API on virtual threads: 10,000 virtual threads through one connection (blocking
 * calls, and asynchronous ones waited on) with JFR's {@code jdk.VirtualThreadPinned} recorded at
 * any duration, and no event with a frame of httpcon's code. The library is Java 17; this runs
 * {@link VirtualThreadsMain} in a JVM of Java 21 or newer: the one named by the system property
 * {@code httpcon.jdk21} (a JDK home), else the newest of {@code /usr/lib/jvm/*} that is 21 or
 * newer. Without one the test is skipped, saying so (Debian 12 packages only Java 17).
 */
class VirtualThreadsTest {

    private static final int THREADS = 10_000;

    @Test
    void tenThousandVirtualThreadsThroughOneConnectionPinNothingInHttpcon(@TempDir Path dir) throws Exception {
        Optional<Path> java = newerJava();
        Assumptions.assumeTrue(java.isPresent(), "skipped: no JDK 21 or newer (set -Dhttpcon.jdk21=<JDK home>, "
                + "or install one under /usr/lib/jvm); the virtual-thread pinning test needs one");
        try (ReferenceServer server = ReferenceServer.builder().recording(false).start()) {
            Path out = dir.resolve("out.txt");
            Process p = new ProcessBuilder(java.get().toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    VirtualThreadsMain.class.getName(), server.url("").toString(), String.valueOf(THREADS),
                    dir.resolve("pinned.jfr").toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the virtual-thread run did not end in 10 minutes:\n" + Files.readString(out));
            }
            String text = Files.readString(out);
            List<String> lines = text.lines().toList();
            assertEquals(0, p.exitValue(), text);
            assertTrue(lines.contains("RESULT ok=" + THREADS), text);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("CANARY ") && !l.equals("CANARY 0")),
                    "JFR saw the deliberate pin, so it would see httpcon's:\n" + text);
            assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("PINNED")).toList(),
                    "virtual threads pinned in httpcon's code");
        }
    }

    /** A JDK of Java 21 or newer: {@code -Dhttpcon.jdk21}, else the newest under /usr/lib/jvm. */
    static Optional<Path> newerJava() throws IOException {
        String named = System.getProperty("httpcon.jdk21");
        if (named != null && !named.isBlank()) {
            Path java = Path.of(named, "bin", "java");
            if (!Files.isExecutable(java)) {
                throw new IllegalStateException("-Dhttpcon.jdk21=" + named + " has no bin/java");
            }
            return Optional.of(java);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> version(h) >= 21 && Files.isExecutable(h.resolve("bin/java")))
                    .max((a, b) -> Integer.compare(version(a), version(b)))
                    .map(h -> h.resolve("bin/java"));
        }
    }

    /** The feature version in a JDK home's {@code release} file, or 0. */
    private static int version(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
