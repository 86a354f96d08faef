package dev.httpcon.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.testing.Json;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reload} in {@code httpcon batch}, driven line by line through a pipe as an operator's
 * script would: the {@code --config} file changed between lines is read again, an added connection
 * answers at once, and an invalid file gives an error object listing every problem while the
 * configuration in force stays.
 */
class BatchReloadIT {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();

    private final ReferenceServer server = SERVER.server();

    @TempDir
    Path dir;

    @Test
    void reloadReadsTheConfigFileAgainAndRefusesAnInvalidOneWithAnErrorObject() throws Exception {
        Path config = dir.resolve("batch.properties");
        write(config, "httpclient.httpcon=api=>" + server.url("/base") + "\n");
        try (Batch batch = Batch.start(config, dir)) {
            assertEquals(200L, batch.line("connect api /json").get("code"));
            assertEquals("/base/json", server.lastRequest().path());

            write(config, "httpclient.httpcon=api=>" + server.url("/pfx") + ",extra=>" + server.url("/ini") + "\n");
            Map<String, Object> applied = batch.line("reload");
            assertEquals("applied", applied.get("outcome"), applied.toString());
            assertEquals(2L, applied.get("generation"));
            assertEquals(List.of("extra"), applied.get("added"));
            assertEquals(List.of("api"), applied.get("changed"));
            assertFalse(applied.containsKey("error"));

            assertEquals(200L, batch.line("connect api /json").get("code"));
            assertEquals("/pfx/json", server.lastRequest().path());
            assertEquals(200L, batch.line("connect extra /json").get("code"), "usable at once");

            write(config, "httpclient.httpcon=api=>" + server.url("/pfx") + ";failover=gone;timeout=soon\n");
            Map<String, Object> refused = batch.line("reload");
            assertEquals("reload (api): refused, 2 problems; generation 2 stays in force", refused.get("error"),
                    refused.toString());
            assertEquals("refused", refused.get("outcome"));
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) refused.get("problems");
            assertEquals(2, problems.size(), problems.toString());
            assertEquals(200L, batch.line("connect extra /json").get("code"), "the configuration in force stays");

            Map<String, Object> usage = batch.line("reload now");
            assertTrue(String.valueOf(usage.get("error")).contains("reload"), usage.toString());
        }
    }

    /**
     * The command over a ZooKeeper configuration (a real server in this JVM): the connections come
     * from the znodes, and a znode changed while batch runs makes it reload by itself.
     */
    @Test
    void theCommandReadsZooKeeperAndFollowsAChangedZnode() throws Exception {
        try (org.apache.curator.test.TestingServer zk = new org.apache.curator.test.TestingServer(true);
             org.apache.curator.framework.CuratorFramework writer = org.apache.curator.framework.CuratorFrameworkFactory
                     .newClient(zk.getConnectString(), new org.apache.curator.retry.RetryOneTime(100))) {
            writer.start();
            writer.create().creatingParentsIfNeeded().forPath("/httpcon/httpclient.httpcon",
                    ("api=>" + server.url("/base")).getBytes(StandardCharsets.UTF_8));
            Path config = dir.resolve("node.properties");
            write(config, "httpclient.zookeeper.connect=" + zk.getConnectString() + "\n");
            try (Batch batch = Batch.start(config, dir)) {
                assertEquals(200L, batch.line("connect api /json").get("code"));
                assertEquals("/base/json", server.lastRequest().path());

                writer.setData().forPath("/httpcon/httpclient.httpcon",
                        ("api=>" + server.url("/pfx")).getBytes(StandardCharsets.UTF_8));
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                do {
                    Thread.sleep(100);
                    batch.line("connect api /json");
                } while (!server.lastRequest().path().equals("/pfx/json") && System.nanoTime() < end);
                assertEquals("/pfx/json", server.lastRequest().path(), "the command followed ZooKeeper");
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code httpcon --config FILE batch} with its stdin and stdout held open. */
    private static final class Batch implements AutoCloseable {
        private final Process process;
        private final OutputStream in;
        private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
        private final Path err;

        private Batch(Process process, Path err) {
            this.process = process;
            this.in = process.getOutputStream();
            this.err = err;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        out.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "batch-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Batch start(Path config, Path dir) throws IOException {
            Path jar = Path.of(System.getProperty("httpcon.cli.jar", "target/httpcon-cli.jar"));
            Path err = dir.resolve("batch.err");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "--config",
                    config.toString(), "batch").redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.toUpperCase(java.util.Locale.ROOT).startsWith("HTTPCLIENT"));
            return new Batch(pb.start(), err);
        }

        /** Sends one line and returns its JSON object (within 120 s: a JVM booting Weld on a busy machine). */
        Map<String, Object> line(String command) throws Exception {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            String line = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (line == null && System.nanoTime() < end && (process.isAlive() || !out.isEmpty())) {
                line = out.poll(100, TimeUnit.MILLISECONDS);
            }
            if (line == null) {
                throw new AssertionError("no answer to '" + command + "' (within 120 s, or the command ended); stderr:\n" + Files.readString(err));
            }
            return Json.parseObject(line);
        }

        @Override
        public void close() throws Exception {
            in.close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
