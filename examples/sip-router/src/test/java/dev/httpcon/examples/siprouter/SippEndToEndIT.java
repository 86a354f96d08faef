package dev.httpcon.examples.siprouter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcon.examples.routing.testing.FailoverRun;
import dev.httpcon.examples.routing.testing.RoutingApi;
import dev.httpcon.examples.routing.testing.Sipp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sip-router end to end: the jar started as documented, two routing APIs (primary and backup,
 * with different Contact hosts), and sipp sending a few hundred calls. Every final answer is
 * checked against what the API that was asked really answered (each API records its answers),
 * and the primary API stops in the middle of the run: the answers keep coming, through the
 * backup ({@link FailoverRun}, the same checks the sip-servlet example runs in Open Liberty).
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

    /** The two APIs (the primary stopping itself after {@code primaryStopsAfter} answers) and the router. */
    private void start(int primaryStopsAfter) throws Exception {
        primary = RoutingApi.start("10.0.0.1", 0, primaryStopsAfter);
        backup = RoutingApi.start("10.0.0.2");
        Path config = dir.resolve("routing.properties");
        // Deadlines far above a lookup's time even on a busy machine: a lookup that timed out
        // would be asked again of the backup, and this test is about answers, not deadlines. The
        // stopped primary refuses at once.
        Files.writeString(config, String.join("\n",
                "httpclient.keep_connections=1",
                "httpclient.connection_timeout=5s",
                "httpclient.httpcon=routing=>" + primary.url() + ";timeout=5s;failover=routing_backup,\\",
                "  routing_backup=>" + backup.url() + ";timeout=5s",
                ""), StandardCharsets.UTF_8);
        router = RouterProcess.start(config, dir);
        port = router.port();
    }

    @AfterEach
    void stop() throws Exception {
        if (router != null) {
            router.close();
        }
        if (primary != null) {
            primary.close();
        }
        if (backup != null) {
            backup.close();
        }
    }

    @Test
    void invitesAreAnsweredAsTheApiSaidAndFailOverWhenThePrimaryStops() throws Exception {
        start(FailoverRun.PRIMARY_STOPS_AFTER);
        System.out.println(FailoverRun.invites(port, primary, backup, dir, router::errors));
    }

    @Test
    void optionsGetTheAnswerAnInviteWouldGet() throws Exception {
        int calls = 50;
        start(Integer.MAX_VALUE);
        Sipp.Run run = Sipp.run(Sipp.scenario("options.xml", dir), port, calls, 50, 30, dir);

        String context = "\n" + tail(run.output()) + "\n" + router.errors();
        assertEquals(0, run.exitCode(), context);
        Map<String, String> askedOf = FailoverRun.assertEveryAnswerIsTheApisAnswer(run.finals(), calls, primary,
                backup, context);
        assertEquals(Map.of("primary", calls), askedOf.values().stream().collect(
                java.util.stream.Collectors.toMap(api -> api, api -> 1, Integer::sum)), "all through the primary");
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
