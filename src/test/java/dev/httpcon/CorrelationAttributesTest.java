package dev.httpcon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.LogCapture;
import dev.httpcon.testing.Peer;
import dev.httpcon.testing.Fault;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request's correlation attributes: what the builder accepts and refuses, that they are never
 * sent, and that httpcon's log lines about the call end with them (the spans' side is in
 * {@code OtelRecorderTest}).
 */
class CorrelationAttributesTest {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();

    private static HttpRequest.Builder get() {
        return HttpRequest.builder("GET", "/json");
    }

    @Test
    void keptInOrderCopiedByToBuilderAndASecondValueReplacesTheFirst() {
        HttpRequest r = get().attribute("sip.call_id", "a84b4c76e66710@pc33").attribute("sip.method", "INVITE")
                .attribute("sip.call_id", "second").build();
        assertEquals(List.of("sip.call_id", "sip.method"), List.copyOf(r.attributes().keySet()));
        assertEquals("second", r.attributes().get("sip.call_id"));
        assertEquals(r.attributes(), r.toBuilder().build().attributes());
        assertEquals(Map.of(), HttpRequest.get("/x").attributes());
        assertThrows(UnsupportedOperationException.class, () -> r.attributes().put("x", "y"));
    }

    @Test
    void namesValuesAndCountAreBounded() {
        for (String bad : List.of("", "Sip.call", "sip..call", "sip.", ".sip", "1sip", "sip-call", "sip call",
                "a".repeat(65))) {
            assertThrows(IllegalArgumentException.class, () -> get().attribute(bad, "v"), bad);
        }
        for (String reserved : List.of("http.route", "url.path", "server.address", "client.address", "network.peer",
                "error.type", "user_agent.original", "httpcon.connection", "otel.status_code")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> get().attribute(reserved, "v"));
            assertTrue(e.getMessage().contains("name space"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> get().attribute("sip.call_id", "a\r\nFAKE log line"));
        assertThrows(IllegalArgumentException.class, () -> get().attribute("sip.call_id", "tab\there"));
        assertThrows(IllegalArgumentException.class, () -> get().attribute("sip.call_id",
                "x".repeat(HttpRequest.MAX_ATTRIBUTE_LENGTH + 1)));
        get().attribute("sip.call_id", "x".repeat(HttpRequest.MAX_ATTRIBUTE_LENGTH)).attribute("a_b.c9", "");
        HttpRequest.Builder full = get();
        for (int i = 0; i < HttpRequest.MAX_ATTRIBUTES; i++) {
            full.attribute("k" + i, "v");
        }
        full.attribute("k0", "replacing one is fine");
        assertThrows(IllegalArgumentException.class, () -> full.attribute("one.more", "v"));
    }

    @Test
    void neverSentAndAtTheEndOfEveryLogLineAboutTheCall() {
        String logs;
        try (Peer refused = Fault.REFUSE.start();
             LogCapture capture = LogCapture.start();
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "routing=>" + refused.url("") + ";failover=backup,backup=>" + server.url()))) {
            HttpResult r = http.connection("routing").send(get().attribute("sip.call_id", "a84b4c76e66710@pc33")
                    .attribute("sip.method", "INVITE").build());
            assertEquals(200, r.code());
            logs = capture.messages();
        }
        String suffix = " [sip.call_id=a84b4c76e66710@pc33, sip.method=INVITE]";
        List<String> httpcon = logs.lines().filter(l -> l.startsWith("dev.httpcon")).toList();
        assertTrue(httpcon.stream().anyMatch(l -> l.startsWith("dev.httpcon.engine.AttemptPlan") && l.contains(" -> 7 ")
                && l.endsWith(suffix)), logs);
        assertTrue(httpcon.stream().anyMatch(l -> l.startsWith("dev.httpcon.core.FailoverPolicy")
                && l.contains("failing over to backup") && l.endsWith(suffix)), logs);
        assertTrue(httpcon.stream().anyMatch(l -> l.startsWith("dev.httpcon.engine.AttemptPlan") && l.contains(" -> 200")
                && l.endsWith(suffix)), logs);
        RecordedHeaders.assertNone(server, "a84b4c76e66710");
    }

    /** No header of the request the server received carries the value. */
    private static final class RecordedHeaders {
        static void assertNone(ReferenceServer server, String value) {
            server.requests().forEach(q -> q.headers().forEach(h -> assertTrue(!h.getValue().contains(value)
                    && !h.getKey().contains("sip"), "sent: " + h)));
        }
    }
}
