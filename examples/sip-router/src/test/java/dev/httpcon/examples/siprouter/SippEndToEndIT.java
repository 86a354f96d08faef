package dev.httpcon.examples.siprouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sip-router end to end: the jar started as documented, two routing APIs (primary and backup,
 * with different Contact hosts), and sipp sending a few hundred calls. Every final answer is
 * checked against the API's rule, and the primary API is stopped in the middle of the run: the
 * answers keep coming, through the backup.
 */
class SippEndToEndIT {

    private static final Path SCENARIOS = Path.of(System.getProperty("sipp.scenarios", "src/test/sipp"));

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
        int calls = 300;
        // Stop the primary once it has answered a third of the calls, while sipp keeps sending.
        CompletableFuture<Integer> stoppedAfter = CompletableFuture.supplyAsync(() -> {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (primary.answered() < calls / 3 && System.nanoTime() < giveUp) {
                sleep(5);
            }
            primary.close();
            return primary.answered();
        });
        Sipp.Run run = Sipp.run(SCENARIOS.resolve("invite.xml"), port, calls, 50, 60, dir);
        int primaryAnswered = stoppedAfter.get(70, TimeUnit.SECONDS);

        String context = "\nsipp exit " + run.exitCode() + "\n" + tail(run.output()) + "\nrouter stderr:\n" + router.errors();
        assertEquals(0, run.exitCode(), "sipp: every call must succeed (302 or 404, ACKed)" + context);
        List<Sipp.Final> finals = run.finals();
        assertEquals(calls, finals.size(), "one final answer per call" + context);

        int fromPrimary = 0;
        int fromBackup = 0;
        for (Sipp.Final f : finals) {
            int n = RoutingApi.number("sip:" + f.toUser() + "@x");
            assertTrue(n >= 1 && n <= calls, "answer for an unexpected user: " + f);
            if (RoutingApi.known(n)) {
                assertEquals(302, f.status(), f.toString());
                String host = f.contact().replaceAll("^<sip:u" + n + "@([0-9.]+):5060>$", "$1");
                if (host.equals(primary.contactHost())) {
                    fromPrimary++;
                } else {
                    assertEquals(backup.contactHost(), host, "Contact must be the API's: " + f);
                    fromBackup++;
                }
            } else {
                assertEquals(404, f.status(), f.toString());
                assertNull(f.contact(), f.toString());
            }
            assertNull(f.retryAfter(), "no 503 while the backup is up: " + f);
        }
        System.out.printf("%d INVITEs: 302 via primary %d, via backup %d, 404 %d; primary stopped after %d lookups%n",
                calls, fromPrimary, fromBackup, calls - fromPrimary - fromBackup, primaryAnswered);
        assertTrue(primaryAnswered >= calls / 3 && primaryAnswered < calls,
                "the primary was stopped mid-run, after " + primaryAnswered + " answers");
        assertEquals(primary.routed(), fromPrimary, "each 302 via the primary is one the primary gave");
        assertEquals(backup.routed(), fromBackup, "each 302 via the backup is one the backup gave");
        assertTrue(fromBackup > calls / 2, "after the stop every answer came through the backup: " + fromBackup);
        assertEquals(calls, primary.answered() + backup.answered(), "one lookup per call, none repeated");
    }

    @Test
    void optionsGetTheAnswerAnInviteWouldGet() throws Exception {
        int calls = 50;
        Sipp.Run run = Sipp.run(SCENARIOS.resolve("options.xml"), port, calls, 50, 30, dir);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
