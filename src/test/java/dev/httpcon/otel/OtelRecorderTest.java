package dev.httpcon.otel;

import static dev.httpcon.testing.OtelSdk.attr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.httpcon.testing.OtelSdk;
import dev.httpcon.testing.Peer;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenTelemetry back end with the real SDK and in-memory exporters, around real requests to
 * real servers: the spans and metrics of the HTTP semantic conventions for a success, a 4xx, a
 * 5xx, each kind of transport failure, a failover chain and redirects, and the trace context the
 * servers receive.
 */
class OtelRecorderTest {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();

    private OtelSdk otel;
    private StandaloneHttpCon http;
    private Peer raw;

    @BeforeEach
    void sdk() {
        otel = new OtelSdk();
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (raw != null) {
            raw.close();
        }
        otel.close();
    }

    private StandaloneHttpCon start(String lines, String... more) {
        Map<String, String> props = new HashMap<>();
        props.put("httpclient.httpcon", lines);
        for (int i = 0; i + 1 < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        HttpConSettings settings = SettingsLoader.load(new MapConfigView(props));
        http = dev.httpcon.standalone.StandaloneTesting.start(settings, new OtelRecorder(otel.sdk(), settings.connections().keySet()));
        return http;
    }

    private static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
    }

    @Test
    void aSuccessIsOneClientSpanAfterTheConventionsAndTheServerGetsItsTraceparent() {
        start("api=>" + server.url());
        HttpResult r = http.connection("api").get("/json?token=s3cr3tvalue");
        assertEquals(200, r.code(), r.toString());

        List<SpanData> spans = otel.spans();
        assertEquals(1, spans.size(), spans.toString());
        SpanData s = spans.get(0);
        assertEquals("GET", s.getName());
        assertEquals(SpanKind.CLIENT, s.getKind());
        assertFalse(s.getParentSpanContext().isValid(), "no caller context: a root span");
        assertEquals(StatusCode.UNSET, s.getStatus().getStatusCode());
        assertEquals("GET", attr(s, "http.request.method"));
        assertEquals("127.0.0.1", attr(s, "server.address"));
        assertEquals(String.valueOf(server.port()), attr(s, "server.port"));
        assertEquals(server.url() + "/json?token=****", attr(s, "url.full"));
        assertEquals("200", attr(s, "http.response.status_code"));
        assertEquals("1.1", attr(s, "network.protocol.version"));
        assertEquals("api", attr(s, "httpcon.connection"));
        assertNull(attr(s, "error.type"));
        assertNull(attr(s, "http.request.resend_count"));
        assertNull(attr(s, "httpcon.failover"));
        assertEquals(traceparent(s), server.lastRequest().header("traceparent"));

        List<HistogramPointData> points = otel.histogram(OtelRecorder.REQUEST_DURATION);
        assertEquals(1, points.size(), points.toString());
        HistogramPointData p = points.get(0);
        assertEquals(1, p.getCount());
        assertEquals(OtelRecorder.DURATION_BUCKETS, p.getBoundaries());
        assertTrue(OtelSdk.matches(p.getAttributes(), Map.of("http.request.method", "GET", "server.address", "127.0.0.1",
                "server.port", String.valueOf(server.port()), "http.response.status_code", "200",
                "network.protocol.version", "1.1", "httpcon.connection", "api")), p.getAttributes().toString());
        assertEquals(6, p.getAttributes().size(), "no url, no error.type: " + p.getAttributes());
        assertEquals("s", otel.metric(OtelRecorder.REQUEST_DURATION).getUnit());
        assertTrue(p.getSum() > 0 && p.getSum() < 10, "seconds: " + p.getSum());

        assertEquals(1, otel.count(MetricsRecorder.CONNOK, Map.of()));
        assertEquals(0, otel.count(MetricsRecorder.CONNFAIL, Map.of()));
        assertEquals(1, otel.count(MetricsRecorder.ATTEMPTS, Map.of("httpcon.connection", "api", "httpcon.outcome", "ok")));
        assertEquals(1, otel.metric(MetricsRecorder.CONNECTIONS).getLongGaugeData().getPoints().iterator().next()
                .getValue());
    }

