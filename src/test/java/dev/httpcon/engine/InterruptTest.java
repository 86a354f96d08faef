package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.PoolStats;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestSettings;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A caller whose thread is interrupted, before or during an attempt, gets code 42 ("Operation was
 * aborted by an application callback"), keeps its interrupt flag, and is not failed over. The
 * deadlines here are long (20 s) so that only the interrupt can end the attempts early; the time
 * bounds are liveness bounds.
 */
class InterruptTest extends EngineTestBase {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();

    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void clearInterrupt() {
        never.countDown();
        Thread.interrupted();   // never leak an interrupt into the next test
    }

    private ConnectionSettings slowConnection() {
        return TestSettings.connection("c", server.url()).timeoutMillis(20_000).build();
    }

    /**
     * Runs {@code attempt} on a thread of its own, interrupts that thread once {@code ready} says
     * the attempt is under way, and returns the result and whether the flag was still set.
     */
    private Outcome interruptDuring(Supplier<HttpResult> attempt, Supplier<Boolean> ready) throws Exception {
        ExecutorService pool = pool(1);
        Thread[] caller = new Thread[1];
        CountDownLatch started = new CountDownLatch(1);
        Future<Outcome> f = pool.submit(() -> {
            caller[0] = Thread.currentThread();
            started.countDown();
            HttpResult r = attempt.get();
            return new Outcome(r, Thread.interrupted());
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ready.get() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertTrue(ready.get(), "the attempt did not get under way");
        caller[0].interrupt();
        return f.get(15, TimeUnit.SECONDS);
    }

    private record Outcome(HttpResult result, boolean flagStillSet) {
    }

    private static void assertAborted(Outcome o) {
        HttpResult r = o.result();
        assertEquals(42, r.code(), r.toString());
        assertEquals(CurlError.ABORTED_BY_CALLBACK, r.error());
        assertEquals("Operation was aborted by an application callback", r.errorText());
        assertTrue(o.flagStillSet(), "the interrupt flag is the caller's: it stays set");
        assertTrue(r.elapsed().toMillis() < 15_000, "ended by the interrupt, not by the 20 s deadline: " + r.elapsed());
    }

    @Test
    void interruptedBeforeTheAttemptNothingIsSent() {
        Thread.currentThread().interrupt();

        HttpResult r = engine().execute(slowConnection(), HttpRequest.get("/json"));

        assertEquals(42, r.code(), r.toString());
        assertTrue(Thread.interrupted(), "the flag stays set");
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void interruptedWhileTheBodyArrives() throws Exception {
        HttpEngine engine = engine();

        Outcome o = interruptDuring(() -> engine.execute(slowConnection(), HttpRequest.get("/drip?n=100&ms=100")),
                () -> !server.requests("/drip").isEmpty());

        assertAborted(o);
        assertEquals(200, o.result().status(), "the status had arrived");
    }

    @Test
    void interruptedWhileWaitingForTheServerTheAnswerIsNotUsed() throws Exception {
        // A socket read blocked for the head does not see an interrupt: the answer is looked at
        // when it comes, and it is not the caller's any more.
        HttpEngine engine = engine();

        Outcome o = interruptDuring(() -> engine.execute(slowConnection(), HttpRequest.get("/slow?s=1")),
                () -> !server.requests("/slow").isEmpty());

        assertAborted(o);
    }

    @Test
    void interruptedWhileResolving() throws Exception {
        HostResolver.Lookup hung = host -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
        HttpEngine engine = use(new HttpEngine(TestSettings.settings(), hung, HostResolver.Ttl.ofSeconds(30, 10)));
        ConnectionSettings c = TestSettings.connection("c", server.url("hung.example", "")).timeoutMillis(20_000).build();
        long[] began = {0};

        Outcome o = interruptDuring(() -> {
            began[0] = System.nanoTime();
            return engine.execute(c, HttpRequest.get("/json"));
        }, () -> began[0] != 0);

        assertAborted(o);
    }

    @Test
    void interruptedWhileWaitingForAPooledConnection() throws Exception {
        ConnectionSettings one = TestSettings.connection("one", server.url()).keepConnections(true)
                .timeoutMillis(20_000).build();
        HttpEngine engine = use(new HttpEngine(TestSettings.settings(TestSettings.globals().pool(1, 1).build(), one)));
        Future<HttpResult> holder = pool(1).submit(() -> engine.execute(one, HttpRequest.get("/slow?s=3")));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.requests("/slow").isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }

        Outcome o = interruptDuring(() -> engine.execute(one, HttpRequest.get("/json")),
                () -> PoolStats.total(engine.poolStats()).pending() > 0);

        assertAborted(o);
        assertEquals(200, holder.get(15, TimeUnit.SECONDS).code());
        assertTrue(server.requests("/json").isEmpty());
        assertEquals(0, PoolStats.total(engine.poolStats()).leased());
    }

    @Test
    void anInterruptedCallerIsNotFailedOver() throws Exception {
        try (ReferenceServer backup = ReferenceServer.start();
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                     "api=>" + server.url() + ";timeout=20s;failover=backup,backup=>" + backup.url()))) {

            Outcome o = interruptDuring(() -> http.connection("api").get("/drip?n=100&ms=100"),
                    () -> !server.requests("/drip").isEmpty());

            assertAborted(o);
            assertEquals("api", o.result().servedBy());
            assertTrue(backup.requests().isEmpty(), "nothing was sent to the failover");

            Thread.currentThread().interrupt();
            HttpResult before = http.connection("api").get("/json");
            assertTrue(Thread.interrupted());
            assertEquals(42, before.code(), before.toString());
            assertTrue(backup.requests().isEmpty(), "nothing was sent to the failover");
        }
    }
}
