package dev.httpcon.engine;

import dev.httpcon.testing.Via;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.RawServer;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestCerts;
import dev.httpcon.testing.TestSettings;
import dev.httpcon.testing.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The timeout is one total deadline per attempt: connect, send, receive. A server that drips a
 * byte a second, hangs in the TLS handshake or never accepts must not hold the caller past it.
 * The servers would hold the caller for {@link Timing#STALL}; the caller must be back within the
 * deadline and {@link Timing#SLACK}, and not before the deadline.
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

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    /** 30 s of drip, a byte every 200 ms: each read succeeds, only the total deadline can stop it. */
    private static final String DRIP = "/drip?n=150&ms=200";

    private ConnectionSettings oneSecond(java.net.URI url) {
        return TestSettings.connection("t1", url).timeout(ONE_SECOND).build();
    }

    /** One GET, timed from the outside, that must end with code 28 at its one-second deadline. */
    private void assertTimesOutInTime(ConnectionSettings c, String path) {
        HttpEngine engine = engine();
        Timing.Timed<HttpResult> t = Timing.time(() -> send(engine, c, HttpRequest.get(path)));
        HttpResult r = t.value();
        assertEquals(28, r.code(), r.toString());
        assertEquals(CurlError.OPERATION_TIMEDOUT, r.error());
        assertEquals("Timeout was reached", r.errorText());
        assertEquals(0, r.bodyLength());
        assertNull(r.effectiveUrl());
        Timing.assertNotBefore(t.elapsed(), c.timeout(), r);
        Timing.assertEndedByDeadline(t.elapsed(), c.timeout(), r);
    }

    @Test
    void aSlowServerTimesOut() {
        assertTimesOutInTime(oneSecond(server.url()), "/slow?s=" + Timing.STALL.toSeconds());
    }

    @Test
    void aDrippingBodyCannotStretchTheDeadline() {
        assertTimesOutInTime(oneSecond(server.url()), DRIP);
    }

    @Test
    void aDrippingTlsBodyCannotStretchTheDeadline() {
        TestCerts.Ca ca = TestCerts.ca("Drip CA");
        try (ReferenceServer tls = ReferenceServer.builder().tls(ca.server("localhost", "127.0.0.1")).start()) {
            ConnectionSettings c = TestSettings.connection("tls", tls.url()).timeout(ONE_SECOND)
                    .tls(TestSettings.tls(true, true, ca)).build();

            assertTimesOutInTime(c, DRIP);
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        try (RawServer silent = RawServer.start(RawServer.Conn::awaitClientClose)) {
            assertTimesOutInTime(oneSecond(silent.url("")), "/x");
        }
    }

    @Test
    void aTlsHandshakeThatNeverCompletesTimesOut() {
        try (RawServer silent = RawServer.start(RawServer.Conn::awaitClientClose)) {
            ConnectionSettings c = TestSettings.connection("hs", "https://127.0.0.1:" + silent.port())
                    .timeout(ONE_SECOND).build();

            assertTimesOutInTime(c, "/x");
        }
    }

    @Test
    void aConnectThatNeverCompletesTimesOut() {
        try (RawServer hole = RawServer.neverAccepting()) {
            hole.fillBacklog();

            assertTimesOutInTime(oneSecond(hole.url("")), "/x");
        }
    }

    @Test
    void aSlowButTimelyAnswerIsFine() {
        // 300 ms of server time under a deadline that leaves the busy machine its slack on top.
        ConnectionSettings c = TestSettings.connection("t", server.url())
                .timeout(Duration.ofMillis(300).plus(Timing.SLACK)).build();

        HttpResult r = get(c, "/slow?s=0.3");

        assertEquals(200, r.code(), r.toString());
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
        // Long enough for the second, 200 ms attempt on a busy machine; a deadline counted from the
        // engine's start (or the first attempt's) would have passed long before it.
        ConnectionSettings c = TestSettings.connection("c", server.url())
                .timeout(Duration.ofMillis(200).plus(Timing.SLACK)).build();

        assertEquals(28, send(engine, c, HttpRequest.get("/slow?s=" + Timing.STALL.toSeconds())).code());
        assertEquals(200, send(engine, c, HttpRequest.get("/slow?s=0.2")).code());
    }

    @Test
    void manyConcurrentDeadlinesEachHold() throws Exception {
        HttpEngine engine = engine();
        Duration deadline = Duration.ofMillis(700);
        ConnectionSettings dripping = TestSettings.connection("c", server.url()).timeout(deadline).build();
        ConnectionSettings answered = TestSettings.connection("a", server.url()).timeout(Timing.IN_TIME).build();
        List<Future<Timing.Timed<HttpResult>>> results = new ArrayList<>();
        ExecutorService pool = pool(16);
        for (int i = 0; i < 16; i++) {
            ConnectionSettings c = i % 2 == 0 ? dripping : answered;
            String path = i % 2 == 0 ? "/drip?n=300&ms=100" : "/json";
            results.add(pool.submit(() -> Timing.time(() -> send(engine, c, HttpRequest.get(path)))));
        }
        for (int i = 0; i < results.size(); i++) {
            Timing.Timed<HttpResult> t = results.get(i).get();
            assertEquals(i % 2 == 0 ? 28 : 200, t.value().code(), t.value().toString());
            if (i % 2 == 0) {
                Timing.assertEndedByDeadline(t.elapsed(), deadline, t.value());
            }
        }
    }
}
