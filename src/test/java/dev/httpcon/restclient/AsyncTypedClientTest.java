package dev.httpcon.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpConTransportException;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.ReferenceApi;
import dev.httpcon.testing.CompletionThread;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.Closing;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.Timing;
import dev.httpcon.testing.Via;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A typed client's {@code CompletionStage} methods take the connection's asynchronous path end to
 * end: no thread is held while a call is in flight, the stage completes on the connection's
 * {@code async_executor}, and the implementation's response side (readers, exception mappers)
 * and transport errors behave as for the blocking methods.
 */
class AsyncTypedClientTest {

    private final ExecutorService one = Executors.newSingleThreadExecutor(r -> new Thread(r, "the-one-completion"));

    @AutoClose
    private final Closing closing = new Closing();

    private <T extends AutoCloseable> T use(T c) {
        return closing.use(c);
    }

    @AfterEach
    void close() {
        one.shutdownNow();
    }

    private ReferenceApi client(StandaloneHttpCon http, String name) {
        ReferenceApi api = RestClients.create(http.connection(name), ReferenceApi.class);
        closing.use(() -> RestClients.close(api));
        return api;
    }

    /**
     * 300 calls held by the server for two seconds each, over HTTP/2 (one TCP connection), from a
     * client whose implementation runs asynchronous methods on a pool of a few threads: were a
     * thread held per call (a blocking send in the filter), only that many would reach the server
     * at once, and the rest would wait their turn (RESTEasy's pool has 5 threads: 2 minutes for
     * all). All 300 reach the server while the first are still held, the JVM's client threads do
     * not grow with them, and every stage completes on the connection's single completion thread.
     */
    @Test
    void callsInFlightHoldNoThreadAndCompleteOnTheConnectionsExecutor() throws Exception {
        ReferenceServer server = use(Via.H2C.serverBuilder().start());
        StandaloneHttpCon http = use(startWith(Map.of(
                "httpclient.http_version", "2-prior-knowledge",
                "httpclient.httpcon", "api=>" + server.url() + "/;keep_connections=1;timeout=60s;async_executor=one"),
                Map.of("one", one)));
        ReferenceApi api = client(http, "api");
        assertEquals("slow done\n", api.slowAsync("0").toCompletableFuture().get(30, TimeUnit.SECONDS));
        int before = Closing.clientThreads();

        List<CompletableFuture<String>> calls = new ArrayList<>();
        List<String> ranOn = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch completed = new CountDownLatch(300);
        for (int i = 0; i < 300; i++) {
            CompletableFuture<String> f = api.slowAsync("2").toCompletableFuture();
            f.whenComplete((v, e) -> {
                ranOn.add(Thread.currentThread().getName());
                completed.countDown();
            });
            calls.add(f);
        }
        int during = Closing.clientThreads();
        long end = System.nanoTime() + Timing.STALL.toNanos();
        while (server.requests("/slow").size() < 301 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        int arrived = server.requests("/slow").size() - 1;
        long answered = calls.stream().filter(CompletableFuture::isDone).count();
        // Waited for through the stages themselves: a thread in get() may run a completed future's
        // stages itself (CompletableFuture's helping), which would hide where they run.
        assertTrue(completed.await(60, TimeUnit.SECONDS), "calls still in flight: " + completed.getCount());
        for (CompletableFuture<String> f : calls) {
            assertEquals("slow done\n", f.getNow(null));
        }

        assertEquals(300, arrived, "calls that reached the server together");
        assertTrue(answered < 300, "the server held them all at once: answered before the last arrived " + answered);
        assertTrue(during - before <= 4, "client threads before " + before + ", with 300 typed calls in flight " + during);
        assertEquals(300, ranOn.size());
        assertTrue(ranOn.stream().allMatch("the-one-completion"::equals), ranOn.toString());
        assertEquals(301, http.connection("api").info().ok(), "each call sent once");
        assertTrue(server.acceptedConnections() <= 2, "connections: " + server.acceptedConnections());
    }

    @Test
    void theResponseSideRunsOnTheCompletionThreadWithTheImplementationsMappers() throws Exception {
        ReferenceServer server = use(ReferenceServer.start());
        StandaloneHttpCon http = use(startWith(Map.of(
                "httpclient.httpcon", "api=>" + server.url() + "/;async_executor=one"), Map.of("one", one)));
        ReferenceApi api = client(http, "api");
        AtomicReference<String> ok = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger(1);   // the 404 below
        String thread = CompletionThread.of(() -> {
            calls.incrementAndGet();
            return api.statusAsync(200).thenApply(v -> {
                ok.set(v);
                return v;
            });
        });
        ExecutionException notFound = assertThrows(ExecutionException.class,
                () -> api.statusAsync(404).toCompletableFuture().get(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS));

        assertEquals("status 200\n", ok.get());
        assertEquals("the-one-completion", thread);
        WebApplicationException w = assertInstanceOf(WebApplicationException.class, notFound.getCause());
        assertEquals(404, w.getResponse().getStatus());
        assertEquals(calls.get(), http.connection("api").info().ok() + http.connection("api").info().fail(),
                "each call sent once, not once per invocation of the implementation");
        assertEquals(calls.get(), server.requests("/status").size());
    }

    @Test
    void aTransportErrorCompletesTheStageWithTheProcessingExceptionOfTheBlockingMethod() {
        StandaloneHttpCon http = use(StandaloneHttpCon.start(
                Map.of("httpclient.httpcon", "d=>" + RefusedPort.shared().url("/x"))));
        ReferenceApi d = client(http, "d");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> d.statusAsync(200).toCompletableFuture().get(Timing.IN_TIME.toMillis(), TimeUnit.MILLISECONDS));
        ProcessingException p = assertInstanceOf(ProcessingException.class, e.getCause());
        HttpConTransportException t = assertInstanceOf(HttpConTransportException.class, p.getCause(), p.toString());
        assertEquals(CurlError.COULDNT_CONNECT, t.error());
    }

    @Test
    void cancellingTheStageCancelsTheCall() throws Exception {
        ReferenceServer server = use(ReferenceServer.start());
        StandaloneHttpCon http = use(StandaloneHttpCon.start(Map.of("httpclient.httpcon", "api=>" + server.url() + "/")));
        ReferenceApi api = client(http, "api");
        CompletableFuture<String> slow = api.slowAsync("30").toCompletableFuture();

        assertTrue(slow.cancel(true));

        assertTrue(slow.isCancelled());
        long end = System.nanoTime() + Timing.IN_TIME.toNanos();
        while (http.connection("api").info().fail() == 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(1, http.connection("api").info().fail(), "the call ended (42) on its connection, not after 30 s");
    }

    /** Starts on {@code properties} with {@code executors} registered by name for {@code async_executor}. */
    private static StandaloneHttpCon startWith(Map<String, String> properties, Map<String, ? extends Executor> executors) {
        StandaloneHttpCon.Builder b = StandaloneHttpCon.builder().properties(properties);
        executors.forEach(b::executor);
        return b.start();
    }
}
