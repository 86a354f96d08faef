package dev.httpcon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one composition of the concerns: which stages run, in which order, and the protocol every
 * front door follows around them (a gate ends the call, an exception releases every stage that
 * entered). Probe stages record what happens around real attempts on a real server.
 */
class PipelineTest {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();

    private final ReferenceServer server = SERVER.server();
    private final List<String> events = new ArrayList<>();
    private ConnectionRegistry registry;

    @BeforeEach
    void start() {
        registry = ConnectionRegistry.create(SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                "plain=>" + server.url() + ",chained=>" + server.url() + ";failover=plain,guarded=>" + server.url()
                        + ";failover=plain;max_concurrent=4"))),
                ConnectionRegistry::close);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void theStandardPipelineHasOneStagePerConcernInConcernOrder() {
        Recording recording = new Recording(MetricsRecorder.NOOP);
        Pipeline standard = Pipeline.standard(recording, monitor(recording));
        int previous = Integer.MIN_VALUE;
        for (Concern c : Concern.values()) {
            assertEquals(c, standard.stage(c).concern());
            assertTrue(c.position() > previous, c + " must run inside the concern before it");
            previous = c.position();
        }
        assertEquals(List.of(Concern.REDIRECT_CAPTURE, Concern.BUDGET, Concern.HEALTH, Concern.MEASUREMENTS),
                standard.concernsFor(registry.runtime("plain").settings()));
        assertEquals(List.of(Concern.REDIRECT_CAPTURE, Concern.FAILOVER, Concern.BUDGET, Concern.HEALTH,
                Concern.MEASUREMENTS), standard.concernsFor(registry.runtime("chained").settings()));
        assertEquals(List.of(Concern.values()), standard.concernsFor(registry.runtime("guarded").settings()),
                "max_concurrent binds the overload guard");
    }

    @Test
    void stagesRunOutermostFirstAroundTheAttemptAndFailoverOnlyWhereConfigured() {
        Pipeline pipeline = probes(null, false);

        HttpResult r = pipeline.run(call("chained", "/json"));
        assertEquals(200, r.code());
        assertEquals(List.of("enter REDIRECT_CAPTURE", "enter FAILOVER", "enter BUDGET", "enter HEALTH",
                "enter MEASUREMENTS", "attempt 200", "exit MEASUREMENTS", "exit HEALTH", "exit BUDGET", "exit FAILOVER",
                "exit REDIRECT_CAPTURE"), events);

        events.clear();
        pipeline.run(call("plain", "/json"));
        assertEquals(List.of("enter REDIRECT_CAPTURE", "enter BUDGET", "enter HEALTH", "enter MEASUREMENTS",
                "attempt 200", "exit MEASUREMENTS", "exit HEALTH", "exit BUDGET", "exit REDIRECT_CAPTURE"), events);

        events.clear();
        pipeline.run(call("guarded", "/json"));
        assertEquals(List.of("enter REDIRECT_CAPTURE", "enter FAILOVER", "enter BUDGET", "enter HEALTH",
                "enter OVERLOAD_GUARD", "enter MEASUREMENTS", "attempt 200", "exit MEASUREMENTS", "exit OVERLOAD_GUARD",
                "exit HEALTH", "exit BUDGET", "exit FAILOVER", "exit REDIRECT_CAPTURE"), events);
    }

    @Test
    void aGateEndsTheCallWithoutTheInnerStagesOrTheAttempt() {
        HttpResult refused = HttpResult.invalid("refused by the gate");
        Pipeline pipeline = probes(refused, false);

        HttpResult r = pipeline.run(call("chained", "/json"));

        assertSame(refused, r);
        assertEquals(List.of("enter REDIRECT_CAPTURE", "enter FAILOVER", "exit REDIRECT_CAPTURE"), events);
        assertEquals(List.of(), server.requests(), "nothing sent");
    }

    @Test
    void anExceptionInsideReleasesEveryStageThatEnteredAndReachesTheCaller() {
        Pipeline pipeline = probes(null, true);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> pipeline.run(call("chained", "/json")));

        assertEquals("probe failure", e.getMessage());
        assertEquals(List.of("enter REDIRECT_CAPTURE", "enter FAILOVER", "enter BUDGET", "enter HEALTH",
                "enter MEASUREMENTS", "attempt 200", "abandon HEALTH", "abandon BUDGET", "abandon FAILOVER",
                "abandon REDIRECT_CAPTURE"), events);
    }

    @Test
    void anAsynchronousCallRunsTheSameStagesInTheSameOrder() throws Exception {
        Pipeline pipeline = probes(null, false);

        HttpResult r = pipeline.runAsync(asyncCall("chained", "/json")).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(200, r.code());
        assertEquals(List.of("enter REDIRECT_CAPTURE", "enter FAILOVER", "enter BUDGET", "enter HEALTH",
                "enter MEASUREMENTS", "attempt 200", "exit MEASUREMENTS", "exit HEALTH", "exit BUDGET", "exit FAILOVER",
                "exit REDIRECT_CAPTURE"), events);
    }

    @Test
    void anExceptionInAnAsynchronousExitReleasesTheStagesOutsideAndFailsTheCall() {
        Pipeline pipeline = probes(null, true);

        ExecutionException e = assertThrows(ExecutionException.class, () -> pipeline.runAsync(asyncCall("chained",
                "/json")).toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertEquals(IllegalStateException.class, e.getCause().getClass());
        assertEquals("probe failure", e.getCause().getMessage());
        assertEquals(List.of("enter REDIRECT_CAPTURE", "enter FAILOVER", "enter BUDGET", "enter HEALTH",
                "enter MEASUREMENTS", "attempt 200", "abandon HEALTH", "abandon BUDGET", "abandon FAILOVER",
                "abandon REDIRECT_CAPTURE"), events);
    }

    @Test
    void aStageWhoseAsynchronousExitGivesNothingFailsTheCallRatherThanLeavingItPending() {
        Stage broken = new Probe(Concern.BUDGET, null) {
            @Override
            public CompletionStage<HttpResult> exitAsync(Call call, HttpResult result) {
                return null;
            }
        };
        Recording recording = new Recording(MetricsRecorder.NOOP);
        Pipeline pipeline = new Pipeline(recording, monitor(recording), new Probe(Concern.REDIRECT_CAPTURE, null),
                new Probe(Concern.FAILOVER, null), broken, new Probe(Concern.HEALTH, null),
                new Probe(Concern.OVERLOAD_GUARD, null), new Probe(Concern.MEASUREMENTS, null));

        ExecutionException e = assertThrows(ExecutionException.class, () -> pipeline.runAsync(asyncCall("plain",
                "/json")).toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertEquals(NullPointerException.class, e.getCause().getClass());
        assertEquals("BUDGET stage gave no exit stage", e.getCause().getMessage());
        assertEquals(List.of("enter REDIRECT_CAPTURE", "enter BUDGET", "enter HEALTH", "enter MEASUREMENTS",
                "exit MEASUREMENTS", "exit HEALTH", "abandon REDIRECT_CAPTURE"), events);
    }

    @Test
    void aGateEndsAnAsynchronousCallWithoutTheInnerStagesOrTheAttempt() throws Exception {
        HttpResult refused = HttpResult.invalid("refused by the gate");
        Pipeline pipeline = probes(refused, false);

        HttpResult r = pipeline.runAsync(asyncCall("chained", "/json")).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertSame(refused, r);
        assertEquals(List.of("enter REDIRECT_CAPTURE", "enter FAILOVER", "exit REDIRECT_CAPTURE"), events);
        assertEquals(List.of(), server.requests(), "nothing sent");
    }

    private Call call(String connection, String path) {
        return new Call(registry.runtime(connection), HttpRequest.get(path), registry, null);
    }

    private Call asyncCall(String connection, String path) {
        return new Call(registry.runtime(connection), HttpRequest.get(path), registry, null,
                new AsyncCall(connection, Runnable::run));
    }

    /**
     * Probes for every concern: the failover probe answers {@code gate} from enter when not null;
     * the measurements probe throws from exit when {@code failInside}.
     */
    private Pipeline probes(HttpResult gate, boolean failInside) {
        Stage measurements = new Probe(Concern.MEASUREMENTS, null) {
            @Override
            public HttpResult exit(Call call, HttpResult result) {
                events.add("attempt " + result.code());
                if (failInside) {
                    throw new IllegalStateException("probe failure");
                }
                return super.exit(call, result);
            }
        };
        Recording recording = new Recording(MetricsRecorder.NOOP);
        return new Pipeline(recording, monitor(recording), new Probe(Concern.REDIRECT_CAPTURE, null),
                new Probe(Concern.FAILOVER, gate), new Probe(Concern.BUDGET, null), new Probe(Concern.HEALTH, null),
                new Probe(Concern.OVERLOAD_GUARD, null), measurements);
    }

    /** No connection here has health on: the monitor never looks one up, so it needs no core. */
    private static HealthMonitor monitor(Recording recording) {
        return new HealthMonitor(null, recording);
    }

    private class Probe implements Stage {
        private final Concern concern;
        private final HttpResult gate;

        Probe(Concern concern, HttpResult gate) {
            this.concern = concern;
            this.gate = gate;
        }

        @Override
        public Concern concern() {
            return concern;
        }

        @Override
        public HttpResult enter(Call call) {
            events.add("enter " + concern);
            return gate;
        }

        @Override
        public HttpResult exit(Call call, HttpResult result) {
            events.add("exit " + concern);
            return result;
        }

        @Override
        public void abandon(Call call, Throwable failure) {
            events.add("abandon " + concern);
        }
    }
}
