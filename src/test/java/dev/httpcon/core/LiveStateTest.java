package dev.httpcon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.httpcon.ConnectionState;
import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.testing.RefusedPort;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a connection has lived through outlives its settings: a successor runtime (a reload that
 * changes the connection) keeps the state, counts and calls in flight, and applies its own
 * thresholds from the next call. And which outcomes say something about the server.
 */
class LiveStateTest {

    @Test
    void aSuccessorKeepsStateCountsAndPermitsAndAppliesItsOwnSettings() {
        HttpConSettings before = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                "api=>" + RefusedPort.shared().url("") + ";health_failures=1;health_retry=60m")));
        HttpConSettings after = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                "api=>" + RefusedPort.shared().url("") + ";health_failures=0;timeout=2s")));
        try (HttpConCore core = HttpConCore.start(before, MetricsRecorder.NOOP)) {
            core.connection("api").get("/x");
            ConnectionRuntime old = core.registry().runtime("api");
            assertEquals(ConnectionState.NOTREACHABLE, old.state());
            old.live().inFlight.incrementAndGet();

            ConnectionSettings next = after.connection("api");
            ConnectionRuntime successor = old.succeededBy(next, core.registry().engine());
            assertSame(old.live(), successor.live());
            assertEquals(ConnectionState.NOTREACHABLE, successor.state());
            assertEquals(1, successor.failCount());
            assertEquals(1, successor.live().inFlight.get(), "a permit taken on the old runtime is released here");
            assertEquals(next, successor.settings());

            // the successor's settings apply from the next call: health off, so no longer skipped
            Call call = new Call(successor, HttpRequest.get("/x"), core.registry(), core);
            HealthMonitor monitor = new HealthMonitor(core, new Recording(MetricsRecorder.NOOP));
            assertEquals(true, successor.live().health.admits(call, next.resilience(), monitor));
            assertEquals(ConnectionState.AVAILABLE, successor.state());
            monitor.close();

            ConnectionSettings other = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                    "other=>http://h"))).connection("other");
            assertThrows(IllegalArgumentException.class, () -> old.succeededBy(other, core.registry().engine()));
        }
    }

    @Test
    void onlyWhatTheServerDidMovesHealth() {
        HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                "api=>http://127.0.0.1:9")));
        try (HttpConCore core = HttpConCore.start(settings, MetricsRecorder.NOOP)) {
            ConnectionRuntime runtime = core.registry().runtime("api");
            Call call = new Call(runtime, HttpRequest.get("/x"), core.registry(), core);
            HttpResult timeout = HttpResult.builder().error(CurlError.OPERATION_TIMEDOUT, "t").build();
            assertEquals(0, HealthGate.outcome(call, timeout), "no attempt made: a gate inside answered");
            call.attempted = true;
            assertEquals(-1, HealthGate.outcome(call, timeout), "the first hop's timeout counts");
            assertEquals(-1, HealthGate.outcome(call, HttpResult.builder().status(503).build()));
            assertEquals(1, HealthGate.outcome(call, HttpResult.builder().status(404).build()));
            for (CurlError local : new CurlError[] {CurlError.FAILED_INIT, CurlError.URL_MALFORMAT,
                    CurlError.ABORTED_BY_CALLBACK, CurlError.NO_CONNECTION_AVAILABLE}) {
                assertEquals(0, HealthGate.outcome(call, HttpResult.builder().error(local, "x").build()), local.toString());
            }
            assertEquals(0, HealthGate.outcome(call, HttpResult.invalid("bad")));

            Call laterHop = new Call(runtime, HttpRequest.get("/x"), core.registry(), core).next(runtime);
            laterHop.attempted = true;
            laterHop.capped = true;
            assertEquals(-1, HealthGate.outcome(laterHop, timeout), "no attempt before it: its timeout counts");
            Call first = new Call(runtime, HttpRequest.get("/x"), core.registry(), core);
            first.attempted = true;
            Call second = first.next(runtime);
            second.attempted = true;
            second.capped = true;
            assertEquals(0, HealthGate.outcome(second, timeout),
                    "cut short because earlier hops used the budget: says nothing about the server");
            second.capped = false;
            assertEquals(-1, HealthGate.outcome(second, timeout), "it had its whole timeout");
        }
    }
}
