package dev.httpcon.examples.routing.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end check both SIP examples share: sipp sends a few hundred INVITEs to a router whose
 * {@code routing} connection fails over from {@code primary} to {@code backup}, and the primary API
 * is stopped once it has answered a third of them, while sipp keeps sending. Every call must end in
 * the 302 or 404 the API's rule gives (sipp fails any other answer), every 302's Contact must come
 * from the API instance that gave it, everything after the stop must come through the backup, and
 * the APIs must have seen exactly one lookup per call.
 */
public final class FailoverRun {

    /** What the run saw. */
    public record Outcome(int calls, int viaPrimary, int viaBackup, int notFound, int primaryStoppedAfter) {
        @Override
        public String toString() {
            return String.format("%d INVITEs: 302 via primary %d, via backup %d, 404 %d; primary stopped after %d lookups",
                    calls, viaPrimary, viaBackup, notFound, primaryStoppedAfter);
        }
    }

    private FailoverRun() {
    }

    /**
     * Runs {@code calls} INVITEs at {@code rate} per second against the router at
     * {@code 127.0.0.1:sipPort} and checks every answer; {@code routerLog} adds the router's side
     * to a failure message.
     */
    public static Outcome run(int sipPort, RoutingApi primary, RoutingApi backup, int calls, int rate, Path dir,
            Callable<String> routerLog) throws Exception {
        CompletableFuture<Integer> stoppedAfter = CompletableFuture.supplyAsync(() -> {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (primary.answered() < calls / 3 && System.nanoTime() < giveUp) {
                sleep(5);
            }
            primary.close();
            return primary.answered();
        });
        Sipp.Run run = Sipp.run(Sipp.scenario("invite.xml", dir), sipPort, calls, rate, 60, dir);
        int primaryAnswered = stoppedAfter.get(70, TimeUnit.SECONDS);

        String context = "\nsipp exit " + run.exitCode() + "\n" + tail(run.output()) + "\nrouter:\n" + routerLog.call();
        assertEquals(0, run.exitCode(), "sipp: every call must succeed (302 or 404, ACKed)" + context);
        assertEquals(calls, run.finals().size(), "one final answer per call" + context);

        int viaPrimary = 0;
        int viaBackup = 0;
        for (Sipp.Final f : run.finals()) {
            int n = RoutingApi.number("sip:" + f.toUser() + "@x");
            assertTrue(n >= 1 && n <= calls, "answer for an unexpected user: " + f);
            if (RoutingApi.known(n)) {
                assertEquals(302, f.status(), f.toString());
                String host = f.contactUri().replaceAll("^sip:u" + n + "@([0-9.]+):5060$", "$1");
                if (host.equals(primary.contactHost())) {
                    viaPrimary++;
                } else {
                    assertEquals(backup.contactHost(), host, "Contact must be the API's: " + f);
                    viaBackup++;
                }
            } else {
                assertEquals(404, f.status(), f.toString());
                assertNull(f.contact(), f.toString());
            }
            assertNull(f.retryAfter(), "no 503 while the backup is up: " + f);
        }
        Outcome outcome = new Outcome(calls, viaPrimary, viaBackup, calls - viaPrimary - viaBackup, primaryAnswered);
        assertTrue(primaryAnswered >= calls / 3 && primaryAnswered < calls,
                "the primary was stopped mid-run, after " + primaryAnswered + " answers");
        assertEquals(primary.routed(), viaPrimary, "each 302 via the primary is one the primary gave");
        assertEquals(backup.routed(), viaBackup, "each 302 via the backup is one the backup gave");
        assertTrue(viaBackup > calls / 2, "after the stop every answer came through the backup: " + outcome);
        assertEquals(calls, primary.answered() + backup.answered(), "one lookup per call, none repeated");
        return outcome;
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
