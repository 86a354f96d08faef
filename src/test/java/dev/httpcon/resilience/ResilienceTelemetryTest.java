package dev.httpcon.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.ConnectionState;
import dev.httpcon.HttpResult;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.metrics.MpMetricsRecorder;
import dev.httpcon.micrometer.MicrometerRecorder;
import dev.httpcon.otel.OtelRecorder;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.OtelSdk;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.Timing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.smallrye.metrics.SharedMetricRegistries;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the resilience concerns do, as every back end sees it: one recorder for OpenTelemetry (the
 * real SDK, in-memory reader), Micrometer ({@code SimpleMeterRegistry}) and MicroProfile Metrics
 * (SmallRye) at once, as a deployment with all three gets it. Skips of a NOTREACHABLE connection,
 * the state as an operator and health move it, and the overload guard's refusals are counted the
 * same in each, apart from attempts; a skipped or refused call puts nothing on the wire, so it has
 * no CLIENT span.
 */
class ResilienceTelemetryTest {

    private final OtelSdk otel = new OtelSdk();
    private final SimpleMeterRegistry micrometer = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        otel.close();
        micrometer.close();
    }

    private MetricsRecorder everyBackEnd(HttpConSettings settings, MetricRegistry mp) {
        return MetricsRecorder.all(List.of(new OtelRecorder(otel.sdk(), settings.connections().keySet()),
                MicrometerRecorder.bound(micrometer, settings.connections().keySet()),
                new MpMetricsRecorder(mp, settings.connections().keySet())));
    }

    private long otelState(String connection) {
        MetricData m = otel.metric(MetricsRecorder.STATE);
        if (m == null) {
            return -1;
        }
        for (LongPointData p : m.getLongGaugeData().getPoints()) {
            if (OtelSdk.matches(p.getAttributes(), Map.of("httpcon.connection", connection))) {
                return p.getValue();
            }
        }
        return -1;
    }

    private double micrometerState(String connection) {
        Gauge g = micrometer.find(MetricsRecorder.STATE).tag("httpcon.connection", connection).gauge();
        return g == null ? -1 : g.value();
    }

    private double micrometerCount(String name, String connection) {
        Counter c = micrometer.find(name).tag("httpcon.connection", connection).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void skipsFailoversAndStatesAreCountedAlikeInEveryBackEnd() throws Exception {
        MetricRegistry mp = SharedMetricRegistries.getOrCreate("httpcon-resilience-telemetry-health");
        Tag primary = new Tag("connection", "primary");
        try (RefusedPort dead = RefusedPort.open(); ReferenceServer backup = Servers.ok("backup")) {
            HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                    "primary=>" + dead.url("") + ";health_failures=2;health_retry=60m;failover=backup,backup=>"
                            + backup.url())));
            try (StandaloneHttpCon http = dev.httpcon.standalone.StandaloneTesting.start(settings, everyBackEnd(settings, mp))) {
                assertEquals(-1, otelState("primary"), "no state reported before the first change");
                for (int i = 0; i < 5; i++) {
                    assertEquals(200, http.connection("primary").get("/route").code());
                }
                // 2 attempts failed (then NOTREACHABLE), 3 calls skipped it; all 5 went on to the backup
                assertEquals(3, otel.count(MetricsRecorder.SKIPPED, Map.of("httpcon.connection", "primary")));
                assertEquals(3, micrometerCount(MetricsRecorder.SKIPPED, "primary"));
                assertEquals(3, mp.counter(MpMetricsRecorder.REQUESTS_SKIPPED, primary).getCount());
                assertEquals(2, otel.count(MetricsRecorder.ATTEMPTS,
                        Map.of("httpcon.connection", "primary", "httpcon.outcome", "transport_error")),
                        "skips are not attempts");
                assertEquals(2, micrometer.find(MetricsRecorder.ATTEMPTS).tag("httpcon.connection", "primary")
                        .tag("httpcon.outcome", "transport_error").counter().count());
                assertEquals(5, otel.count(MetricsRecorder.FAILOVERS,
                        Map.of("httpcon.connection", "backup", "httpcon.failover", "primary")));
                assertEquals(5, micrometer.find(MetricsRecorder.FAILOVERS).tag("httpcon.connection", "backup")
                        .tag("httpcon.failover", "primary").counter().count());
                assertEquals(0, otel.count(MetricsRecorder.SKIPPED, Map.of("httpcon.connection", "backup")));

                assertEquals(1, otelState("primary"), "NOTREACHABLE");
                assertEquals(1, micrometerState("primary"));
                assertEquals(1, mp.getGauge(new MetricID(MpMetricsRecorder.STATE, primary)).getValue().intValue());
                assertEquals(-1, otelState("backup"), "a connection that never changed reports nothing");

                http.connections().disable("primary");
                assertEquals(2, otelState("primary"), "DISABLED");
                assertEquals(2, micrometerState("primary"));
                assertEquals(2, mp.getGauge(new MetricID(MpMetricsRecorder.STATE, primary)).getValue().intValue());
                http.connections().enable("primary");
                assertEquals(0, otelState("primary"), "AVAILABLE");
                assertEquals(0, micrometerState("primary"));
                assertEquals(0, mp.getGauge(new MetricID(MpMetricsRecorder.STATE, primary)).getValue().intValue());
            }
        }
    }

    @Test
    void aSkippedConnectionHasNoClientSpanAndItsBackupCarriesTheFailover() throws Exception {
        try (RefusedPort dead = RefusedPort.open(); ReferenceServer backup = Servers.ok("backup")) {
            HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                    "primary=>" + dead.url("") + ";failover=backup,backup=>" + backup.url())));
            try (StandaloneHttpCon http = dev.httpcon.standalone.StandaloneTesting.start(settings,
                    new OtelRecorder(otel.sdk(), settings.connections().keySet()))) {
                http.connections().disable("primary");
                HttpResult r = http.connection("primary").get("/route");
                assertEquals(200, r.code(), r.toString());
                assertEquals("backup", r.servedBy());

                List<SpanData> clients = otel.spans(SpanKind.CLIENT);
                assertEquals(1, clients.size(), "nothing was sent to the disabled primary: " + clients);
                SpanData sent = clients.get(0);
                assertEquals("backup", OtelSdk.attr(sent, "httpcon.connection"));
                assertEquals("primary", OtelSdk.attr(sent, "httpcon.failover"));
                assertNull(OtelSdk.attr(sent, "http.request.resend_count"), "no request went before it");
                List<SpanData> calls = otel.spans(SpanKind.INTERNAL);
                assertEquals(1, calls.size(), calls.toString());
                assertEquals("backup", OtelSdk.attr(calls.get(0), "httpcon.served_by"));
                assertEquals("2", OtelSdk.attr(calls.get(0), "httpcon.attempts"), "the skip is in the trail");
                assertEquals(sent.getParentSpanId(), calls.get(0).getSpanId());
                assertEquals(1, otel.count(MetricsRecorder.SKIPPED, Map.of("httpcon.connection", "primary")));
                assertEquals(2, otelState("primary"), "DISABLED");
            }
        }
    }

    @Test
    void aRecorderFoundAfterAnOperatorDisabledAConnectionIsToldItsState() throws Exception {
        try (ReferenceServer api = Servers.ok("api")) {
            HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                    "api=>" + api.url() + ",other=>" + api.url())));
            try (HttpConCore core = HttpConCore.start(settings, MetricsRecorder.NOOP)) {
                core.disable("api");
                // as a container does once it has found its back ends
                core.recorder(MicrometerRecorder.bound(micrometer, settings.connections().keySet()));
                assertEquals(2, micrometerState("api"), "DISABLED before the recorder came");
                assertEquals(-1, micrometerState("other"), "AVAILABLE: never reported");
                core.enable("api");
                assertEquals(0, micrometerState("api"));
            }
        }
    }

    @Test
    void overloadRefusalsAreCountedAlikeAndHaveNoClientSpan() throws Exception {
        MetricRegistry mp = SharedMetricRegistries.getOrCreate("httpcon-resilience-telemetry-guard");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        try (ReferenceServer server = ReferenceServer.start()) {
            server.route("/route", ex -> {
                arrived.countDown();
                release.await(Timing.STALL.toMillis(), TimeUnit.MILLISECONDS);
                ex.text(200, "held\n");
            });
            HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                    "api=>" + server.url() + ";max_concurrent=1;timeout=" + Timing.STALL.toSeconds() + "s")));
            try (StandaloneHttpCon http = dev.httpcon.standalone.StandaloneTesting.start(settings, everyBackEnd(settings, mp))) {
                ExecutorService pool = Executors.newSingleThreadExecutor();
                try {
                    Future<HttpResult> held = pool.submit(() -> http.connection("api").get("/route"));
                    assertTrue(arrived.await(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS), "one call in flight");
                    for (int i = 0; i < 3; i++) {
                        assertEquals(89, http.connection("api").get("/route").code());
                    }
                    release.countDown();
                    assertEquals(200, held.get(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS).code());
                } finally {
                    release.countDown();
                    pool.shutdownNow();
                }
                assertEquals(3, otel.count(MetricsRecorder.REFUSED, Map.of("httpcon.connection", "api")));
                assertEquals(3, micrometerCount(MetricsRecorder.REFUSED, "api"));
                assertEquals(3, mp.counter(MpMetricsRecorder.REQUESTS_REFUSED, new Tag("connection", "api")).getCount());
                assertEquals(1, otel.count(MetricsRecorder.CONNOK, Map.of()), "refusals are not attempts");
                assertEquals(0, otel.count(MetricsRecorder.CONNFAIL, Map.of()));
                List<SpanData> clients = otel.spans(SpanKind.CLIENT);
                assertEquals(1, clients.size(), "only the call that was sent: " + clients);
                assertEquals("200", OtelSdk.attr(clients.get(0), "http.response.status_code"));
            }
        }
    }
}
