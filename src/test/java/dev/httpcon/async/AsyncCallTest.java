package dev.httpcon.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.Attempt;
import dev.httpcon.ConnectionInfo;
import dev.httpcon.ConnectionState;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.PoolStats;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.CompletionThread;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.Closing;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.Timing;
import dev.httpcon.testing.Via;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous call through the core, as applications make it ({@link HttpConnection#sendAsync}
 * on a {@link StandaloneHttpCon} connection): the blocking call's concerns (failover, budget,
 * health, overload guard, measurements) with the same results, completions on the caller's
 * executor, cancel giving 42, and thousands in flight without a thread each.
 */
class AsyncCallTest {

    @AutoClose
    private final Closing closing = new Closing();

    private <T extends AutoCloseable> T use(T c) {
        return closing.use(c);
    }

    private StandaloneHttpCon start(String... lines) {
        return use(StandaloneHttpCon.start(Map.of("httpclient.httpcon", String.join(",", lines))));
    }

    private static HttpResult await(CompletableFuture<HttpResult> f) throws Exception {
        return f.get(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void theAsynchronousCallGivesTheBlockingCallsResults() throws Exception {
        ReferenceServer server = use(ReferenceServer.start());
        StandaloneHttpCon http = start("api=>" + server.url(), "gone=>" + RefusedPort.shared().url(""));
        HttpConnection api = http.connection("api");

        for (String path : List.of("/json", "/notfound", "/error500", "/redir302a")) {
            HttpResult blocking = api.get(path);
            HttpResult async = await(api.getAsync(path));
            assertEquals(blocking.code(), async.code(), path);
            assertEquals(blocking.bodyText(), async.bodyText(), path);
            assertEquals(blocking.effectiveUrl(), async.effectiveUrl(), path);
            assertEquals(blocking.contentType(), async.contentType(), path);
        }
        HttpResult posted = await(api.postAsync("/echo", "text/plain", "hello"));
        assertEquals(200, posted.code(), posted.toString());
        assertTrue(posted.bodyText().contains("hello"), posted.bodyText());

        CompletableFuture<HttpResult> refused = http.connection("gone").getAsync("/json");
        HttpResult r = await(refused);
        assertFalse(refused.isCompletedExceptionally());
        assertEquals(7, r.code(), r.toString());
        assertEquals(7, r.code(), http.connection("gone").get("/json").toString());

        ConnectionInfo info = http.connections().get("api").info();
        assertEquals(4 + 4 + 1, info.ok() + info.fail(), "every attempt counted, blocking and async: " + info);
    }

    @Test
    void anAsynchronousFailureFailsOverAndEachAttemptIsCountedWhereItWasMade() throws Exception {
        ReferenceServer server = use(ReferenceServer.start());
        StandaloneHttpCon http = start("primary=>" + RefusedPort.shared().url("") + ";failover=middle",
                "middle=>" + server.url("/fail") + ";failover=backup", "backup=>" + server.url("/backup"));

        HttpResult r = await(http.connection("primary").sendAsync(HttpRequest.get("/error500")));

        assertEquals(200, r.code(), "the backup's answer: " + r);
        assertEquals("backup", r.servedBy());
        assertEquals(List.of("primary", "middle", "backup"), r.attempts().stream().map(Attempt::connection).toList());
        assertEquals(List.of(7, 503, 200), r.attempts().stream().map(Attempt::code).toList());
        assertEquals(1, http.connections().get("primary").info().fail());
        assertEquals(1, http.connections().get("middle").info().fail());
        assertEquals(1, http.connections().get("backup").info().ok());
    }

    @Test
    void theBudgetStopsTheChainOfAnAsynchronousCall() throws Exception {
        ReferenceServer server = use(ReferenceServer.start());
        StandaloneHttpCon http = start("slow=>" + server.url() + ";total_timeout=1s;failover=backup",
                "backup=>" + server.url("/backup"));

        HttpResult r = await(http.connection("slow").getAsync("/slow?s=" + Timing.STALL.toSeconds()));

        assertEquals(28, r.code(), r.toString());
        assertTrue(r.message().contains("'backup' not tried"), r.message());
        assertEquals(1, r.attempts().size(), r.attempts().toString());
    }

    @Test
    void healthCountsAsynchronousFailuresAndSkipsTheConnection() throws Exception {
        ReferenceServer server = use(ReferenceServer.start());
        StandaloneHttpCon http = start("flaky=>" + RefusedPort.shared().url("") + ";health_failures=2;failover=backup",
                "backup=>" + server.url("/backup"));
        HttpConnection flaky = http.connection("flaky");

        await(flaky.getAsync("/json"));
        await(flaky.getAsync("/json"));
        assertEquals(ConnectionState.NOTREACHABLE, http.connections().state("flaky"));

        HttpResult skipped = await(flaky.getAsync("/json"));
        assertEquals(200, skipped.code(), skipped.toString());
        assertEquals(2, http.connections().get("flaky").info().fail(), "a skipped connection makes no attempt");
    }

    @Test
    void theOverloadGuardRefusesAsynchronousCallsBeyondMaxConcurrent() throws Exception {
        ReferenceServer server = use(ReferenceServer.start());
        StandaloneHttpCon http = start("api=>" + server.url() + ";max_concurrent=2;keep_connections=1");
        HttpConnection api = http.connection("api");
        List<CompletableFuture<HttpResult>> held = List.of(api.getAsync("/slow?s=1"), api.getAsync("/slow?s=1"));

        HttpResult refused = await(api.getAsync("/json"));

        assertEquals(89, refused.code(), refused.toString());
        for (CompletableFuture<HttpResult> f : held) {
            assertEquals(200, await(f).code());
        }
        assertEquals(200, await(api.getAsync("/json")).code(), "the permits came back when the calls completed");
    }

    @Test
    void cancellingAbortsTheExchangeReleasesTheConnectionAndTakesNoFailover() throws Exception {
        ReferenceServer server = use(ReferenceServer.start());
        StandaloneHttpCon http = start("api=>" + server.url() + ";keep_connections=1;failover=backup;timeout="
                + Timing.STALL.toSeconds() + "s", "backup=>" + server.url("/backup"));
        CompletableFuture<HttpResult> call = http.connection("api").getAsync("/slow?s=" + Timing.STALL.toSeconds());
        long end = System.nanoTime() + Timing.IN_TIME.toNanos();
        while (server.requests().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertEquals(1, server.requests().size(), "the call reached the server");

        assertTrue(call.cancel(true));

        HttpResult r = call.getNow(null);
        assertEquals(42, r.code(), String.valueOf(r));
        assertFalse(call.isCancelled(), "completed with the result that says so");
        assertEquals(0, PoolStats.total(http.poolStats()).leased(), http.poolStats().toString());
        assertEquals(1, server.requests().size(), "no failover after a cancel: " + server.requests());
        assertEquals(ConnectionState.AVAILABLE, http.connections().state("api"));
        assertFalse(call.cancel(true), "a second cancel changes nothing");
    }

    @Test
    void completionsRunOnTheCallersExecutorOrHttpconsPoolNeverOnAnIoThread() throws Exception {
        ReferenceServer server = use(ReferenceServer.start());
        StandaloneHttpCon http = start("api=>" + server.url() + ";failover=backup", "backup=>" + server.url("/backup"));
        ExecutorService sip = Executors.newSingleThreadExecutor(r -> new Thread(r, "sip-worker"));
        use(sip::shutdownNow);

        for (String path : List.of("/slow?s=0.2", "/error500")) {   // the second fails over first
            assertEquals("sip-worker", CompletionThread.of(() -> http.connection("api").sendAsync(HttpRequest.get(path),
                    sip)), path);
        }

        AtomicReference<String> ranOn = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        http.connection("api").getAsync("/slow?s=0.2").thenAccept(r -> {
            ranOn.set(Thread.currentThread().getName());
            ran.countDown();
        });
        assertTrue(ran.await(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(ranOn.get().startsWith("httpcon-completion-"), ranOn.get());

        HttpResult q = await(http.query().queryAsync(server.url("/json").toString(), null, null, sip));
        assertEquals(200, q.code());
        assertEquals(200, await(http.connections().connectAsync("api", "/json", null, null, null)).code());
        assertEquals(-1, await(http.connections().connectAsync("nosuch", "/json", null, null, null)).code());
    }

    @Test
    void asynchronousCallsLeaveLastRedirectAlone() throws Exception {
        ReferenceServer server = use(ReferenceServer.start());
        StandaloneHttpCon http = start("api=>" + server.url());
        HttpConnection api = http.connection("api");

        HttpResult r = await(api.getAsync("/redir302a"));

        assertEquals(server.url("/json"), r.effectiveUrl(), "async callers read the result's effective URL");
        assertEquals("", api.lastRedirect(), "this thread made no blocking call");
        assertNull(api.lastContentType());
    }

    @Test
    void twoThousandCallsInFlightHoldNoThreadEach() throws Exception {
        ReferenceServer server = use(Via.H2C.serverBuilder().recording(false).start());
        StandaloneHttpCon http = use(StandaloneHttpCon.start(Map.of(
                "httpclient.http_version", "2-prior-knowledge",
                "httpclient.httpcon", "api=>" + server.url() + ";keep_connections=1;timeout=60s")));
        HttpConnection api = http.connection("api");
        assertEquals(200, await(api.getAsync("/json")).code());   // the connection and the completion pool are up
        int before = Closing.clientThreads();

        List<CompletableFuture<HttpResult>> calls = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            calls.add(api.getAsync("/slow?s=0.5"));
        }
        long inFlight = calls.stream().filter(f -> !f.isDone()).count();
        int during = Closing.clientThreads();
        for (CompletableFuture<HttpResult> f : calls) {
            assertEquals(200, f.get(60, TimeUnit.SECONDS).code());
        }

        assertTrue(inFlight > 1000, "calls in flight when the threads were counted: " + inFlight);
        int completionThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        assertTrue(during - before <= completionThreads + 2,
                "client threads before " + before + ", with " + inFlight + " calls in flight " + during);
        assertTrue(server.acceptedConnections() <= 2, "connections: " + server.acceptedConnections());
        assertEquals(2001, http.connections().get("api").info().ok());
    }
}
