package dev.httpcon.examples.sipservlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>INVITEs for {@code sip:...@async.example.com} take the servlet's asynchronous path: the
 * answer is sent from the completion of {@code sendAsync}, which the connection's
 * {@code async_executor} puts on Liberty's {@code java:comp/DefaultManagedExecutorService}. Those
 * answers carry where the completion ran ({@link RoutingServlet#COMPLETION_HEADER}), and the tests
 * require a thread of Liberty's executor with the application's JNDI names there, not httpcon's
 * own completion pool (what runs the completion if {@code async_executor} were ignored).
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
                if ("sip:u1@10.0.0.1:5060".equals(finalAnswer("sip:u1@example.com").contactUri())
                        && "sip:u1@10.0.0.1:5060".equals(finalAnswer(asyncUri("u1")).contactUri())) {
                    return;
                }
            }
            throw new AssertionError("10 rounds of INVITEs and none answered through the primary routing API on "
                    + "both paths");
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

    /** The Request-URI of {@code user} that the servlet routes asynchronously. */
    private static String asyncUri(String user) {
        return "sip:" + user + "@" + RoutingServlet.ASYNC_HOST;
    }

    /**
     * The final answer to an INVITE for {@code user} on the asynchronous path, after checking that
     * it was sent from a completion that ran as a task of Liberty's ManagedExecutorService: on a
     * thread of Liberty's executor (named {@code Default Executor-thread-N}; the container's
     * {@code ManagedExecutorService} runs its tasks there), with the application's JNDI names.
     * Without the connection's {@code async_executor} the completion runs on httpcon's own pool
     * ({@code httpcon-completion-N}) and this fails. The JNDI lookup alone would not tell the two
     * apart: httpcon's pool threads, started from the application's threads, can look up
     * {@code java:comp} names in Liberty too.
     */
    private static SipUdpClient.Response asyncAnswer(String user) throws IOException {
        SipUdpClient.Response r = finalAnswer(asyncUri(user));
        String where = r.header(RoutingServlet.COMPLETION_HEADER);
        assertNotNull(where, "answered from the completion: " + r);
        System.out.println(user + ": " + r.status() + " sent from the completion on " + where);
        assertTrue(where.startsWith("Default Executor-thread-"), "the completion ran on Liberty's executor, as a "
                + "task of its ManagedExecutorService (the connection's async_executor), not on httpcon's pool: " + where);
        assertTrue(where.endsWith("; java:comp"), "with the application's JNDI names: " + where);
        return r;
    }

    /** {@code r} is a 302 Moved Temporarily to {@code contact}, {@code whose} answer. */
    private static void assertRedirectedTo(String contact, SipUdpClient.Response r, String whose) {
        assertEquals(302, r.status(), r.toString());
        assertEquals("Moved Temporarily", r.reason(), r.toString());
        assertEquals(contact, r.contactUri(), whose + ": " + r);
    }

    @Test
    void asyncKnownUserIsRedirectedFromTheCompletion() throws IOException {
        SipUdpClient.Response r = asyncAnswer("u7");
        assertRedirectedTo("sip:u7@10.0.0.1:5060", r, "the primary's answer");
        assertEquals(List.of(new RoutingApi.Answer("u7", 200, "sip:u7@10.0.0.1:5060")), primary.answers(),
                "one lookup");
        assertEquals(List.of(), backup.answers());
    }

    @Test
    void asyncStoppedPrimaryFailsOverToTheBackup() throws IOException {
        primary.stop();
        SipUdpClient.Response r = asyncAnswer("u8");
        assertRedirectedTo("sip:u8@10.0.0.2:5060", r, "the backup's answer");
        assertEquals(List.of(new RoutingApi.Answer("u8", 200, "sip:u8@10.0.0.2:5060")), backup.answers());
    }

    /** The README's check of the asynchronous path: its sipp scenario for async.example.com. */
    @Test
    void theReadmeAsyncSippCommandGetsA302() throws Exception {
        readmeSippCallGetsA302("sipp.readme.async.scenario", "sipp/redirect-async.xml", "u9");
    }

    @Test
    void knownUserIsRedirectedToTheContactTheApiReturned() throws IOException {
        SipUdpClient.Response r = finalAnswer("sip:u1@example.com");
        assertRedirectedTo("sip:u1@10.0.0.1:5060", r, "the primary's answer");
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
        assertRedirectedTo("sip:u2@10.0.0.2:5060", r, "the backup's answer");
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

    /** Both paths at once (one wait instead of two): the blocking INVITE and the asynchronous one. */
    @Test
    void apiTimeoutGivesServerTimeout() throws Exception {
        long start = System.nanoTime();
        FutureTask<SipUdpClient.Response> async = new FutureTask<>(() -> asyncAnswer("slow"));
        new Thread(async, "asynchronous slow INVITE").start();
        SipUdpClient.Response blocking = finalAnswer("sip:slow@example.com");
        SipUdpClient.Response fromCompletion = async.get(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        for (SipUdpClient.Response r : List.of(blocking, fromCompletion)) {
            assertEquals(504, r.status(), r.toString());
            assertEquals("Server Time-out", r.reason());
        }
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
        readmeSippCallGetsA302("sipp.readme.scenario", "sipp/redirect.xml", "u6");
    }

    /** Runs the README's sipp scenario (its path in system property {@code property}) for {@code user}: one 302. */
    private void readmeSippCallGetsA302(String property, String scenario, String user) throws Exception {
        Sipp.Run run = Sipp.runOnce(Path.of(System.getProperty(property, scenario)), SIP_PORT, user, 30, dir);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(1, run.finals().size(), run.output());
        assertEquals(302, run.finals().get(0).status());
        assertEquals("sip:" + user + "@10.0.0.1:5060", run.finals().get(0).contactUri());
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
