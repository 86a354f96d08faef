package dev.httpcon.engine;

import dev.httpcon.testing.Via;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.RawServer;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestCerts;
import dev.httpcon.testing.TestSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The timeout is one total deadline per attempt: connect, send, receive. A server that drips a
 * byte a second, hangs in the TLS handshake or never accepts must not hold the caller past it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Via.class, names = {"CLASSIC", "ASYNC"})
class DeadlineTest extends EngineTestBase {

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

    /** How late the caller may get its answer: the cancel runs on a timer thread. */
    private static final long MARGIN_MS = 400;


    private ConnectionSettings oneSecond(java.net.URI url) {
        return TestSettings.connection("t1", url).timeout(Duration.ofSeconds(1)).build();
    }

    private static void assertTimedOutInTime(HttpResult r) {
        assertEquals(28, r.code(), r.toString());
        assertEquals(CurlError.OPERATION_TIMEDOUT, r.error());
        assertEquals("Timeout was reached", r.errorText());
        assertEquals(0, r.bodyLength());
        assertNull(r.effectiveUrl());
        assertTrue(r.elapsed().toMillis() >= 950, "not before the deadline: " + r.elapsed());
        assertTrue(r.elapsed().toMillis() < 1000 + MARGIN_MS, "held past the deadline: " + r.elapsed());
    }

    @Test
    void aSlowServerTimesOut() {
        assertTimedOutInTime(get(oneSecond(server.url()), "/slow?s=3"));
    }

    @Test
    void aDrippingBodyCannotStretchTheDeadline() {
        // 20 bytes, one every 200 ms: each read succeeds, only the total deadline can stop it.
        assertTimedOutInTime(get(oneSecond(server.url()), "/drip?n=20&ms=200"));
    }

    @Test
    void aDrippingTlsBodyCannotStretchTheDeadline() {
        TestCerts.Ca ca = TestCerts.ca("Drip CA");
        try (ReferenceServer tls = ReferenceServer.builder().tls(ca.server("localhost", "127.0.0.1")).start()) {
            ConnectionSettings c = TestSettings.connection("tls", tls.url()).timeout(Duration.ofSeconds(1))
                    .tls(TestSettings.tls(true, true, ca)).build();

            assertTimedOutInTime(get(c, "/drip?n=20&ms=200"));
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        try (RawServer silent = RawServer.start(RawServer.Conn::awaitClientClose)) {
            assertTimedOutInTime(get(oneSecond(silent.url("")), "/x"));
        }
    }

    @Test
    void aTlsHandshakeThatNeverCompletesTimesOut() {
        try (RawServer silent = RawServer.start(RawServer.Conn::awaitClientClose)) {
            ConnectionSettings c = TestSettings.connection("hs", "https://127.0.0.1:" + silent.port())
                    .timeout(Duration.ofSeconds(1)).build();

            assertTimedOutInTime(get(c, "/x"));
        }
    }

    @Test
    void aConnectThatNeverCompletesTimesOut() {
        try (RawServer hole = RawServer.neverAccepting()) {
            hole.fillBacklog();

            assertTimedOutInTime(get(oneSecond(hole.url("")), "/x"));
        }
    }

    @Test
    void aSlowButTimelyAnswerIsFine() {
        HttpResult r = get(oneSecond(server.url()), "/slow?s=0.3");

        assertEquals(200, r.code());
        assertEquals("slow done\n", r.bodyText());
    }

    @Test
    void zeroMeansNoDeadline() {
        ConnectionSettings none = TestSettings.connection("none", server.url()).timeout(Duration.ZERO).build();

        HttpResult r = get(none, "/drip?n=3&ms=100");

        assertEquals(200, r.code());
        assertEquals("ddd", r.bodyText());
    }

    @Test
    void theDeadlineIsPerAttemptNotPerEngine() {
        HttpEngine engine = engine();
        ConnectionSettings c = oneSecond(server.url());

        assertEquals(28, send(engine, c, HttpRequest.get("/slow?s=2")).code());
        assertEquals(200, send(engine, c, HttpRequest.get("/slow?s=0.2")).code());
    }

    @Test
    void manyConcurrentDeadlinesEachHold() throws Exception {
        HttpEngine engine = engine();
        ConnectionSettings c = TestSettings.connection("c", server.url()).timeoutMillis(700).build();
        java.util.List<java.util.concurrent.Future<HttpResult>> results = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = pool(16);
        {
            for (int i = 0; i < 16; i++) {
                String path = i % 2 == 0 ? "/drip?n=30&ms=100" : "/json";
                results.add(pool.submit(() -> send(engine, c, HttpRequest.get(path))));
            }
            for (int i = 0; i < results.size(); i++) {
                HttpResult r = results.get(i).get();
                assertEquals(i % 2 == 0 ? 28 : 200, r.code(), r.toString());
                assertTrue(r.elapsed().toMillis() < 700 + MARGIN_MS, r.elapsed().toString());
            }
        }
    }
}
