package dev.httpcon.it.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpResult;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.it.se.RoutingService;
import dev.httpcon.it.support.ConfigScope;
import dev.httpcon.it.support.Servers;
import dev.httpcon.it.support.WeldSe;
import dev.httpcon.testing.OtelSdk;
import dev.httpcon.testing.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.inject.se.SeContainer;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In Weld SE, with the interceptors: httpcon finds every back end the application provides
 * (an {@code OpenTelemetry} bean, a Micrometer {@code MeterRegistry} bean, SmallRye's
 * MicroProfile Metrics) and hands each the same measurements; with none, it sends no trace
 * context and still counts for listcon.
 */
class TelemetryIT {

    private static String config() {
        return "httpclient.httpcon=routing=>" + Servers.base() + "/base;failover=backup,backup=>"
                + Servers.base() + "/backup\n";
    }

    @BeforeEach
    void backEnds() {
        TelemetryBackEnds.otel = new OtelSdk();
        TelemetryBackEnds.meters = new SimpleMeterRegistry();
    }

    @AfterEach
    void close() {
        TelemetryBackEnds.otel.close();
        TelemetryBackEnds.meters.close();
    }

    @Test
    void everyBackEndGetsTheSameMeasurementsOfOneCall() {
        try (ConfigScope scope = ConfigScope.of(config());
             SeContainer container = WeldSe.boot(scope, RoutingService.class, TelemetryBackEnds.class,
                     MpMetricsReader.class)) {
            MetricRegistry mp = container.select(MpMetricsReader.class).get().registry;
            long connfailBefore = mp.counter(MetricsRecorder.CONNFAIL).getCount();
            long connokBefore = mp.counter(MetricsRecorder.CONNOK).getCount();

            HttpResult r = container.select(RoutingService.class).get().connection().get("/error500?otel-it=1");
            assertEquals(200, r.code(), r.toString());
            assertEquals("backup", r.servedBy());

            OtelSdk otel = TelemetryBackEnds.otel;
            List<SpanData> requests = otel.spans(SpanKind.CLIENT);
            assertEquals(2, requests.size(), otel.spans().toString());
            SpanData call = otel.spans(SpanKind.INTERNAL).get(0);
            assertEquals("httpcon routing", call.getName());
            requests.forEach(s -> assertEquals(call.getSpanId(), s.getParentSpanId()));
            assertEquals("500", OtelSdk.attr(requests.get(0), "error.type"));
            assertEquals("routing", OtelSdk.attr(requests.get(1), "httpcon.failover"));
            RecordedRequest atBackup = Servers.reference().requests("/backup/error500").stream()
                    .filter(q -> "otel-it=1".equals(q.query())).findFirst().orElseThrow();
            assertEquals("00-" + requests.get(1).getTraceId() + "-" + requests.get(1).getSpanId() + "-"
                    + requests.get(1).getSpanContext().getTraceFlags().asHex(), atBackup.header("traceparent"));
            assertEquals(1, otel.count(MetricsRecorder.FAILOVERS, Map.of("httpcon.connection", "backup",
                    "httpcon.failover", "routing")));

            SimpleMeterRegistry meters = TelemetryBackEnds.meters;
            assertEquals(2, meters.find("http.client.requests").timers().size());
            assertEquals(1, meters.find(MetricsRecorder.CONNFAIL).counter().count());
            assertEquals(1, meters.find(MetricsRecorder.CONNOK).counter().count());

            assertEquals(1, mp.counter(MetricsRecorder.CONNFAIL).getCount() - connfailBefore);
            assertEquals(1, mp.counter(MetricsRecorder.CONNOK).getCount() - connokBefore);
        }
    }

    @Test
    void withoutAnyBackEndNoTraceContextIsSentAndListconStillCounts() {
        try (ConfigScope scope = ConfigScope.of(config());
             SeContainer container = WeldSe.bootWithoutMetrics(scope, RoutingService.class)) {
            HttpResult r = container.select(RoutingService.class).get().connection().get("/json?otel-it=2");
            assertEquals(200, r.code());
            RecordedRequest seen = Servers.reference().requests("/base/json").stream()
                    .filter(q -> "otel-it=2".equals(q.query())).findFirst().orElseThrow();
            assertNull(seen.header("traceparent"), seen.headers().toString());
            assertTrue(container.select(dev.httpcon.HttpConnections.class).get().list().stream()
                    .anyMatch(c -> c.name().equals("routing") && c.ok() >= 1));
            assertTrue(TelemetryBackEnds.otel.spans().isEmpty());
        }
    }
}
