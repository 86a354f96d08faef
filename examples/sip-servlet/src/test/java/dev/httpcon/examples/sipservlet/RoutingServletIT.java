package dev.httpcon.examples.sipservlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.examples.routing.SipAnswer;
import dev.httpcon.examples.routing.testing.FailoverRun;
import dev.httpcon.examples.routing.testing.RoutingApi;
import dev.httpcon.examples.routing.testing.Sipp;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example in a real Open Liberty (sipServlet-1.1, cdi-2.0, mpConfig-2.0, mpMetrics-3.0), as a
 * user runs it: Arquillian deploys the WAR the build made ({@code target/sip-servlet.war}, with
 * httpcon's javax jar inside) into the server made from {@code liberty/server.xml}, and the tests
 * speak SIP to it over UDP. The routing connections keep the WAR's configuration but for what the
 * server's {@code server.env} sets (as the README says): their URLs, pointing at the two real
 * routing APIs these tests start on 127.0.0.1 ({@link RoutingApi}: primary answers with Contacts on
 * 10.0.0.1, backup on 10.0.0.2), and 2 s per connection instead of 800 ms, room for a loaded
 * machine (a lookup that timed out would be asked again of the backup, and the tests count every
 * lookup).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoutingServletIT {

    private static final int SIP_PORT = Integer.getInteger("it.sip.port", 5070);
    private static final int HTTP_PORT = Integer.getInteger("it.http.port", 9080);
    private static final int PRIMARY_PORT = Integer.getInteger("it.api.primary.port", 8080);
    private static final int BACKUP_PORT = Integer.getInteger("it.api.backup.port", 8081);
    private static final Path SERVER_DIR = Path.of(System.getProperty("liberty.server.dir", "target/liberty"));

    /** Well above the worst case: 2 s per connection of the chain, two of them. */
    private static final long ANSWER_WITHIN_MS = 15_000;

    @Deployment(testable = false)
    static WebArchive application() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("sip-servlet.war", "target/sip-servlet.war")));
    }

    @TempDir
    Path dir;

    private RoutingApi primary;
    private RoutingApi backup;

    @BeforeAll
    static void sippInstalled() {
        Sipp.requireInstalled();
    }

    /**
     * The first lookups after the deployment load HttpClient's and httpcon's request classes into
     * the application's class loader: 0.16 s on an idle 2-core machine, but 0.9 s under a load of
     * 18, more than the 800 ms each connection of the example gets, and such an INVITE fails over.
     * The tests check the steady state and count lookups, so a few go first (this runs after
     * Arquillian has deployed the WAR), until one is answered through the primary.
     */
    @BeforeAll
    static void warmUp() throws IOException {
        try (RoutingApi p = RoutingApi.start("10.0.0.1", PRIMARY_PORT, Integer.MAX_VALUE);
                RoutingApi b = RoutingApi.start("10.0.0.2", BACKUP_PORT, Integer.MAX_VALUE)) {
            for (int i = 0; i < 10; i++) {
                if ("sip:u1@10.0.0.1:5060".equals(finalAnswer("sip:u1@example.com").contactUri())) {
                    return;
                }
            }
            throw new AssertionError("10 INVITEs and none answered through the primary routing API");
        }
    }

    /** The two APIs on the ports server.env names, the primary stopping itself after {@code primaryStopsAfter} answers. */
    private void startApis(int primaryStopsAfter) {
        primary = RoutingApi.start("10.0.0.1", PRIMARY_PORT, primaryStopsAfter);
        backup = RoutingApi.start("10.0.0.2", BACKUP_PORT, Integer.MAX_VALUE);
    }

    @BeforeEach
    void startApis() {
        startApis(Integer.MAX_VALUE);
    }

    @AfterEach
    void stopApis() {
        primary.close();
        backup.close();
    }

    private static List<SipUdpClient.Response> invite(String requestUri) throws IOException {
        try (SipUdpClient client = new SipUdpClient(SIP_PORT)) {
            List<SipUdpClient.Response> responses = client.invite(requestUri, ANSWER_WITHIN_MS);
            assertEquals(100, responses.get(0).status(), "100 Trying before the lookup: " + responses);
            return responses;
        }
    }

    private static SipUdpClient.Response finalAnswer(String requestUri) throws IOException {
        List<SipUdpClient.Response> responses = invite(requestUri);
        return responses.get(responses.size() - 1);
    }

    @Test
    void knownUserIsRedirectedToTheContactTheApiReturned() throws IOException {
        SipUdpClient.Response r = finalAnswer("sip:u1@example.com");
        assertEquals(302, r.status(), r.toString());
        assertEquals("Moved Temporarily", r.reason());
        assertEquals("sip:u1@10.0.0.1:5060", r.contactUri(), "the primary's answer: " + r);
        assertNull(r.header("Retry-After"));
        assertEquals(List.of(new RoutingApi.Answer("u1", 200, "sip:u1@10.0.0.1:5060")), primary.answers(),
                "one lookup, at the URL from server.env (not the WAR's default)");
        assertEquals(List.of(), backup.answers());
    }

    @Test
    void unknownUserIsNotFound() throws IOException {
        SipUdpClient.Response r = finalAnswer("sip:u5@example.com");
        assertEquals(404, r.status(), r.toString());
        assertEquals("Not Found", r.reason());
        assertNull(r.header("Contact"));
    }

    @Test
    void barredUserIsForbidden() throws IOException {
        SipUdpClient.Response r = finalAnswer("sip:barred@example.com");
        assertEquals(403, r.status(), r.toString());
        assertEquals("Forbidden", r.reason());
    }

    @Test
    void stoppedPrimaryFailsOverToTheBackup() throws IOException {
        primary.stop();
        SipUdpClient.Response r = finalAnswer("sip:u2@example.com");
        assertEquals(302, r.status(), r.toString());
        assertEquals("sip:u2@10.0.0.2:5060", r.contactUri(), "the backup's answer: " + r);
        assertEquals(1, backup.answers().size());
    }

    @Test
    void bothApisDownGiveServiceUnavailableWithRetryAfter() throws IOException {
        primary.stop();
        backup.stop();
        SipUdpClient.Response r = finalAnswer("sip:u3@example.com");
        assertEquals(503, r.status(), r.toString());
        assertEquals("Service Unavailable", r.reason());
        assertEquals(String.valueOf(SipAnswer.RETRY_AFTER_SECONDS), r.header("Retry-After"));
        assertNull(r.header("Contact"));
    }

    @Test
    void apiTimeoutGivesServerTimeout() throws IOException {
        long start = System.nanoTime();
        SipUdpClient.Response r = finalAnswer("sip:slow@example.com");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(504, r.status(), r.toString());
        assertEquals("Server Time-out", r.reason());
        assertTrue(millis < RoutingApi.SLOW_MILLIS, "the chain's timeouts (2 x 2 s here) end the wait, not the API: "
                + millis + " ms");
        assertEquals(List.of(), primary.answers());
        assertEquals(List.of(), backup.answers());
    }

    /**
     * The javax jar's metrics path: MicroProfile Metrics 3.0 in Liberty counts each lookup once,
     * in the original's {@code httpclient.connok} and in the connection's own counter.
     */
    @Test
    void eachLookupIsCountedInLibertysMetrics() throws Exception {
        String before = metrics();
        assertEquals(302, finalAnswer("sip:u4@example.com").status());
        String after = metrics();
        assertEquals(2, metric(after, "application_httpclient_connections"), "connections defined");
        assertEquals(metric(before, "application_httpclient_connok_total") + 1,
                metric(after, "application_httpclient_connok_total"), after);
        long routingOk = metric(after, "application_httpcon_requests_ok_total{connection=\"routing\"}");
        assertEquals(Math.max(0, metric(before, "application_httpcon_requests_ok_total{connection=\"routing\"}")) + 1,
                routingOk, after);
    }

    /** A few hundred INVITEs from sipp, the primary API stopping itself a third of the way through. */
    @Test
    void sippInvitesAreRoutedThroughAMidRunFailover() throws Exception {
        stopApis();
        startApis(FailoverRun.PRIMARY_STOPS_AFTER);
        System.out.println(FailoverRun.invites(SIP_PORT, primary, backup, dir, RoutingServletIT::libertyLog));
    }

    /** The README's own check: its sipp scenario, one INVITE, a successful call (the 302). */
    @Test
    void theReadmeSippCommandGetsA302() throws Exception {
        Path scenario = Path.of(System.getProperty("sipp.readme.scenario", "sipp/redirect.xml"));
        Sipp.Run run = Sipp.runOnce(scenario, SIP_PORT, "u6", 30, dir);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(1, run.finals().size(), run.output());
        assertEquals(302, run.finals().get(0).status());
        assertEquals("sip:u6@10.0.0.1:5060", run.finals().get(0).contactUri());
    }

    /** Liberty's {@code /metrics/application} (Prometheus text). */
    private static String metrics() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + HTTP_PORT + "/metrics/application"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** A metric's value in {@code text}, or -1 if it is not there (per-connection ones appear at first use). */
    private static long metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\d+)").matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The end of the server's messages.log, for failure messages. */
    private static String libertyLog() throws IOException {
        Path log = SERVER_DIR.resolve("logs/messages.log");
        if (!Files.exists(log)) {
            return "(no " + log + ")";
        }
        String s = Files.readString(log, StandardCharsets.UTF_8);
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
