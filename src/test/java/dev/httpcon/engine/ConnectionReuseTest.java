package dev.httpcon.engine;

import dev.httpcon.testing.Via;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.PoolStats;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestCerts;
import dev.httpcon.testing.TestSettings;
import dev.httpcon.testing.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** keep_connections, proven from the server's side by its connection ids. */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Via.class, names = {"CLASSIC", "ASYNC"})
class ConnectionReuseTest extends EngineTestBase {

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

    private ConnectionSettings conn(boolean keep) {
        return TestSettings.connection(keep ? "kept" : "fresh", server.url()).keepConnections(keep).build();
    }

    private static List<Integer> connectionIds(List<RecordedRequest> requests) {
        return requests.stream().map(RecordedRequest::connection).toList();
    }

    @Test
    void keptConnectionsAreReused() {
        HttpEngine engine = engine();
        ConnectionSettings kept = conn(true);

        for (int i = 0; i < 3; i++) {
            assertEquals(200, send(engine, kept, HttpRequest.get("/json")).code());
        }

        List<RecordedRequest> seen = server.requests();
        assertEquals(1, Set.copyOf(connectionIds(seen)).size(), seen.toString());
        assertEquals(List.of(1, 2, 3), seen.stream().map(RecordedRequest::requestOnConnection).toList());
        assertTrue(!server.isClosed(seen.get(0).connection()));
    }

    @Test
    void withoutKeepEveryRequestGetsAFreshConnectionClosedAfterwards() {
        HttpEngine engine = engine();
        ConnectionSettings fresh = conn(false);

        for (int i = 0; i < 3; i++) {
            assertEquals(200, send(engine, fresh, HttpRequest.get("/json")).code());
        }

        List<Integer> ids = connectionIds(server.requests());
        assertEquals(3, Set.copyOf(ids).size(), ids.toString());
        for (int id : ids) {
            assertTrue(server.awaitClosed(id, Timing.IN_TIME), "connection " + id + " closed");
        }
    }

    @Test
    void withoutKeepNoConnectionServesTwoAttemptsAndNoneIsLeftOpen() throws Exception {
        HttpEngine engine = engine();
        ConnectionSettings fresh = conn(false);
        ExecutorService threads = pool(8);
        List<Future<HttpResult>> results = new ArrayList<>();
        for (int round = 0; round < 3; round++) {   // clients that served earlier attempts serve later ones
            for (int i = 0; i < 40; i++) {
                String path = i % 8 == 0 ? "/redir302a" : "/echo?i=" + i;
                results.add(threads.submit(() -> send(engine, fresh, HttpRequest.get(path))));
            }
            for (Future<HttpResult> f : results) {
                assertEquals(200, f.get().code(), f.get().toString());
            }
            results.clear();
        }

        List<RecordedRequest> seen = server.requests();
        // a redirect's hops share their attempt's connection (curl's easy handle); nothing else does
        java.util.Map<Integer, List<String>> byConnection = new java.util.TreeMap<>();
        for (RecordedRequest r : seen) {
            byConnection.computeIfAbsent(r.connection(), k -> new ArrayList<>()).add(r.target());
        }
        assertEquals(120, byConnection.size(), byConnection.toString());
        for (List<String> targets : byConnection.values()) {
            assertTrue(targets.size() == 1 || targets.equals(List.of("/redir302a", "/redir302b", "/json")),
                    "one attempt per connection: " + targets);
        }
        for (int id : byConnection.keySet()) {
            assertTrue(server.awaitClosed(id, Timing.IN_TIME), "connection " + id + " closed");
        }
        PoolStats all = PoolStats.total(engine.poolStats());
        assertEquals(0, all.leased(), engine.poolStats().toString());
        assertEquals(0, all.available(), engine.poolStats().toString());
    }

    @Test
    void keptTlsConnectionsAreReused() {
        TestCerts.Ca ca = TestCerts.ca("Reuse CA");
        try (ReferenceServer tls = ReferenceServer.builder().tls(ca.server("localhost", "127.0.0.1")).start()) {
            HttpEngine engine = engine();
            ConnectionSettings kept = TestSettings.connection("tls", tls.url()).keepConnections(true)
                    .tls(TestSettings.tls(true, true, ca)).build();

            for (int i = 0; i < 3; i++) {
                assertEquals(200, send(engine, kept, HttpRequest.get("/json")).code());
            }

            assertEquals(1, Set.copyOf(connectionIds(tls.requests())).size());
            assertEquals(1, tls.acceptedConnections());
        }
    }

    @Test
    void aStalePooledConnectionIsResentOnceOnAFreshOne() {
        HttpEngine engine = engine();
        ConnectionSettings kept = conn(true);
        send(engine, kept, HttpRequest.get("/json"));

        HttpResult r = send(engine, kept, HttpRequest.post("/close-once?key=stale-" + via.name(), "text/plain", "again"));

        assertEquals(200, r.code(), r.toString());
        List<RecordedRequest> tries = server.requests("/close-once");
        assertEquals(2, tries.size());
        assertEquals(server.requests().get(0).connection(), tries.get(0).connection(), "first try on the pooled one");
        assertNotEquals(tries.get(0).connection(), tries.get(1).connection(), "second try on a fresh one");
        assertEquals(1, tries.get(1).requestOnConnection());
        assertEquals("again", tries.get(1).bodyText());
    }

