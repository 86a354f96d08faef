package dev.httpcon.engine;

import dev.httpcon.testing.Via;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.PoolStats;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestSettings;
import dev.httpcon.testing.Timing;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * keep_connections with a tiny pool and slow answers: a request that finds every pooled
 * connection in use waits until its deadline and then gets code 89 (libcurl's
 * CURLE_NO_CONNECTION_AVAILABLE) with a message naming the limit, not 28.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Via.class, names = {"CLASSIC", "ASYNC"})
class PoolWaitTest extends EngineTestBase {

    /** The classic and the asynchronous attempt, with the same expectations. */
    @Parameter
    Via via;

    @Override
    protected Via via() {
        return via;
    }

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();

    /**
     * With a pool of the given bounds, occupies its connection to 127.0.0.1 with a 3 s answer, then
     * sends {@code /json} to {@code host} (the same server) with {@code timeoutMillis}; checks that
     * the holder got its answer and nothing stays leased or pending.
     */
    private HttpResult waitBehindABusyConnection(int perHost, int total, String host, long timeoutMillis)
            throws Exception {
        HttpEngine engine = engine(TestSettings.globals().pool(perHost, total).build());
        ConnectionSettings holder = TestSettings.connection("holder", server.url()).keepConnections(true)
                .timeoutMillis(20_000).build();
        Future<HttpResult> held = pool(1).submit(() -> send(engine, holder, HttpRequest.get("/slow?s=3")));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.requests("/slow").isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(1, server.requests("/slow").size(), "the holder's request reached the server");
        ConnectionSettings waiter = TestSettings.connection("waiter", server.url(host, "")).keepConnections(true)
                .timeoutMillis(timeoutMillis).build();

        HttpResult r = send(engine, waiter, HttpRequest.get("/json"));

        assertEquals(200, held.get(15, TimeUnit.SECONDS).code());
        assertEquals(0, PoolStats.total(engine.poolStats()).leased());
        assertEquals(0, PoolStats.total(engine.poolStats()).pending());
        return r;
    }

    private static void assertNoConnectionAtTheDeadline(HttpResult r) {
        assertEquals(89, r.code(), r.toString());
        assertEquals(CurlError.NO_CONNECTION_AVAILABLE, r.error());
        Timing.assertNotBefore(r.elapsed(), Duration.ofMillis(1000), r);
        Timing.assertEndedByDeadline(r.elapsed(), Duration.ofMillis(1000), r);
    }

    @Test
    void everyConnectionToTheHostInUseIsCode89AtTheDeadlineNamingThePerHostLimit() throws Exception {
        HttpResult r = waitBehindABusyConnection(1, 64, "127.0.0.1", 1000);

        assertNoConnectionAtTheDeadline(r);
        assertEquals("No connection available in 1000 milliseconds: all 1 connections to 127.0.0.1:" + server.port()
                + " are in use (httpclient.max_connections_per_host=1)", r.message());
        assertTrue(server.requests("/json").isEmpty());
    }

    @Test
    void everyConnectionOfThePoolInUseIsCode89NamingTheTotalLimit() throws Exception {
        // another host name for the same server: another route, so only the total bound is full
        HttpResult r = waitBehindABusyConnection(64, 1, "localhost", 1000);

        assertNoConnectionAtTheDeadline(r);
        assertEquals("No connection available in 1000 milliseconds: all 1 connections of the pool are in use "
                + "(httpclient.max_connections=1)", r.message());
    }

    @Test
    void theKeysTheMessagesNameAreTheKeysThatSetTheBounds() {
        dev.httpcon.config.GlobalSettings g = dev.httpcon.config.SettingsLoader.load(new dev.httpcon.config.MapConfigView(
                java.util.Map.of("httpclient.max_connections_per_host", "3", "httpclient.max_connections", "7"))).globals();

        assertEquals(3, g.maxConnectionsPerHost());
        assertEquals(7, g.maxConnectionsTotal());
    }

    @Test
    void aConnectionFreedInTimeIsUsed() throws Exception {
        assertEquals(200, waitBehindABusyConnection(1, 1, "127.0.0.1", 10_000).code());
    }
}
