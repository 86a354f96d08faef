package dev.httpcon.examples.siprouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sip-router end to end: the jar started as documented, two routing APIs (primary and backup,
 * with different Contact hosts), and sipp sending a few hundred calls. Every final answer is
 * checked against what the API that was asked really answered (each API records its answers),
 * and the primary API stops in the middle of the run: the answers keep coming, through the
 * backup.
 */
class SippEndToEndIT {

    private static final Path SCENARIOS = Path.of(System.getProperty("sipp.scenarios", "src/test/sipp"));
    private static final int CALLS = 300;
    /** The primary stops itself after this many answers, while sipp keeps sending. */
    private static final int PRIMARY_STOPS_AFTER = CALLS / 3;

    @TempDir
    Path dir;

    private RoutingApi primary;
    private RoutingApi backup;
    private RouterProcess router;

    @BeforeAll
    static void sippInstalled() {
        Sipp.requireInstalled();
    }

    /** The two APIs (the primary stopping itself after {@code primaryStopsAfter} answers) and the router. */
    private void start(int primaryStopsAfter) throws Exception {
        primary = RoutingApi.start("10.0.0.1", primaryStopsAfter);
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
        start(PRIMARY_STOPS_AFTER);
        Sipp.Run run = Sipp.run(SCENARIOS.resolve("invite.xml"), router.port(), CALLS, 50, 60, dir);

        String context = "\nsipp exit " + run.exitCode() + "\n" + tail(run.output()) + "\nrouter stderr:\n" + router.errors();
        assertEquals(0, run.exitCode(), "sipp: every call must succeed (302 or 404, ACKed)" + context);
        Map<String, String> askedOf = assertEveryAnswerIsTheApisAnswer(run.finals(), CALLS, context);

        long viaPrimary = askedOf.values().stream().filter("primary"::equals).count();
        System.out.printf("%d INVITEs: %d answered through the primary (stopped after %d answers), %d through the backup%n",
                CALLS, viaPrimary, PRIMARY_STOPS_AFTER, CALLS - viaPrimary);
        assertTrue(viaPrimary >= PRIMARY_STOPS_AFTER, "the primary answered until it stopped: " + viaPrimary);
        assertTrue(viaPrimary < CALLS, "the backup answered once the primary had stopped: " + viaPrimary);
    }

    @Test
    void optionsGetTheAnswerAnInviteWouldGet() throws Exception {
        int calls = 50;
        start(Integer.MAX_VALUE);
        Sipp.Run run = Sipp.run(SCENARIOS.resolve("options.xml"), router.port(), calls, 50, 30, dir);

        String context = "\n" + tail(run.output()) + "\n" + router.errors();
        assertEquals(0, run.exitCode(), context);
        Map<String, String> askedOf = assertEveryAnswerIsTheApisAnswer(run.finals(), calls, context);
        assertEquals(Map.of("primary", calls), askedOf.values().stream().collect(
                java.util.stream.Collectors.toMap(api -> api, api -> 1, Integer::sum)), "all through the primary");
    }

    /**
     * Every call u1..u{@code calls} got exactly one final answer, each user was looked up exactly
     * once in all (retransmissions are absorbed; a failover asks the backup only what the primary
     * did not answer), and each SIP answer is the one the API's recorded answer makes: 200 {@code
     * target} is 302 with {@code Contact: <target>}, 404 is 404. Returns which API answered each user.
     */
    private Map<String, String> assertEveryAnswerIsTheApisAnswer(List<Sipp.Final> finals, int calls, String context) {
        Map<String, RoutingApi.Answer> given = new HashMap<>();
        Map<String, String> askedOf = new HashMap<>();
        for (Map.Entry<String, RoutingApi> api : Map.of("primary", primary, "backup", backup).entrySet()) {
            for (RoutingApi.Answer a : api.getValue().answers()) {
                RoutingApi.Answer before = given.put(a.user(), a);
                assertNull(before, "looked up twice: " + a.user() + " (" + before + ", then " + a + " by the "
                        + api.getKey() + ")" + context);
                askedOf.put(a.user(), api.getKey());
            }
        }
        assertEquals(calls, finals.size(), "one final answer per call" + context);
        Set<String> users = new HashSet<>();
        for (Sipp.Final f : finals) {
            assertTrue(users.add(f.toUser()), "two final answers for " + f.toUser() + context);
            RoutingApi.Answer a = given.get(f.toUser());
            assertNotNull(a, "a SIP answer that no routing API gave: " + f + context);
            if (a.status() == 200) {
                assertEquals(302, f.status(), "the " + askedOf.get(a.user()) + " said " + a + ": " + f);
                assertEquals("<" + a.target() + ">", f.contact(), "the " + askedOf.get(a.user()) + " said " + a);
            } else {
                assertEquals(404, a.status(), a.toString());
                assertEquals(404, f.status(), "the " + askedOf.get(a.user()) + " said " + a + ": " + f);
                assertNull(f.contact(), f.toString());
            }
            assertNull(f.retryAfter(), "no 503 while an API is up: " + f);
        }
        Set<String> expected = new HashSet<>();
        for (int n = 1; n <= calls; n++) {
            expected.add("u" + n);
        }
        assertEquals(expected, users, "the users sipp called");
        assertEquals(expected, given.keySet(), "the users the APIs were asked about");
        return askedOf;
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
