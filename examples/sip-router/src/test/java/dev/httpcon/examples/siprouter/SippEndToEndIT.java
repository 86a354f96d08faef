package dev.httpcon.examples.siprouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.examples.routing.testing.FailoverRun;
import dev.httpcon.examples.routing.testing.RoutingApi;
import dev.httpcon.examples.routing.testing.Sipp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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
    private void start(int primaryStopsAfter, String... options) throws Exception {
        start(primaryStopsAfter, false, options);
    }

    private void start(int primaryStopsAfter, boolean metrics, String... options) throws Exception {
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
        router = RouterProcess.start(config, dir, metrics, options);
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

    /**
     * Started as the README says, with {@code --metrics-port}: besides every answer, {@code /metrics}
     * serves the lookups' latency histogram with the conventions' labels and the connection, the
     * attempts and failovers, and each routing API received a valid {@code traceparent} with
     * every lookup.
     */
    @Test
    void invitesAreAnsweredAsTheApiSaidAndFailOverWhenThePrimaryStops() throws Exception {
        start(FailoverRun.PRIMARY_STOPS_AFTER, true);
        System.out.println(FailoverRun.invites(port, primary, backup, dir, router::errors));

        String metrics = router.metrics();
        long primaryAnswers = primary.answers().stream().filter(a -> a.status() == 200).count();
        String histogram = "http_client_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",httpcon_connection=\"routing\",network_protocol_version=\"1.1\","
                + "otel_scope_name=\"dev.httpcon\",server_address=\"127.0.0.1\",server_port=\"" + port(primary) + "\"}";
        assertEquals(primaryAnswers, value(metrics, histogram), histogram + " in\n" + metrics);
        assertTrue(metrics.contains("http_client_request_duration_seconds_bucket{"), metrics);
        assertTrue(value(metrics, "httpcon_failovers_total{httpcon_connection=\"routing_backup\","
                + "httpcon_failover=\"routing\",otel_scope_name=\"dev.httpcon\"}") > 0, metrics);
        assertEquals(FailoverRun.CALLS, value(metrics, "httpclient_connok_total{otel_scope_name=\"dev.httpcon\"}"),
                "one ok attempt per call (200 or 404)\n" + metrics);

        for (RoutingApi api : List.of(primary, backup)) {
            List<Optional<String>> received = api.traceparents();
            assertTrue(received.size() >= api.answers().size(), received.size() + " requests");
            for (Optional<String> traceparent : received) {
                assertTrue(traceparent.isPresent() && TRACEPARENT.matcher(traceparent.get()).matches(),
                        "every lookup carries trace context: " + traceparent);
            }
        }
    }

    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");

    private static int port(RoutingApi api) {
        return URI.create(api.url()).getPort();
    }

    /** The value of one sample line of the Prometheus text, -1 when it is not there. */
    private static long value(String metrics, String sample) {
        return metrics.lines().filter(l -> l.startsWith(sample + " ")).findFirst()
                .map(l -> (long) Double.parseDouble(l.substring(sample.length() + 1).trim())).orElse(-1L);
    }

    @Test
    void inAsyncModeInvitesAreAnsweredFromTheCompletionAndFailOverToo() throws Exception {
        start(FailoverRun.PRIMARY_STOPS_AFTER, "--async");
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
