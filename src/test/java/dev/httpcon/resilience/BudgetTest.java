package dev.httpcon.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.Attempt;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.RawServer;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.Timing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A budget for the whole call: {@code total_timeout} and a request's own timeout or deadline cap
 * every hop of a failover chain; a spent budget starts no further hop and ends with 28, listing
 * the attempts made. Against real servers: black holes that accept and never answer, a refusing
 * port, a server that answers.
 */
class BudgetTest {

    private static List<String> tried(HttpResult r) {
        return r.attempts().stream().map(Attempt::connection).toList();
    }

    @Test
    void aChainOfThreeStopsWhenTheBudgetIsSpent() {
        Duration budget = Duration.ofMillis(1500);
        try (RawServer a = Servers.blackHole(); RawServer b = Servers.blackHole(); ReferenceServer c = Servers.ok("c");
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "a=>" + a.url("") + ";timeout=1s;total_timeout=" + budget.toMillis() + "ms;failover=b,"
                             + "b=>" + b.url("") + ";timeout=1s;failover=c,"
                             + "c=>" + c.url()))) {
            Timing.Timed<HttpResult> t = Timing.time(() -> http.connection("a").get("/route"));
            HttpResult r = t.value();

            assertEquals(28, r.code(), r.toString());
            assertEquals(List.of("a", "b"), tried(r), "c is never tried: the budget was spent at b");
            assertTrue(r.message().contains("total_timeout=1500ms of 'a'") && r.message().contains("'c' not tried"),
                    r.message());
            assertEquals(List.of(), c.requests(), "nothing reached c");
            // a had its own 1 s, b only the 500 ms left of the budget, not its own 1 s
            Timing.assertNotBefore(t.elapsed(), budget, r);
            Timing.assertEndedByDeadline(t.elapsed(), budget, r);
            assertTrue(r.attempts().get(1).elapsed().compareTo(Duration.ofMillis(1000)) < 0
                    || t.elapsed().compareTo(budget.plus(Timing.SLACK)) < 0, r.attempts().toString());
        }
    }

    @Test
    void aHopGetsWhatIsLeftOfTheBudgetAndAFastFailureLeavesTimeForTheNext() {
        try (RefusedPort dead = RefusedPort.open(); ReferenceServer c = Servers.ok("c");
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "a=>" + dead.url("") + ";total_timeout=" + Timing.IN_TIME.toMillis() + "ms;failover=b,"
                             + "b=>" + dead.url("") + ";failover=c,"
                             + "c=>" + c.url()))) {
            HttpResult r = http.connection("a").get("/route");
            assertEquals(200, r.code(), r.toString());
            assertEquals(List.of("a", "b", "c"), tried(r));
            assertFalse(r.attempts().get(0).sent(), "a refused connection: certainly not sent");
            assertTrue(r.attempts().get(2).sent());
        }
    }

    @Test
    void aRequestTimeoutCapsTheConnectionsOwnTimeout() {
        Duration timeout = Duration.ofMillis(400);
        try (RawServer hole = Servers.blackHole();
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "slow=>" + hole.url("") + ";timeout=30s"))) {
            Timing.Timed<HttpResult> t = Timing.time(() -> http.connection("slow")
                    .send(HttpRequest.builder("GET", "/route").timeout(timeout).build()));
            assertEquals(28, t.value().code(), t.value().toString());
            Timing.assertNotBefore(t.elapsed(), timeout, t.value());
            Timing.assertEndedByDeadline(t.elapsed(), timeout, t.value());
        }
    }

    @Test
    void aDeadlineThatHasPassedSendsNothing() {
        try (RawServer hole = Servers.blackHole();
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "a=>" + hole.url("") + ";failover=b,b=>" + hole.url("")))) {
            HttpResult r = http.connection("a").send(HttpRequest.builder("GET", "/route")
                    .deadlineNanoTime(System.nanoTime() - 1).build());
            assertEquals(28, r.code(), r.toString());
            assertFalse(r.sent(), "certainly not sent");
            assertEquals(List.of("a"), tried(r), "b is not tried either");
            assertTrue(r.message().contains("the request's deadline was spent before connection 'a' was tried (not sent); 'b' not tried"),
                    r.message());
            assertEquals(List.of(), hole.heads(), "nothing reached the server");
            assertEquals(0, http.connection("a").info().ok() + http.connection("a").info().fail(),
                    "no attempt was made, so none is counted");
        }
    }

    @Test
    void aSipTransactionsRemainingTimeServesTheBackupWhenThePrimaryRefuses() {
        long received = System.nanoTime();
        long deadline = received + Timing.IN_TIME.toNanos();
        try (RefusedPort dead = RefusedPort.open(); ReferenceServer backup = Servers.ok("backup");
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "routing=>" + dead.url("") + ";failover=routing_backup,routing_backup=>" + backup.url()))) {
            HttpResult r = http.connection("routing").send(HttpRequest.builder("GET", "/route")
                    .deadlineNanoTime(deadline).build());
            assertEquals(200, r.code(), r.toString());
            assertEquals("routing_backup", r.servedBy());
        }
    }

    @Test
    void withBothATimeoutAndADeadlineTheEarlierOneApplies() {
        Duration timeout = Duration.ofMillis(400);
        try (RawServer hole = Servers.blackHole();
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "slow=>" + hole.url("") + ";timeout=30s"))) {
            Timing.Timed<HttpResult> t = Timing.time(() -> http.connection("slow").send(HttpRequest
                    .builder("GET", "/route").timeout(Duration.ofSeconds(20))
                    .deadlineNanoTime(System.nanoTime() + timeout.toNanos()).build()));
            assertEquals(28, t.value().code());
            Timing.assertEndedByDeadline(t.elapsed(), timeout, t.value());
        }
    }
}
