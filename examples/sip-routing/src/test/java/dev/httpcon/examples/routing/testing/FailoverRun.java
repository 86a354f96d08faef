package dev.httpcon.examples.routing.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The end-to-end checks both SIP examples share, on a router whose {@code routing} connection fails
 * over from a primary to a backup {@link RoutingApi}: every call sipp made got exactly one final
 * answer, each user was looked up exactly once in all (retransmissions are absorbed; a failover
 * asks the backup only what the primary did not answer), and each SIP answer is the one the API's
 * recorded answer makes: 200 {@code target} is a 302 with that Contact, 404 is a 404.
 */
public final class FailoverRun {

    /** {@link #invites} sends this many INVITEs; the primary stops itself after a third of them. */
    public static final int CALLS = 300;
    public static final int PRIMARY_STOPS_AFTER = CALLS / 3;

    private FailoverRun() {
    }

    /**
     * sipp sends {@link #CALLS} INVITEs at 50 per second to the router at {@code 127.0.0.1:sipPort};
     * {@code primary} must have been started to stop itself after {@link #PRIMARY_STOPS_AFTER}
     * answers ({@code RoutingApi.start(host, port, FailoverRun.PRIMARY_STOPS_AFTER)}), while sipp
     * keeps sending. Checks every answer, and that the primary answered until it stopped and the
     * backup after that; returns a one-line summary. {@code routerLog} adds the router's side to a
     * failure message.
     */
    public static String invites(int sipPort, RoutingApi primary, RoutingApi backup, Path dir,
            Callable<String> routerLog) throws Exception {
        Sipp.Run run = Sipp.run(Sipp.scenario("invite.xml", dir), sipPort, CALLS, 50, 60, dir);
        String context = "\nsipp exit " + run.exitCode() + "\n" + tail(run.output()) + "\nrouter:\n" + tail(routerLog.call());
        assertEquals(0, run.exitCode(), "sipp: every call must succeed (302 or 404, ACKed)" + context);
        Map<String, String> askedOf = assertEveryAnswerIsTheApisAnswer(run.finals(), CALLS, primary, backup, context);

        long viaPrimary = askedOf.values().stream().filter("primary"::equals).count();
        assertTrue(viaPrimary >= PRIMARY_STOPS_AFTER, "the primary answered until it stopped: " + viaPrimary);
        assertTrue(viaPrimary < CALLS, "the backup answered once the primary had stopped: " + viaPrimary);
        return String.format("%d INVITEs: %d answered through the primary (stopped after %d answers), %d through the backup",
                CALLS, viaPrimary, PRIMARY_STOPS_AFTER, CALLS - viaPrimary);
    }

    /**
     * Every call u1..u{@code calls} got exactly one final answer, each user was looked up exactly
     * once in all, and each SIP answer is the one the API's recorded answer makes. Returns which API
     * ({@code "primary"}, {@code "backup"}) answered each user.
     */
    public static Map<String, String> assertEveryAnswerIsTheApisAnswer(List<Sipp.Final> finals, int calls,
            RoutingApi primary, RoutingApi backup, String context) {
        Set<String> expected = new HashSet<>();
        for (int n = 1; n <= calls; n++) {
            expected.add("u" + n);
        }
        return assertEveryAnswerIsTheApisAnswer(finals, expected, Map.of("primary", primary, "backup", backup), context);
    }

    /**
     * Every user of {@code expected} got exactly one final answer, each was looked up exactly once
     * in all the {@code apis} (by name), and each SIP answer is the one the API's recorded answer
     * makes. Returns which API answered each user.
     */
    public static Map<String, String> assertEveryAnswerIsTheApisAnswer(List<Sipp.Final> finals, Set<String> expected,
            Map<String, RoutingApi> apis, String context) {
        Map<String, RoutingApi.Answer> given = new HashMap<>();
        Map<String, String> askedOf = new HashMap<>();
        for (Map.Entry<String, RoutingApi> api : apis.entrySet()) {
            for (RoutingApi.Answer a : api.getValue().answers()) {
                RoutingApi.Answer before = given.put(a.user(), a);
                assertNull(before, "looked up twice: " + a.user() + " (" + before + ", then " + a + " by the "
                        + api.getKey() + ")" + context);
                askedOf.put(a.user(), api.getKey());
            }
        }
        assertEquals(expected.size(), finals.size(), "one final answer per call" + context);
        Set<String> users = new HashSet<>();
        for (Sipp.Final f : finals) {
            assertTrue(users.add(f.toUser()), "two final answers for " + f.toUser() + context);
            RoutingApi.Answer a = given.get(f.toUser());
            assertNotNull(a, "a SIP answer that no routing API gave: " + f + context);
            if (a.status() == 200) {
                assertEquals(302, f.status(), "the " + askedOf.get(a.user()) + " said " + a + ": " + f);
                assertEquals(a.target(), f.contactUri(), "the " + askedOf.get(a.user()) + " said " + a + ": " + f);
            } else {
                assertEquals(404, a.status(), a.toString());
                assertEquals(404, f.status(), "the " + askedOf.get(a.user()) + " said " + a + ": " + f);
                assertNull(f.contact(), f.toString());
            }
            assertNull(f.retryAfter(), "no 503 while an API is up: " + f);
        }
        assertEquals(expected, users, "the users sipp called");
        assertEquals(expected, given.keySet(), "the users the APIs were asked about");
        return askedOf;
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
