package dev.httpcon.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.httpcon.HttpResult;
import dev.httpcon.config.GlobalSettings;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.Fault;
import dev.httpcon.testing.Peer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With nothing configured, a server that sends an endless body cannot fill the heap: the default
 * {@code maxdatasize} (16 MiB) stops the read, code 63, long before the default 4 s deadline.
 * Shown in a JVM of its own with a 256 MiB heap, the kind of heap a small SIP server has: without
 * the limit the body is buffered until the deadline (0.4 to 0.6 GiB a second here) and that JVM
 * runs out of memory.
 */
class DefaultMaxDataSizeTest {

    /** Far more than the child needs (it starts, reads 16 MiB, stops), far less than a hang. */
    private static final long WAIT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void anEndlessBodyWithTheDefaultsIsCode63UnderA256MiBHeap() throws Exception {
        try (Peer server = Fault.ENDLESS_BODY.start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path log = Files.createTempFile(dir, "child", ".log");
            Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                    "http://127.0.0.1:" + server.port() + "/endless")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished;
            try {
                finished = child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            } finally {
                child.destroyForcibly();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (!finished) {
                fail("the child JVM did not finish within " + WAIT_SECONDS + " s:\n" + out);
            }
            assertEquals(0, child.exitValue(), out);
            List<String> lines = out.lines().filter(l -> l.startsWith("result ")).toList();
            assertEquals(1, lines.size(), out);
            assertEquals("result code=63 status=200 kept=" + GlobalSettings.DEFAULT_MAX_DATA_SIZE + " limit="
                    + GlobalSettings.DEFAULT_MAX_DATA_SIZE, lines.get(0).substring(0, lines.get(0).indexOf(" ms=")),
                    out);
            long ms = Long.parseLong(lines.get(0).substring(lines.get(0).indexOf(" ms=") + 4));
            assertTrue(ms < 4000, "stopped by the size limit, not by the 4 s deadline: " + out);
        }
    }

    /** The child JVM: defaults only (a bare URL), one GET of the endless body. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            try (StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon", "endless=>" + args[0]))) {
                long limit = http.connections().get("endless").info().maxDataSize();
                HttpResult r = http.connection("endless").get("");
                System.out.println("result code=" + r.code() + " status=" + r.status() + " kept=" + r.bodyLength()
                        + " limit=" + limit + " ms=" + r.elapsed().toMillis());
            }
        }
    }
}
