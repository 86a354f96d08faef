package dev.httpcon.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar target/httpcon-cli.jar demo}: runs with nothing but loopback, exits 0, shows
 * the configuration and each step of the tour with its outcome, never a password, nothing on stderr.
 */
class DemoIT {

    private static final Pattern STEP = Pattern.compile("(?m)^([1-9])\\. ");

    @Test
    void theDemoShowsEachStepWithItsOutcome() {
        Cli.Run run = Cli.run("demo");
        assertEquals(0, run.exit(), run::describe);
        assertEquals("", run.err(), () -> "no log chatter on stderr:\n" + run.describe());
        String out = run.out();
        assertFalse(out.contains("demo-secret"), "the routing API's password is never shown");
        assertFalse(out.contains("!!"), () -> "a step did not give what it should:\n" + out);

        String config = out.substring(0, out.indexOf("\n1. "));
        contains(config, "httpclient.keep_connections=yes", "httpclient.httpcon=routing=>http://127.0.0.1:",
                "primary=>http://127.0.0.1:", ";failover=routing", "moved=>http://127.0.0.1:", ";timeout=500ms",
                "httpclient.connection.routing.username=demo", "httpclient.connection.routing.password=****");

        List<String> steps = steps(out);
        assertEquals(7, steps.size(), out);
        contains(steps.get(0), "GET", "httpcon> connect routing '/route?user=alice'", "code      200 (HTTP result code)",
                "served by routing", "/api/route?user=alice", "type      application/json", "\"route\":\"sip:alice@");
        contains(steps.get(1), "POST", "--content-type application/json --data", "code      201 (HTTP result code)",
                "\"stored\":true");
        contains(steps.get(2), "Failover", "httpcon> connect primary", "code      200 (HTTP result code)",
                "served by routing", "attempts  primary 7 (Couldn't connect to server", "then routing 200");
        contains(steps.get(3), "Redirect", "served by moved", "redirect  301 http://127.0.0.1:",
                "/v1/route?user=dave -> http://127.0.0.1:", "httpcon> redirect moved", "code      1\n");
        assertTrue(Pattern.compile("(?m)^  url +http://127\\.0\\.0\\.1:\\d+/v2/route\\?user=dave$").matcher(
                steps.get(3).substring(steps.get(3).indexOf("httpcon> redirect moved"))).find(),
                () -> "lastRedirect shows the effective URL:\n" + steps.get(3));
        contains(steps.get(4), "Timeout", "httpcon> connect slow /route", "code      28 (Timeout was reached)",
                "served by slow");
        contains(steps.get(5), "listcon", "NAME", "PASSWORD", "routing ", "****", "primary ", "moved ", "slow ");
        contains(steps.get(6), "Counters", "httpclient.connections 4", "httpclient.connok 4", "httpclient.connfail 2",
                "routing  ok=3 server_error=0 transport_error=0", "primary  ok=0 server_error=0 transport_error=1",
                "slow     ok=0 server_error=0 transport_error=1");
        assertTrue(out.contains("Every step gave what it should."), out);
    }

    @Test
    void noArgumentsRunsTheDemo() {
        Cli.Run run = Cli.run();
        assertEquals(0, run.exit(), run::describe);
        assertEquals(7, steps(run.out()).size(), run::describe);
        assertTrue(run.out().contains("Every step gave what it should."), run::describe);
    }

    /** The text of each numbered step. */
    private static List<String> steps(String out) {
        Matcher m = STEP.matcher(out);
        List<Integer> starts = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
        }
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            steps.add(out.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : out.length()));
        }
        return steps;
    }

    private static void contains(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), () -> "missing '" + p + "' in:\n" + text);
        }
    }
}