    @Test
    void theOneOffClientOfAStaleResendIsClosedWhenTheResendFails() throws Exception {
        // The name resolves twice, then no more (its record removed between the first try and the
        // re-send); with a TTL of 0 every request looks it up again.
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        HostResolver.Lookup vanishing = host -> {
            if (lookups.incrementAndGet() > 2) {
                throw new java.net.UnknownHostException(host);
            }
            return new java.net.InetAddress[] {java.net.InetAddress.getLoopbackAddress()};
        };
        HttpEngine engine = use(new HttpEngine(TestSettings.settings(), vanishing, HostResolver.Ttl.ofSeconds(0, 0)));
        ConnectionSettings kept = TestSettings.connection("kept", server.url("api.example", "")).keepConnections(true)
                .build();
        assertEquals(200, send(engine, kept, HttpRequest.get("/json")).code());

        HttpResult r = send(engine, kept, HttpRequest.get("/close-once?key=vanish-" + via.name()));

        assertEquals(6, r.code(), r.toString());
        assertEquals(3, lookups.get(), "the re-send looked the name up");
        PoolStats all = PoolStats.total(engine.poolStats());
        assertEquals(0, all.leased(), "nothing is left leased after the attempt: " + engine.poolStats());
    }

    @Test
    void theStaleResendHappensOnlyOnce() {
        HttpEngine engine = engine();
        ConnectionSettings kept = conn(true);
        send(engine, kept, HttpRequest.get("/json"));

        HttpResult r = send(engine, kept, HttpRequest.get("/close"));

        assertEquals(52, r.code());
        assertEquals("Server returned nothing (no headers, no data)", r.errorText());
        assertEquals(2, server.requests("/close").size());
    }

    @Test
    void aFreshConnectionIsNeverResent() {
        HttpEngine engine = engine();

        assertEquals(52, send(engine, conn(true), HttpRequest.get("/close")).code());
        assertEquals(52, send(engine, conn(false), HttpRequest.get("/close")).code());

        assertEquals(2, server.requests("/close").size());
    }

    @Test
    void manyThreadsShareTheBoundedPool() throws Exception {
        HttpConSettings settings = TestSettings.settings(TestSettings.globals().pool(3, 10).build(), conn(true));
        HttpEngine engine = use(new HttpEngine(settings));
        ConnectionSettings kept = settings.connection("kept");
        ExecutorService pool = pool(12);
        List<Future<HttpResult>> results = new ArrayList<>();

        for (int i = 0; i < 120; i++) {
            String path = i % 10 == 0 ? "/slow?s=0.05" : "/echo?i=" + i;
            results.add(pool.submit(() -> send(engine, kept, HttpRequest.get(path))));
        }
        for (Future<HttpResult> f : results) {
            assertEquals(200, f.get().code(), f.get().toString());
        }

        Set<Integer> ids = Set.copyOf(connectionIds(server.requests()));
        assertEquals(120, server.requests().size());
        assertTrue(ids.size() <= 3, "at most 3 connections to one host: " + ids);
    }

    @Test
    void everyWayOfEndingGivesThePooledConnectionBack() {
        // One connection in the whole pool, shared by both connections (same transport profile): a
        // single leaked lease would make the next request wait, and shows in the pool statistics.
        ConnectionSettings one = TestSettings.connection("one", server.url()).keepConnections(true).maxDataSize(1000)
                .maxRedirects(2).timeout(Timing.IN_TIME).build();
        ConnectionSettings impatient = TestSettings.connection("impatient", server.url()).keepConnections(true)
                .timeoutMillis(500).build();
        HttpEngine engine = use(new HttpEngine(TestSettings.settings(TestSettings.globals().pool(1, 1).build(), one,
                impatient)));

        assertEndsLeavingNothingLeased(engine, impatient, "/slow?s=" + Timing.STALL.toSeconds(), 28);
        assertEndsLeavingNothingLeased(engine, one, "/large?n=5000", 63);
        assertEndsLeavingNothingLeased(engine, one, "/chain?max=5", 47);
        assertEndsLeavingNothingLeased(engine, one, "/close", 52);
        assertEndsLeavingNothingLeased(engine, one, "/redirect-to?url=ftp://x/", 1);
        assertEndsLeavingNothingLeased(engine, one, "/basic", 401);
        assertEndsLeavingNothingLeased(engine, one, "/drip?n=5&ms=1&cut=2", 18);
        assertEndsLeavingNothingLeased(engine, one, "/json", 200);
    }

    private void assertEndsLeavingNothingLeased(HttpEngine engine, ConnectionSettings c, String path, int code) {
        HttpResult r = send(engine, c, HttpRequest.get(path));
        assertEquals(code, r.code(), path + ": " + r);
        PoolStats all = PoolStats.total(engine.poolStats());
        assertEquals(0, all.leased(), path + ": " + engine.poolStats());
        assertEquals(0, all.pending(), path + ": " + engine.poolStats());
    }

    @Test
    void tenThousandDefinitionsWithOneProfileShareOneClient() {
        List<ConnectionSettings> defs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            defs.add(TestSettings.connection("c" + i, server.url(List.of("/base", "/ini", "/pfx").get(i % 3))).keepConnections(true)
                    .timeout(Timing.IN_TIME.plusMillis(i)).build());
        }
        HttpEngine engine = use(new HttpEngine(TestSettings.settings(defs.toArray(new ConnectionSettings[0]))));

        // one for the kept profile, one for the globals (http_client_query)
        assertEquals(2, engine.clientCount());
        for (int i = 0; i < 10_000; i += 1000) {
            assertEquals(200, send(engine, defs.get(i), HttpRequest.get("/json")).code());
        }
        assertEquals(1, server.requests().stream().map(RecordedRequest::connection).collect(Collectors.toSet()).size());
    }
}
