package dev.httpcon.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.RawServer;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.ReferenceServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code failover_unsafe=0}: a non-idempotent request (POST, PATCH, ...) fails over only when it
 * certainly was not sent (refused, skipped, refused by the guard); one that may have reached the
 * server (a 503, a timeout waiting for the answer) is not re-sent. Idempotent methods and the
 * default {@code failover_unsafe=1} keep the original's rule.
 */
class SafeReplayTest {

    private static StandaloneHttpCon http(String primaryUrl, String backupUrl, String extra) {
        return StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                "primary=>" + primaryUrl + ";failover=backup" + extra + ",backup=>" + backupUrl));
    }

    private static ReferenceServer unavailable() {
        ReferenceServer s = ReferenceServer.start();
        s.route("/charge", ex -> ex.text(503, "busy\n"));
        return s;
    }

    @Test
    void aPostThatGotA503IsNotReplayed() {
        try (ReferenceServer primary = unavailable(); ReferenceServer backup = ReferenceServer.start();
             StandaloneHttpCon http = http(primary.url().toString(), backup.url().toString(), ";failover_unsafe=0")) {
            HttpResult r = http.connection("primary").post("/charge", "application/json", "{\"cents\":100}");
            assertEquals(503, r.code());
            assertEquals("primary", r.servedBy());
            assertTrue(r.sent());
            assertEquals(List.of(), backup.requests(), "the POST was not sent twice");
            assertEquals(1, primary.requests("/charge").size());
        }
    }

    @Test
    void aPatchThatTimedOutWaitingForTheAnswerIsNotReplayed() {
        try (RawServer hole = Servers.blackHole(); ReferenceServer backup = ReferenceServer.start();
             StandaloneHttpCon http = http(hole.url("").toString(), backup.url().toString(),
                     ";failover_unsafe=0;timeout=300ms")) {
            HttpResult r = http.connection("primary").send(HttpRequest.builder("PATCH", "/charge")
                    .body("application/json", "{}").build());
            assertEquals(28, r.code());
            assertTrue(r.sent(), "it may have reached the server");
            assertEquals(List.of(), backup.requests());
        }
    }

    @Test
    void aPostThatWasRefusedFailsOver() {
        try (RefusedPort dead = RefusedPort.open(); ReferenceServer backup = ReferenceServer.start();
             StandaloneHttpCon http = http(dead.url("").toString(), backup.url().toString(), ";failover_unsafe=0")) {
            HttpResult r = http.connection("primary").post("/echo", "text/plain", "once");
            assertEquals(200, r.code(), r.toString());
            assertEquals("backup", r.servedBy());
            assertFalse(r.attempts().get(0).sent());
            assertTrue(r.attempts().get(1).sent());
            assertEquals(1, backup.requests().size());
        }
    }

    @Test
    void aPostToASkippedConnectionFailsOver() {
        try (ReferenceServer primary = unavailable(); ReferenceServer backup = ReferenceServer.start();
             StandaloneHttpCon http = http(primary.url().toString(), backup.url().toString(), ";failover_unsafe=0")) {
            http.connections().disable("primary");
            HttpResult r = http.connection("primary").post("/echo", "text/plain", "once");
            assertEquals(200, r.code());
            assertEquals(List.of(), primary.requests());
        }
    }

    @Test
    void idempotentMethodsAndTheDefaultKeepTheOriginalsRule() {
        try (ReferenceServer primary = unavailable(); ReferenceServer backup = ReferenceServer.start()) {
            backup.route("/charge", ex -> ex.text(200, "backup\n"));
            try (StandaloneHttpCon http = http(primary.url().toString(), backup.url().toString(),
                    ";failover_unsafe=0")) {
                for (String method : List.of("GET", "PUT", "DELETE", "OPTIONS")) {
                    HttpResult r = http.connection("primary").send(HttpRequest.builder(method, "/charge").build());
                    assertEquals("backup", r.servedBy(), method + " is idempotent: " + r);
                }
            }
            try (StandaloneHttpCon http = http(primary.url().toString(), backup.url().toString(), "")) {
                HttpResult r = http.connection("primary").post("/charge", "text/plain", "twice");
                assertEquals("backup", r.servedBy(), "failover_unsafe=1 (the default): the original re-sends a POST");
                assertEquals(List.of(true, true), r.attempts().stream().map(a -> a.sent()).toList());
            }
        }
    }
}