    @Test
    void anAsynchronousCallIsTracedAsABlockingOneAcrossItsFailoverChain() throws Exception {
        raw = Fault.REFUSE.start();
        start("a=>" + raw.url("") + ";failover=c,c=>" + server.url());
        HttpResult r = http.connection("a").sendAsync(HttpRequest.get("/json?token=s3cr3tvalue"))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, r.code(), r.toString());
        assertEquals("c", r.servedBy());

        List<SpanData> calls = otel.spans(SpanKind.INTERNAL);
        assertEquals(1, calls.size(), otel.spans().toString());
        SpanData call = calls.get(0);
        assertEquals("2", attr(call, "httpcon.attempts"));
        assertEquals("c", attr(call, "httpcon.served_by"));
        List<SpanData> requests = otel.spans(SpanKind.CLIENT);
        assertEquals(2, requests.size(), requests.toString());
        assertEquals("COULDNT_CONNECT", attr(requests.get(0), "error.type"));
        SpanData answered = requests.get(1);
        assertEquals(call.getSpanId(), answered.getParentSpanId(), "the hop made on another thread is the call's child");
        assertEquals("200", attr(answered, "http.response.status_code"));
        assertEquals("1.1", attr(answered, "network.protocol.version"));
        assertEquals(server.url() + "/json?token=****", attr(answered, "url.full"));
        assertEquals(traceparent(answered), server.lastRequest().header("traceparent"),
                "the asynchronous attempt sends the trace context too");
    }

    static Stream<Arguments> errorAnswers() {
        return Stream.of(Arguments.of("/notfound", 404, "ok", MetricsRecorder.CONNOK),
                Arguments.of("/error500", 500, "server_error", MetricsRecorder.CONNFAIL),
                Arguments.of("/unavail503", 503, "server_error", MetricsRecorder.CONNFAIL));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("errorAnswers")
    void fourAndFiveHundredsAreErrorsOfTheirStatus(String path, int status, String outcome, String kamailioCounter) {
        start("api=>" + server.url());
        assertEquals(status, http.connection("api").get(path).code());

        SpanData s = otel.spans().get(0);
        assertEquals(String.valueOf(status), attr(s, "error.type"));
        assertEquals(String.valueOf(status), attr(s, "http.response.status_code"));
        assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
        assertEquals("", s.getStatus().getDescription(), "the status code says it all");
        HistogramPointData p = otel.histogram(OtelRecorder.REQUEST_DURATION).get(0);
        assertTrue(OtelSdk.matches(p.getAttributes(), Map.of("error.type", String.valueOf(status),
                "http.response.status_code", String.valueOf(status))), p.getAttributes().toString());
        assertEquals(1, otel.count(MetricsRecorder.ATTEMPTS, Map.of("httpcon.outcome", outcome)));
        assertEquals(1, otel.count(kamailioCounter, Map.of()));
    }

    /**
     * The duration's attributes are made once per kind of request and reused: requests of
     * different kinds, interleaved on one connection, each count on their own point.
     */
    @Test
    void interleavedKindsOfRequestEachCountOnTheirOwnPoint() {
        start("api=>" + server.url());
        for (String path : List.of("/json", "/notfound", "/json", "/error500", "/notfound", "/json")) {
            http.connection("api").get(path);
        }
        Map<String, Long> byStatus = new HashMap<>();
        for (HistogramPointData p : otel.histogram(OtelRecorder.REQUEST_DURATION)) {
            String status = p.getAttributes().get(OtelRecorder.HTTP_RESPONSE_STATUS_CODE).toString();
            byStatus.merge(status, p.getCount(), Long::sum);
            String error = p.getAttributes().get(OtelRecorder.ERROR_TYPE);
            assertEquals(status.equals("200") ? null : status, error, p.getAttributes().toString());
        }
        assertEquals(Map.of("200", 3L, "404", 2L, "500", 1L), byStatus);
    }

    /** A transport failure: the fault, the connection's parameters, the curl error and the status seen. */
    record Failure(Fault fault, String params, CurlError error, int status) {
        @Override
        public String toString() {
            return fault + " -> " + error;
        }
    }

    static Stream<Failure> transportFailures() {
        return Stream.of(new Failure(Fault.REFUSE, "", CurlError.COULDNT_CONNECT, 0),
                new Failure(Fault.NEVER_ANSWER, ";timeout=300ms", CurlError.OPERATION_TIMEDOUT, 0),
                new Failure(Fault.HEADERS_THEN_STALL, ";timeout=300ms", CurlError.OPERATION_TIMEDOUT, 200),
                new Failure(Fault.CLOSE_WITHOUT_RESPONSE, "", CurlError.GOT_NOTHING, 0),
                new Failure(Fault.RESET_BEFORE_RESPONSE, "", CurlError.RECV_ERROR, 0),
                new Failure(Fault.TRUNCATED_LENGTH, "", CurlError.PARTIAL_FILE, 200),
                new Failure(Fault.MALFORMED_STATUS_LINE, "", CurlError.UNSUPPORTED_PROTOCOL, 0),
                new Failure(Fault.MALFORMED_HEADER, "", CurlError.WEIRD_SERVER_REPLY, 0),
                new Failure(Fault.ENDLESS_BODY, ";maxdatasize=4096", CurlError.FILESIZE_EXCEEDED, 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transportFailures")
    void eachTransportFailureIsItsCurlErrorName(Failure f) {
        raw = f.fault().start();
        start("f=>" + raw.url("") + f.params());
        HttpResult r = http.connection("f").get("/x");
        assertEquals(f.error(), r.error(), r.toString());

        List<SpanData> spans = otel.spans();
        assertEquals(1, spans.size(), spans.toString());
        SpanData s = spans.get(0);
        assertEquals(f.error().name(), attr(s, "error.type"));
        assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
        assertEquals(f.error().text(), s.getStatus().getDescription());
        assertEquals(f.status() == 0 ? null : String.valueOf(f.status()), attr(s, "http.response.status_code"));
        HistogramPointData p = otel.histogram(OtelRecorder.REQUEST_DURATION).get(0);
        assertTrue(OtelSdk.matches(p.getAttributes(), Map.of("error.type", f.error().name(),
                "httpcon.connection", "f")), p.getAttributes().toString());
        assertEquals(1, otel.count(MetricsRecorder.ATTEMPTS, Map.of("httpcon.outcome", "transport_error")));
        assertEquals(1, otel.count(MetricsRecorder.CONNFAIL, Map.of()));
    }

    @Test
    void anAttemptThatSendsNothingStillHasItsSpanAndItsPoint() {
        start("api=>" + server.url());
        HttpResult r = http.connection("api").get("/a path with spaces");
        assertEquals(CurlError.URL_MALFORMAT, r.error(), r.toString());
        assertTrue(server.requests().isEmpty(), "nothing was sent");

        SpanData s = otel.spans().get(0);
        assertEquals("URL_MALFORMAT", attr(s, "error.type"));
        assertEquals(server.url().toString(), attr(s, "url.full"), "the connection's URL: the request's never formed");
        assertEquals(1, otel.histogram(OtelRecorder.REQUEST_DURATION).get(0).getCount());
    }

    @Test
    void aFailoverChainIsOneSubtreeUnderTheCallsSpan() {
        raw = Fault.REFUSE.start();
        server.route("/b/json", ex -> ex.text(500, "b is broken\n"));
        start("a=>" + raw.url("") + ";failover=b,b=>" + server.url("/b") + ";failover=c,c=>" + server.url());
        HttpRequest request = HttpRequest.builder("GET", "/json").attribute("sip.call_id", "a84b4c76e66710@pc33")
                .attribute("sip.method", "INVITE").build();
        HttpResult r = http.connection("a").send(request);
        assertEquals(200, r.code(), r.toString());
        assertEquals("c", r.servedBy());

        List<SpanData> calls = otel.spans(SpanKind.INTERNAL);
        assertEquals(1, calls.size(), otel.spans().toString());
        SpanData call = calls.get(0);
        assertEquals("httpcon a", call.getName());
        assertFalse(call.getParentSpanContext().isValid());
        assertEquals("a", attr(call, "httpcon.connection"));
        assertEquals("c", attr(call, "httpcon.served_by"));
        assertEquals("3", attr(call, "httpcon.attempts"));
        assertEquals("200", attr(call, "http.response.status_code"));
        assertEquals("a84b4c76e66710@pc33", attr(call, "sip.call_id"));
        assertEquals(StatusCode.UNSET, call.getStatus().getStatusCode(), "the call succeeded");

        List<SpanData> requests = otel.spans(SpanKind.CLIENT);
        assertEquals(3, requests.size(), requests.toString());
        String[] connection = {"a", "b", "c"};
        String[] error = {"COULDNT_CONNECT", "500", null};
        String[] from = {null, "a", "b"};
        for (int i = 0; i < 3; i++) {
            SpanData s = requests.get(i);
            assertEquals(call.getSpanId(), s.getParentSpanId(), "every attempt is a child of the call");
            assertEquals(call.getTraceId(), s.getTraceId());
            assertEquals(connection[i], attr(s, "httpcon.connection"));
            assertEquals(error[i], attr(s, "error.type"));
            assertEquals(from[i], attr(s, "httpcon.failover"));
            assertEquals(i == 0 ? null : String.valueOf(i), attr(s, "http.request.resend_count"));
            assertEquals("INVITE", attr(s, "sip.method"), "the caller's correlation attributes on every span");
        }
        assertEquals(traceparent(requests.get(1)), server.requests("/b/json").get(0).header("traceparent"));
        assertEquals(traceparent(requests.get(2)), server.requests("/json").get(0).header("traceparent"));

        assertEquals(1, otel.count(MetricsRecorder.FAILOVERS, Map.of("httpcon.connection", "b", "httpcon.failover", "a")));
        assertEquals(1, otel.count(MetricsRecorder.FAILOVERS, Map.of("httpcon.connection", "c", "httpcon.failover", "b")));
        assertEquals(1, otel.count(MetricsRecorder.ATTEMPTS, Map.of("httpcon.connection", "a",
                "httpcon.outcome", "transport_error")));
        assertEquals(1, otel.count(MetricsRecorder.ATTEMPTS, Map.of("httpcon.connection", "b",
                "httpcon.outcome", "server_error")));
        assertEquals(1, otel.count(MetricsRecorder.ATTEMPTS, Map.of("httpcon.connection", "c", "httpcon.outcome", "ok")));
        assertEquals(1, otel.count(MetricsRecorder.CONNOK, Map.of()));
        assertEquals(2, otel.count(MetricsRecorder.CONNFAIL, Map.of()));
        for (HistogramPointData p : otel.histogram(OtelRecorder.REQUEST_DURATION)) {
            assertFalse(p.getAttributes().asMap().keySet().stream().anyMatch(k -> k.getKey().startsWith("sip.")),
                    "correlation attributes never become metric labels: " + p.getAttributes());
        }
    }

    @Test
    void aCallThatFailsEverywhereEndsItsSpanWithTheLastError() {
        raw = Fault.REFUSE.start();
        start("a=>" + raw.url("") + ";failover=b,b=>" + server.url());
        assertEquals(500, http.connection("a").get("/error500").code());
        SpanData call = otel.spans(SpanKind.INTERNAL).get(0);
        assertEquals("500", attr(call, "error.type"));
        assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
        assertEquals(2, otel.spans(SpanKind.CLIENT).size());
    }

    @Test
    void eachRedirectIsASpanOfItsOwnWithItsOwnTraceparentUnderTheCallersContext() {
        start("api=>" + server.url());
        SpanContext caller = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.builder().put("sip", "router").build());
        HttpResult r;
        try (Scope ignored = Context.root().with(Span.wrap(caller)).makeCurrent()) {
            r = http.connection("api").get("/redir302a?sig=abc");
        }
        assertEquals(200, r.code(), r.toString());
        assertEquals(2, r.redirects().size());

        List<SpanData> spans = otel.spans(SpanKind.CLIENT);
        assertEquals(3, spans.size(), spans.toString());
        String[] path = {"/redir302a?sig=****", "/redir302b", "/json"};
        String[] status = {"302", "302", "200"};
        List<RecordedRequest> received = server.requests();
        assertEquals(3, received.size());
        for (int i = 0; i < 3; i++) {
            SpanData s = spans.get(i);
            assertEquals(caller.getSpanId(), s.getParentSpanId(), "the caller's span is every request's parent");
            assertEquals(caller.getTraceId(), s.getTraceId());
            assertEquals(server.url() + path[i], attr(s, "url.full"));
            assertEquals(status[i], attr(s, "http.response.status_code"));
            assertNull(attr(s, "error.type"), "a 3xx followed is no error");
            assertEquals(i == 0 ? null : String.valueOf(i), attr(s, "http.request.resend_count"));
            assertEquals(traceparent(s), received.get(i).header("traceparent"), "request " + i);
            assertEquals("sip=router", received.get(i).header("tracestate"));
        }
        assertEquals(3, otel.histogram(OtelRecorder.REQUEST_DURATION).stream().mapToLong(HistogramPointData::getCount)
                .sum(), "one duration per request");
        assertEquals(1, otel.count(MetricsRecorder.CONNOK, Map.of()), "still one attempt");
    }

    @Test
    void tooManyRedirectsEndsOnTheLastRedirectsSpan() {
        start("api=>" + server.url() + ";max_redirects=2");
        HttpResult r = http.connection("api").get("/loop");
        assertEquals(CurlError.TOO_MANY_REDIRECTS, r.error(), r.toString());
        List<SpanData> spans = otel.spans(SpanKind.CLIENT);
        assertEquals(3, spans.size(), "two followed, the third not: " + spans);
        SpanData last = spans.get(2);
        assertEquals("TOO_MANY_REDIRECTS", attr(last, "error.type"));
        assertEquals(StatusCode.ERROR, last.getStatus().getStatusCode());
        assertTrue(attr(last, "http.response.status_code").startsWith("3"));
    }

    @Test
    void theReSendAfterAStalePooledConnectionIsASpanWithItsResendCount() {
        start("kept=>" + server.url() + ";keep_connections=1");
        assertEquals(200, http.connection("kept").get("/json").code());
        otel.resetSpans();

        HttpResult r = http.connection("kept").post("/close-once?key=otel", "text/plain", "again");
        assertEquals(200, r.code(), r.toString());

        List<SpanData> spans = otel.spans(SpanKind.CLIENT);
        assertEquals(2, spans.size(), spans.toString());
        assertEquals("GOT_NOTHING", attr(spans.get(0), "error.type"), "the pooled connection closed under it");
        assertNull(attr(spans.get(0), "http.request.resend_count"));
        assertEquals("1", attr(spans.get(1), "http.request.resend_count"));
        assertEquals("200", attr(spans.get(1), "http.response.status_code"));
        List<RecordedRequest> tries = server.requests("/close-once");
        assertEquals(2, tries.size());
        assertEquals(traceparent(spans.get(0)), tries.get(0).header("traceparent"));
        assertEquals(traceparent(spans.get(1)), tries.get(1).header("traceparent"), "a traceparent of its own");
        assertEquals(1, tries.get(1).headerValues("traceparent").size(), "never two");
        assertEquals(2, otel.count(MetricsRecorder.CONNOK, Map.of()), "one attempt each call");
    }

    @Test
    void propagateTraceOffSendsNoTraceContextButStillTraces() {
        start("quiet=>" + server.url() + ";propagate_trace=0,loud=>" + server.url(),
                "httpclient.propagate_trace", "1");
        assertEquals(200, http.connection("quiet").get("/json").code());
        assertNull(server.lastRequest().header("traceparent"), server.lastRequest().headers().toString());
        assertNull(server.lastRequest().header("tracestate"));
        assertEquals(1, otel.spans().size());

        assertEquals(200, http.connection("loud").get("/json").code());
        assertNotNull(server.lastRequest().header("traceparent"));
    }

    @Test
    void aTraceparentOfTheCallersOwnIsReplacedNotDoubled() {
        start("api=>" + server.url());
        http.connection("api").send(HttpRequest.builder("GET", "/json")
                .header("traceparent", "00-11111111111111111111111111111111-2222222222222222-01").build());
        assertEquals(List.of(traceparent(otel.spans().get(0))), server.lastRequest().headerValues("traceparent"));
    }

    @Test
    void theGlobalDefaultTurnsPropagationOffForEveryConnectionThatSaysNothing() {
        start("api=>" + server.url(), "httpclient.propagate_trace", "0");
        assertEquals(200, http.connection("api").get("/json").code());
        assertNull(server.lastRequest().header("traceparent"));
    }

    @Test
    void withoutATracerProviderNothingIsTracedOrSentAndMetricsStillFlow() {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        try (SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build()) {
            // What a runtime with tracing off and metrics on hands out: the no-op tracer provider.
            OpenTelemetry metricsOnly = new OpenTelemetry() {
                @Override
                public TracerProvider getTracerProvider() {
                    return TracerProvider.noop();
                }

                @Override
                public MeterProvider getMeterProvider() {
                    return meters;
                }

                @Override
                public ContextPropagators getPropagators() {
                    return ContextPropagators.create(W3CTraceContextPropagator.getInstance());
                }
            };
            OtelRecorder recorder = new OtelRecorder(metricsOnly, List.of("api"));
            assertNull(recorder.tracing(), "no tracer provider: no tracing work at all");
            HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                    "api=>" + server.url())));
            try (StandaloneHttpCon h = dev.httpcon.standalone.StandaloneTesting.start(settings, recorder)) {
                assertEquals(200, h.connection("api").get("/json").code());
            }
            assertNull(server.lastRequest().header("traceparent"));
            assertTrue(reader.collectAllMetrics().stream().anyMatch(m -> m.getName().equals(
                    OtelRecorder.REQUEST_DURATION)));
        }
        assertFalse(OtelRecorder.records(OpenTelemetry.noop()), "the no-op instance is not a back end");
    }

    /**
     * The SDK with metrics and a tracer provider without span processors (what
     * {@code otel.traces.exporter=none} leaves) hands out no-op span builders: httpcon works out no
     * span attributes for them, but the caller's own trace context still goes on to the server, as
     * the no-op span carries it, and none is made up without one.
     */
    @Test
    void aTracerThatRecordsNothingStillPassesTheCallersTraceContextOn() {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        try (io.opentelemetry.sdk.OpenTelemetrySdk metricsOnly = io.opentelemetry.sdk.OpenTelemetrySdk.builder()
                .setTracerProvider(io.opentelemetry.sdk.trace.SdkTracerProvider.builder().build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build()) {
            HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                    "api=>" + server.url() + ";failover=backup,backup=>" + server.url())));
            try (StandaloneHttpCon h = dev.httpcon.standalone.StandaloneTesting.start(settings,
                    new OtelRecorder(metricsOnly, settings.connections().keySet()))) {
                assertEquals(200, h.connection("api").get("/json").code());
                assertNull(server.lastRequest().header("traceparent"), "no caller context: nothing made up");

                Span caller = otel.sdk().getTracer("caller").spanBuilder("caller").startSpan();
                try (Scope ignored = caller.makeCurrent()) {
                    assertEquals(200, h.connection("api").get("/json").code());
                } finally {
                    caller.end();
                }
                String sent = server.lastRequest().header("traceparent");
                assertNotNull(sent);
                assertEquals(caller.getSpanContext().getTraceId(), sent.split("-")[1]);
                assertEquals(caller.getSpanContext().getSpanId(), sent.split("-")[2], "the caller's span: none of httpcon's");
            }
            assertEquals(List.of("caller"), otel.spans().stream().map(SpanData::getName).toList());
            assertTrue(reader.collectAllMetrics().stream().anyMatch(m -> m.getName().equals(
                    OtelRecorder.REQUEST_DURATION)));
        }
    }

    @Test
    void unknownMethodsAreOtherAndKeepTheirOriginal() {
        start("api=>" + server.url());
        http.connection("api").send(HttpRequest.builder("PROPFIND", "/json").build());
        SpanData s = otel.spans().get(0);
        assertEquals("HTTP", s.getName());
        assertEquals("_OTHER", attr(s, "http.request.method"));
        assertEquals("PROPFIND", attr(s, "http.request.method_original"));
    }
}
