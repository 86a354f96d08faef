package dev.httpcon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcon.ReloadResult;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.metrics.MpMetricsRecorder;
import dev.httpcon.micrometer.MicrometerRecorder;
import dev.httpcon.otel.OtelRecorder;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.OtelSdk;
import dev.httpcon.testing.ReferenceServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.smallrye.metrics.SharedMetricRegistries;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reloads as every back end sees them: OpenTelemetry (the real SDK, in-memory reader), Micrometer
 * ({@code SimpleMeterRegistry}) and MicroProfile Metrics (SmallRye) at once. Each counts reloads by
 * outcome, counts the connections defined now, measures a connection a reload added from its first
 * call, counts on for one that stays, and forgets the state of one that was removed.
 */
class ReloadTelemetryTest {

    private final OtelSdk otel = new OtelSdk();
    private final SimpleMeterRegistry micrometer = new SimpleMeterRegistry();
    private final MetricRegistry mp = SharedMetricRegistries.getOrCreate("httpcon-reload-telemetry");
    private final ReloadTest.LiveView config = new ReloadTest.LiveView();
    private ReferenceServer server;
    private StandaloneHttpCon http;

    @BeforeEach
    void start() {
        server = ReferenceServer.start();
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        server.close();
        otel.close();
        micrometer.close();
    }

    private void boot(String lines) {
        config.map.put("httpclient.httpcon", lines);
        HttpConSettings settings = SettingsLoader.load(config);
        MetricsRecorder every = MetricsRecorder.all(List.of(
                new OtelRecorder(otel.sdk(), settings.connections().keySet()),
                MicrometerRecorder.bound(micrometer, settings.connections().keySet()),
                new MpMetricsRecorder(mp, settings.connections().keySet())));
        http = dev.httpcon.standalone.StandaloneTesting.start(config, every);
    }

    private ReloadResult reloadWith(String lines) {
        config.map.put("httpclient.httpcon", lines);
        return http.reload();
    }

    private void assertReloads(long count, String outcome) {
        assertEquals(count, otel.count(MetricsRecorder.RELOADS, Map.of("httpcon.outcome", outcome)), "otel " + outcome);
        Counter c = micrometer.find(MetricsRecorder.RELOADS).tag("httpcon.outcome", outcome).counter();
        assertEquals(count, c == null ? 0 : (long) c.count(), "micrometer " + outcome);
        assertEquals(count, mp.counter(MpMetricsRecorder.RELOADS, new Tag("outcome", outcome)).getCount(),
                "mp " + outcome);
    }

    private void assertConnections(long count) {
        MetricData m = otel.metric(MetricsRecorder.CONNECTIONS);
        assertEquals(count, m.getLongGaugeData().getPoints().iterator().next().getValue(), "otel");
        assertEquals(count, (long) micrometer.find(MetricsRecorder.CONNECTIONS).gauge().value(), "micrometer");
        assertEquals(count, mp.getGauge(new MetricID(MpMetricsRecorder.CONNECTIONS)).getValue().longValue(), "mp");
    }

    private void assertOk(long count, String connection) {
        assertEquals(count, otel.count(MetricsRecorder.ATTEMPTS,
                Map.of("httpcon.connection", connection, "httpcon.outcome", "ok")), "otel " + connection);
        Counter c = micrometer.find(MetricsRecorder.ATTEMPTS).tag("httpcon.connection", connection)
                .tag("httpcon.outcome", "ok").counter();
        assertEquals(count, c == null ? 0 : (long) c.count(), "micrometer " + connection);
        assertEquals(count, mp.counter(MpMetricsRecorder.REQUESTS_OK, new Tag("connection", connection)).getCount(),
                "mp " + connection);
    }

    /** The state gauge of {@code connection} in each back end, -1 where it reports none. */
    private List<Long> states(String connection) {
        long o = -1;
        MetricData m = otel.metric(MetricsRecorder.STATE);
        if (m != null) {
            for (LongPointData p : m.getLongGaugeData().getPoints()) {
                if (OtelSdk.matches(p.getAttributes(), Map.of("httpcon.connection", connection))) {
                    o = p.getValue();
                }
            }
        }
        Gauge g = micrometer.find(MetricsRecorder.STATE).tag("httpcon.connection", connection).gauge();
        var mg = mp.getGauge(new MetricID(MpMetricsRecorder.STATE, new Tag("connection", connection)));
        return List.of(o, g == null ? -1 : (long) g.value(), mg == null ? -1 : mg.getValue().longValue());
    }

    @Test
    void everyBackEndCountsReloadsByOutcomeAndFollowsTheConnectionsDefined() {
        boot("api=>" + server.url() + ",old=>" + server.url());
        assertEquals(200, http.connection("api").get("/json").code());
        http.connections().disable("old");
        assertEquals(List.of(2L, 2L, 2L), states("old"), "DISABLED in otel, micrometer, mp");
        assertConnections(2);

        ReloadResult applied = reloadWith("api=>" + server.url() + ",fresh=>" + server.url() + ",more=>" + server.url());
        assertEquals(ReloadResult.Outcome.APPLIED, applied.outcome(), applied.toString());
        assertReloads(1, "applied");
        assertConnections(3);
        assertEquals(List.of(-1L, 0L, 0L), states("old"),
                "removed: no state any more (otel reports none, the registered gauges read AVAILABLE)");

        assertEquals(200, http.connection("fresh").get("/json").code());
        assertEquals(200, http.connection("api").get("/json").code());
        assertOk(1, "fresh");
        assertOk(2, "api");

        assertEquals(ReloadResult.Outcome.UNCHANGED, http.reload().outcome());
        assertEquals(ReloadResult.Outcome.REFUSED, reloadWith("api=>" + server.url() + ";timeout=soon").outcome());
        assertReloads(1, "applied");
        assertReloads(1, "unchanged");
        assertReloads(1, "refused");
        assertConnections(3);
    }
}
