package dev.httpcon.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.Attempt;
import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpResult;
import dev.httpcon.testing.CompletionThread;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.metrics.MpMetricsRecorder;
import dev.httpcon.testing.RefusedPort;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CDI interceptors around an asynchronous call: each runs its concern's exit when the
 * {@code CompletionStage} completes, so an asynchronous failure fails over (through the failover
 * connection's own interceptors), and the attempt is measured when it ends, not when the call
 * returns.
 */
@ExtendWith(ArquillianExtension.class)
class AsyncInterceptorsIT {

    @Deployment
    static JavaArchive deployment() {
        String h = Servers.base();
        return Deployments.archive("async", String.join("\n",
                "httpclient.connection_timeout=10s",
                "httpclient.httpcon=a_dead=>http://127.0.0.1:" + RefusedPort.shared().port() + ";failover=a_fail,"
                        + "a_fail=>" + h + "/fail;failover=a_backup,"
                        + "a_backup=>" + h + "/backup,"
                        + "a_slow=>" + h,
                ""));
    }

    @Inject
    @HttpCon("a_dead")
    HttpConnection dead;

    @Inject
    @HttpCon("a_slow")
    HttpConnection slow;

    @Inject
    HttpConnections connections;

    @Inject
    MetricRegistry registry;

    @Test
    void anAsynchronousFailureFailsOverAlongTheChain() throws Exception {
        long before = connections.get("a_fail").info().fail();
        ExecutorService app = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-worker"));
        try {
            AtomicReference<HttpResult> result = new AtomicReference<>();
            AtomicInteger calls = new AtomicInteger(1);   // the getAsync below
            CompletableFuture<HttpResult> call = dead.getAsync("/route");
            String ranOn = CompletionThread.of(() -> {
                calls.incrementAndGet();
                return dead.sendAsync(dev.httpcon.HttpRequest.get("/route"), app).thenApply(x -> {
                    result.set(x);
                    return x;
                });
            });
            HttpResult r = result.get();

            assertEquals(200, r.code(), r.toString());
            assertEquals("a_backup", r.servedBy());
            assertEquals(List.of("a_dead", "a_fail", "a_backup"), r.attempts().stream().map(Attempt::connection).toList());
            assertEquals(List.of(7, 503, 200), r.attempts().stream().map(Attempt::code).toList());
            assertEquals("app-worker", ranOn);
            assertEquals(200, call.get(30, TimeUnit.SECONDS).code());
            assertFalse(call.isCompletedExceptionally());
            assertEquals(before + calls.get(), connections.get("a_fail").info().fail(),
                    "each hop counted on its connection");
        } finally {
            app.shutdownNow();
        }
    }

    @Test
    void theAttemptIsMeasuredWhenItEndsNotWhenTheCallReturns() throws Exception {
        Tag tag = new Tag("connection", "a_slow");
        long count = registry.timer(MpMetricsRecorder.DURATION, tag).getCount();
        Duration time = registry.timer(MpMetricsRecorder.DURATION, tag).getElapsedTime();

        assertEquals(200, slow.getAsync("/slow?s=0.5").get(30, TimeUnit.SECONDS).code());

        assertEquals(count + 1, registry.timer(MpMetricsRecorder.DURATION, tag).getCount());
        Duration took = registry.timer(MpMetricsRecorder.DURATION, tag).getElapsedTime().minus(time);
        assertTrue(took.toMillis() >= 450, "the attempt's whole time was measured: " + took);
    }
}
