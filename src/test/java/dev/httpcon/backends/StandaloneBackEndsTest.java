package dev.httpcon.backends;

import static dev.httpcon.testing.OtelSdk.attr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpResult;
import dev.httpcon.MeasurementBackEnd;
import dev.httpcon.metrics.HttpConMpMetrics;
import dev.httpcon.micrometer.HttpConMicrometer;
import dev.httpcon.otel.HttpConOpenTelemetry;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.Fault;
import dev.httpcon.testing.OtelSdk;
import dev.httpcon.testing.Peer;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.smallrye.metrics.SharedMetricRegistries;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The container-less entry point's public way to its measurement back ends, from outside httpcon's
 * packages (public types only): the real OpenTelemetry SDK with in-memory exporters, a Micrometer
 * {@code SimpleMeterRegistry} and SmallRye's MicroProfile Metrics registry, around real requests
 * to a real Jetty server on 127.0.0.1.
 */
class StandaloneBackEndsTest {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();

    private final OtelSdk otel = new OtelSdk();
    private final SimpleMeterRegistry micrometer = new SimpleMeterRegistry();
    private Peer dead;

    @AfterEach
    void stop() {
        otel.close();
        micrometer.close();
        if (dead != null) {
            dead.close();
        }
    }

    @Test
    void threeBackEndsAtOnceEachGetTheSameMeasurementsAndTheServerItsTraceparent() {
        MetricRegistry mp = SharedMetricRegistries.getOrCreate("httpcon-standalone-back-ends");
        try (StandaloneHttpCon http = startWith(Map.of("httpclient.httpcon", "api=>" + server.url()),
                HttpConOpenTelemetry.backEnd(otel.sdk()), HttpConMicrometer.backEnd(micrometer),
                HttpConMpMetrics.backEnd(mp))) {
            HttpResult r = http.connection("api").get("/json?token=s3cr3t");
            assertEquals(200, r.code(), r.toString());
            assertEquals(404, http.connection("api").get("/notfound").code());
        }

        List<SpanData> spans = otel.spans(SpanKind.CLIENT);
        assertEquals(2, spans.size(), spans.toString());
        SpanData s = spans.get(0);
        assertEquals("GET", s.getName());
        assertEquals("GET", attr(s, "http.request.method"));
        assertEquals("127.0.0.1", attr(s, "server.address"));
        assertEquals(String.valueOf(server.port()), attr(s, "server.port"));
        assertEquals(server.url() + "/json?token=****", attr(s, "url.full"));
        assertEquals("200", attr(s, "http.response.status_code"));
        assertEquals("api", attr(s, "httpcon.connection"));
        assertEquals("404", attr(spans.get(1), "error.type"));
        assertEquals("00-" + spans.get(1).getTraceId() + "-" + spans.get(1).getSpanId() + "-"
                + spans.get(1).getSpanContext().getTraceFlags().asHex(),
                server.lastRequest().header("traceparent"), "the server received the span's trace context");

        List<HistogramPointData> points = otel.histogram("http.client.request.duration");
        assertEquals(2, points.stream().mapToLong(HistogramPointData::getCount).sum(), points.toString());
        assertTrue(points.stream().allMatch(p -> OtelSdk.matches(p.getAttributes(), Map.of("httpcon.connection", "api"))),
                points.toString());

        Timer ok = micrometer.find("http.client.requests").tag("status", "200").tag("httpcon.connection", "api").timer();
        assertNotNull(ok, micrometer.getMetersAsString());
        assertEquals(1, ok.count());
        assertEquals(2, micrometer.find("httpclient.connok").counter().count(), "200 and 404: answers below 500");

        assertEquals(2, mp.counter("httpclient.connok").getCount());
        assertEquals(2, mp.counter("httpcon.requests.ok", new Tag("connection", "api")).getCount());
    }

    @Test
    void aFailoverChainIsOneTraceFromTheStartThatTakesProperties() {
        dead = Fault.REFUSE.start();
        Properties p = new Properties();
        p.setProperty("httpclient.httpcon", "api=>" + dead.url("") + ";failover=backup,backup=>" + server.url());
        try (StandaloneHttpCon http = startWith(p, HttpConOpenTelemetry.backEnd(otel.sdk()))) {
            assertEquals(200, http.connection("api").get("/json").code());
        }
        SpanData call = otel.spans(SpanKind.INTERNAL).get(0);
        assertEquals("httpcon api", call.getName());
        assertEquals("backup", attr(call, "httpcon.served_by"));
        List<SpanData> requests = otel.spans(SpanKind.CLIENT);
        assertEquals(2, requests.size(), requests.toString());
        assertEquals("COULDNT_CONNECT", attr(requests.get(0), "error.type"));
        assertEquals("api", attr(requests.get(1), "httpcon.failover"));
        assertTrue(requests.stream().allMatch(r -> r.getParentSpanId().equals(call.getSpanId())), requests.toString());
        assertEquals(call.getTraceId(), server.lastRequest().header("traceparent").split("-")[1]);
    }

    @Test
    void withoutABackEndNothingIsMeasuredAndNoTraceContextIsSent() {
        try (StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon", "api=>" + server.url()))) {
            assertEquals(200, http.connection("api").get("/json").code());
        }
        assertNull(server.lastRequest().header("traceparent"));
        assertNull(server.lastRequest().header("tracestate"));
        assertEquals(List.of(), otel.spans());
        assertEquals(List.of(), otel.metrics());
        assertTrue(micrometer.getMeters().isEmpty());
    }

    @Test
    void anOpenTelemetryThatRecordsNothingIsNoBackEnd() {
        try (StandaloneHttpCon http = startWith(Map.of("httpclient.httpcon", "api=>" + server.url()),
                HttpConOpenTelemetry.backEnd(OpenTelemetry.noop()))) {
            assertEquals(200, http.connection("api").get("/json").code());
        }
        assertNull(server.lastRequest().header("traceparent"));
    }

    @Test
    void aBackEndHttpconDidNotMakeIsRefusedBeforeAnythingStarts() {
        Map<String, String> props = Map.of("httpclient.httpcon", "api=>" + server.url());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> startWith(props, new MeasurementBackEnd() { }));
        assertTrue(e.getMessage().contains("HttpConOpenTelemetry.backEnd"), e.getMessage());
        assertThrows(NullPointerException.class, () -> startWith(props, (MeasurementBackEnd) null));
        assertThrows(NullPointerException.class, () -> HttpConMicrometer.backEnd(null));
        assertFalse(HttpConMicrometer.backEnd(micrometer).toString().contains("@"), "a readable description");
    }

    private static StandaloneHttpCon startWith(Map<String, String> properties, MeasurementBackEnd... backEnds) {
        return StandaloneHttpCon.builder().properties(properties).measureWith(backEnds).start();
    }

    private static StandaloneHttpCon startWith(Properties properties, MeasurementBackEnd... backEnds) {
        return StandaloneHttpCon.builder().properties(properties).measureWith(backEnds).start();
    }
}
