package dev.httpcon.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.Fault;
import dev.httpcon.testing.Peer;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Micrometer back end with a real {@link SimpleMeterRegistry} around real requests: Micrometer's
 * HTTP client conventions ({@code http.client.requests}: method, uri, status, outcome, exception,
 * plus the connection) and the original's and httpcon's counters, for a success, a 4xx, a 5xx, a
 * transport failure, a failover chain and redirects.
 */
class MicrometerRecorderTest {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private StandaloneHttpCon http;
    private Peer raw;

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (raw != null) {
            raw.close();
        }
        registry.close();
    }

    private void start(String lines) {
        HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon", lines)));
        http = dev.httpcon.standalone.StandaloneTesting.start(settings, MicrometerRecorder.bound(registry, settings.connections().keySet()));
    }

    /** The tags of every {@code http.client.requests} timer, with its count, as one readable map each. */
    private List<String> requests() {
        return registry.find(MicrometerRecorder.REQUESTS).timers().stream()
                .map(t -> tags(t) + " x" + t.count()).sorted().toList();
    }

    private static Map<String, String> tags(Meter m) {
        Map<String, String> map = new TreeMap<>();
        for (Tag t : m.getId().getTags()) {
            map.put(t.getKey(), t.getValue());
        }
        return map;
    }

    private double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void successClientErrorServerErrorAndTransportFailure() {
        raw = Fault.REFUSE.start();
        start("api=>" + server.url("/base") + ",dead=>" + raw.url("/v1"));
        assertEquals(200, http.connection("api").get("/json?id=42").code());
        assertEquals(404, http.connection("api").get("/notfound").code());
        assertEquals(500, http.connection("api").get("/error500").code());
        assertEquals(200, http.connection("api").get("/json?id=43").code());   // a kind seen before, after others
        assertEquals(CurlError.COULDNT_CONNECT, http.connection("dead").get("/x").error());

        assertEquals(List.of(
                "{exception=COULDNT_CONNECT, httpcon.connection=dead, method=GET, outcome=UNKNOWN, status=IO_ERROR, uri=/v1} x1",
                "{exception=none, httpcon.connection=api, method=GET, outcome=CLIENT_ERROR, status=404, uri=/base} x1",
                "{exception=none, httpcon.connection=api, method=GET, outcome=SERVER_ERROR, status=500, uri=/base} x1",
                "{exception=none, httpcon.connection=api, method=GET, outcome=SUCCESS, status=200, uri=/base} x2"),
                requests(), "uri is the connection's path: never the request's ids or query values");
        Timer ok = registry.find(MicrometerRecorder.REQUESTS).tag("status", "200").timer();
        assertNotNull(ok);
        assertTrue(ok.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);

        assertEquals(3, counter(MetricsRecorder.CONNOK), "200, 404 and 200");
        assertEquals(2, counter(MetricsRecorder.CONNFAIL), "500 and refused");
        assertEquals(3, counter(MetricsRecorder.ATTEMPTS, "httpcon.connection", "api", "httpcon.outcome", "ok"));
        assertEquals(1, counter(MetricsRecorder.ATTEMPTS, "httpcon.connection", "api", "httpcon.outcome", "server_error"));
        assertEquals(1, counter(MetricsRecorder.ATTEMPTS, "httpcon.connection", "dead",
                "httpcon.outcome", "transport_error"));
        assertEquals(2, registry.find(MetricsRecorder.CONNECTIONS).gauge().value());
    }

    @Test
    void aFailoverChainCountsEachAttemptOnItsConnectionAndEachHop() {
        raw = Fault.REFUSE.start();
        server.route("/b/json", ex -> ex.text(503, "b is down\n"));
        start("a=>" + raw.url("") + ";failover=b,b=>" + server.url("/b") + ";failover=c,c=>" + server.url());
        HttpResult r = http.connection("a").send(HttpRequest.builder("GET", "/json")
                .attribute("sip.call_id", "never-a-tag").build());
        assertEquals(200, r.code());

        assertEquals(3, requests().size(), requests().toString());
        assertTrue(requests().stream().noneMatch(s -> s.contains("never-a-tag")), "no correlation attribute as a tag");
        assertEquals(1, counter(MetricsRecorder.FAILOVERS, "httpcon.connection", "b", "httpcon.failover", "a"));
        assertEquals(1, counter(MetricsRecorder.FAILOVERS, "httpcon.connection", "c", "httpcon.failover", "b"));
        assertEquals(1, counter(MetricsRecorder.CONNOK));
        assertEquals(2, counter(MetricsRecorder.CONNFAIL));
        assertEquals(1, counter(MetricsRecorder.ATTEMPTS, "httpcon.connection", "b", "httpcon.outcome", "server_error"));
    }

    @Test
    void eachRedirectFollowedIsARequestOfTheAttempt() {
        start("api=>" + server.url());
        assertEquals(200, http.connection("api").get("/redir302a").code());
        assertEquals(List.of(
                "{exception=none, httpcon.connection=api, method=GET, outcome=REDIRECTION, status=302, uri=/} x2",
                "{exception=none, httpcon.connection=api, method=GET, outcome=SUCCESS, status=200, uri=/} x1"),
                requests());
        assertEquals(1, counter(MetricsRecorder.CONNOK), "one attempt");
    }

    @Test
    void nothingIsRecordedBeforeTheBinderIsBound() {
        MicrometerRecorder unbound = new MicrometerRecorder(List.of("api"));
        HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                "api=>" + server.url())));
        try (StandaloneHttpCon h = dev.httpcon.standalone.StandaloneTesting.start(settings, unbound)) {
            assertEquals(200, h.connection("api").get("/json").code());
            unbound.bindTo(registry);
            assertNull(registry.find(MicrometerRecorder.REQUESTS).timer());
            assertEquals(200, h.connection("api").get("/json").code());
            assertEquals(1, registry.find(MicrometerRecorder.REQUESTS).timer().count());
        }
    }
}
