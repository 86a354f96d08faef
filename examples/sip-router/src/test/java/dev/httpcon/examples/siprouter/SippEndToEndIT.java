package dev.httpcon.examples.siprouter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcon.examples.routing.testing.FailoverRun;
import dev.httpcon.examples.routing.testing.RoutingApi;
import dev.httpcon.examples.routing.testing.Sipp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sip-router end to end: the jar started as documented, two routing APIs (primary and backup,
 * with different Contact hosts), and sipp sending a few hundred calls. Every final answer is
 * checked against the API's rule, and the primary API is stopped in the middle of the run: the
 * answers keep coming, through the backup ({@link FailoverRun}, the same check the sip-servlet
 * example runs in Open Liberty).
 */
class SippEndToEndIT {

    @TempDir
    Path dir;

    private RoutingApi primary;
    private RoutingApi backup;
    private RouterProcess router;
    private int port;

    @BeforeAll
    static void sippInstalled() {
        Sipp.requireInstalled();
    }

    @BeforeEach
    void start() throws Exception {
        primary = RoutingApi.start("10.0.0.1");
        backup = RoutingApi.start("10.0.0.2");
        Path config = dir.resolve("routing.properties");
        Files.writeString(config, String.join("\n",
                "httpclient.keep_connections=1",
                "httpclient.connection_timeout=1s",
                "httpclient.httpcon=routing=>" + primary.url() + ";timeout=1s;failover=routing_backup,\\",
                "  routing_backup=>" + backup.url() + ";timeout=1s",
                ""), StandardCharsets.UTF_8);
        port = Sipp.freeUdpPort();
        router = RouterProcess.start(port, config, dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (router != null) {
            router.close();
        }
        primary.close();
        backup.close();
    }

    @Test
    void invitesAreAnsweredAsTheApiSaysAndFailOverWhenThePrimaryStops() throws Exception {
        System.out.println(FailoverRun.run(port, primary, backup, 300, 50, dir, router::errors));
    }

    @Test
    void optionsGetTheAnswerAnInviteWouldGet() throws Exception {
        int calls = 50;
        Sipp.Run run = Sipp.run(Sipp.scenario("options.xml", dir), port, calls, 50, 30, dir);
        assertEquals(0, run.exitCode(), tail(run.output()) + "\n" + router.errors());
        assertEquals(calls, run.finals().size());
        for (Sipp.Final f : run.finals()) {
            int n = RoutingApi.number("sip:" + f.toUser() + "@x");
            assertEquals(RoutingApi.known(n) ? 302 : 404, f.status(), f.toString());
            if (RoutingApi.known(n)) {
                assertEquals("<sip:u" + n + "@10.0.0.1:5060>", f.contact());
            }
        }
        assertEquals(calls, primary.answered());
        assertEquals(0, backup.answered());
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
