package dev.httpcon.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.RedirectHop;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.management.HttpClientManagement;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.LogCapture;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.RefusedPort;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Query strings carry tokens: toString of requests, results, redirect hops and settings, the logs
 * at every level (HttpClient's own included), listcon and JMX show a query's names, never its
 * values. The effective URL of a result stays whole: the caller owns it.
 */
class QueryStringRedactionTest {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();

    /** Values that must never show; each is long enough not to occur by chance. */
    private static final List<String> VALUES = List.of("Tok3n-Base-Qv9", "Tok3n-Path-Jx4", "Tok3n-Redir-Wm2",
            "Tok3n-Query-Rb7", "Tok3n-Frag-Lp5");

    private Map<String, String> config() {
        return Map.of("httpclient.httpcon", "api=>" + server.url("/base") + "?api_key=" + VALUES.get(0) + ";timeout=5s");
    }

    private static void assertNoValue(String where, String text) {
        for (String v : VALUES) {
            assertFalse(text.contains(v), () -> "a query value (" + v + ") in " + where + ":\n"
                    + String.join("\n", text.lines().filter(l -> l.contains(v)).toList()));
        }
    }

    @Test
    void requestsResultsAndHopsShowQueryNamesOnly() {
        HttpRequest req = HttpRequest.get("/json?token=" + VALUES.get(1) + "&user=ann&empty=&flag#" + VALUES.get(4));
        assertEquals("GET /json?token=****&user=****&empty=&****#****", req.toString());

        URI effective = URI.create("http://h/x?token=" + VALUES.get(3));
        HttpResult r = HttpResult.builder().status(200).effectiveUrl(effective)
                .redirect(new RedirectHop(URI.create("http://h/a?sig=" + VALUES.get(2)), 302, effective)).build();
        assertEquals(effective, r.effectiveUrl(), "the caller's own URL stays whole");
        assertTrue(r.toString().contains("url=http://h/x?token=****"), r.toString());
        assertNoValue("HttpResult.toString", r + " " + r.redirects());
    }

    @Test
    void notInLogsAtAnyLevelNorInResults() {
        List<HttpResult> results = new ArrayList<>();
        String logs;
        try (LogCapture capture = LogCapture.start(); StandaloneHttpCon http = StandaloneHttpCon.start(config())) {
            String path = "/json?token=" + VALUES.get(1);
            results.add(http.connection("api").get(path));
            String target = server.url("/json").toString() + "?code=" + VALUES.get(2);
            results.add(http.connection("api").get("/redirect-to?url=" + URLEncoder.encode(target,
                    StandardCharsets.UTF_8)));
            results.add(http.query().query(server.url("/json") + "?q=" + VALUES.get(3)));
            results.add(http.query().query(RefusedPort.shared().url("/x?q=" + VALUES.get(3)).toString()));
            logs = capture.text();
            assertTrue(logs.contains("org.apache.hc.client5.http"), "HttpClient's debug logging was captured");
        }
        assertEquals(List.of(200, 200, 200, 7), results.stream().map(HttpResult::code).toList(), results.toString());
        assertNoValue("the logs", logs);
        for (HttpResult r : results) {
            assertNoValue("a result's toString", r.toString() + " " + r.redirects() + " " + r.message());
        }
        assertTrue(results.get(0).effectiveUrl().toString().contains(VALUES.get(1)), "effectiveUrl stays whole");
    }

    @Test
    void notInSettingsListconOrJmx() throws Exception {
        HttpConSettings settings = SettingsLoader.load(new MapConfigView(config()));
        assertEquals(VALUES.get(0), settings.connection("api").url().getQuery().substring("api_key=".length()));
        assertNoValue("settings", settings + " " + settings.connections());

        try (dev.httpcon.core.HttpConCore http = dev.httpcon.core.HttpConCore.start(settings, dev.httpcon.core.MetricsRecorder.NOOP)) {
            ConnectionInfo info = http.connections().get("api").info();
            assertEquals(server.url("/base") + "?api_key=****", info.url());
            assertNoValue("listcon", http.connections().list() + " " + http.connection("api"));
        }
        try (HttpConCore core = HttpConCore.start(settings, MetricsRecorder.NOOP);
             HttpClientManagement jmx = new HttpClientManagement(core)) {
            ObjectName name = jmx.register();
            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            String shown = mbeans.invoke(name, "listconText", null, null) + "\n"
                    + Arrays.deepToString((Object[]) mbeans.invoke(name, "listcon", null, null))
                    + core.registry().runtimes();
            assertTrue(shown.contains("api_key=****"), shown);
            assertNoValue("JMX listcon", shown);
        }
    }
}
