package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.PoolStats;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.Fault;
import dev.httpcon.testing.Peer;
import dev.httpcon.testing.RawServer;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestSettings;
import dev.httpcon.testing.Timing;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.httpcon.testing.Via;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault a broken or hostile server can throw at a SIP worker thread, with connections kept
 * and not kept: the right curl code, the calling thread back within the connection's deadline
 * (and {@link Timing#SLACK}; the stalling faults would hold it for good),
 * and afterwards no connection leased or waited for (asserted on the pool statistics), in a pool
 * of one connection that must then still serve a good request.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Via.class, names = {"CLASSIC", "ASYNC"})
class FaultInjectionTest extends EngineTestBase {

    /** The classic and the asynchronous attempt, over HTTP/1.1: these faults are HTTP/1.1 bytes (HTTP/2's are in {@link H2FaultTest}). */
    @Parameter
    Via via;

    @RegisterExtension
    static final ReferenceServerExtension GOOD = new ReferenceServerExtension();
    private final ReferenceServer good = GOOD.server();

    /** The deadline of a fault that only the deadline can end (code 28). */
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    /** A fault, the limit on the body (0 = none), and what the caller must get. */
    record Case(Fault fault, long maxDataSize, int code, int status) {
        /**
         * One second where the deadline must end the call; where the fault ends it (a refused
         * connect, a cut body...), a deadline that a busy machine cannot reach, so that only the
         * fault decides the code.
         */
        Duration deadline() {
            return code == 28 ? DEADLINE : Timing.IN_TIME;
        }

        @Override
        public String toString() {
            return fault + (maxDataSize > 0 ? " (maxdatasize " + maxDataSize + ")" : "") + " -> " + code;
        }
    }

    static List<Case> faults() {
        return List.of(
                new Case(Fault.REFUSE, 0, 7, 0),
                new Case(Fault.NEVER_ANSWER, 0, 28, 0),
                new Case(Fault.ACCEPT_AND_IGNORE, 0, 28, 0),
                new Case(Fault.CLOSE_WITHOUT_RESPONSE, 0, 52, 0),
                new Case(Fault.RESET_BEFORE_RESPONSE, 0, 56, 0),
                new Case(Fault.STALL_IN_HEADERS, 0, 28, 0),
                new Case(Fault.HEADERS_THEN_STALL, 0, 28, 200),
                new Case(Fault.TRUNCATED_LENGTH, 0, 18, 200),
                new Case(Fault.TRUNCATED_CHUNKED, 0, 18, 200),
                new Case(Fault.RESET_MID_BODY, 0, 56, 200),
                new Case(Fault.MALFORMED_STATUS_LINE, 0, 1, 0),
                new Case(Fault.MALFORMED_HEADER, 0, 8, 0),
                new Case(Fault.HUGE_HEADER, 0, 8, 0),
                new Case(Fault.ENDLESS_BODY, 64 * 1024, 63, 200),
                new Case(Fault.ENDLESS_BODY, 0, 28, 200),
                new Case(Fault.DRIP_ONE_BYTE_A_SECOND, 0, 28, 200),
                new Case(Fault.DRIP_HEADERS, 0, 28, 0),
                new Case(Fault.DRIP_REDIRECT_BODY, 0, 28, 302),
                new Case(Fault.DRIP_CHALLENGE_BODY, 0, 28, 0),   // HttpClient reads a challenge's body itself
                new Case(Fault.REDIRECT_LOOP, 0, 47, 302),
                new Case(Fault.CONTINUE_THEN_ANSWER, 0, 200, 200),
                new Case(Fault.CONTINUE_THEN_CLOSE, 0, 52, 0),
                new Case(Fault.CONTINUE_THEN_STALL, 0, 28, 0),
                new Case(Fault.ENDLESS_CONTINUE, 0, 28, 0),
                new Case(Fault.CONTINUE_WITH_BODY, 0, 1, 0));
    }

    static Stream<Arguments> faultsKeptAndNot() {
        return faults().stream().flatMap(c -> Stream.of(Arguments.of(c, true), Arguments.of(c, false)));
    }

    @ParameterizedTest(name = "{0}, keep_connections={1}")
    @MethodSource("faultsKeptAndNot")
    void aFaultGivesItsCodeInTimeAndLeavesNothingLeased(Case c, boolean keep) {
        Peer server = use(c.fault().start());
        // With credentials, so that a challenge is answered (HttpClient then reads the 401's body first).
        ConnectionSettings faulty = TestSettings.connection("faulty", server.url("")).keepConnections(keep)
                .timeout(c.deadline()).maxDataSize(c.maxDataSize()).maxRedirects(5)
                .credentials("user", "password").build();
        ConnectionSettings healthy = TestSettings.connection("healthy", good.url()).keepConnections(keep)
                .timeout(Timing.IN_TIME).build();
        // One pooled connection in all: a single lease left behind would starve the next request.
        HttpEngine engine = use(new HttpEngine(TestSettings.settings(TestSettings.globals().pool(1, 1).build(),
                faulty, healthy)));
        HttpRequest request = c.fault().name().startsWith("CONTINUE")
                ? HttpRequest.post("/x", "text/plain", "a body the server never asked to continue")
                : HttpRequest.get("/x");

        Timing.Timed<HttpResult> t = Timing.time(() -> via.send(engine, faulty, request));
        HttpResult r = t.value();

        assertEquals(c.code(), r.code(), r.toString());
        assertEquals(c.status(), r.status(), r.toString());
        Timing.assertEndedByDeadline(t.elapsed(), c.deadline(), r);
        assertNothingLeased(engine);

        HttpResult after = via.send(engine, healthy, HttpRequest.get("/json"));
        assertEquals(200, after.code(), "the pool still serves: " + after);
        assertNothingLeased(engine);
    }

    @Test
    void anUploadTheServerNeverReadsEndsAtTheDeadline() {
        // The socket's timeout does not apply to writes: only the deadline's cancel ends a write
        // blocked on full buffers (64 MiB is more than both ends' buffers can take: at most 4 + 32 MiB here).
        Peer server = use(Fault.NEVER_ANSWER.start());
        ConnectionSettings c = TestSettings.connection("upload", server.url("")).timeout(DEADLINE).build();
        HttpEngine engine = use(new HttpEngine(TestSettings.settings(TestSettings.globals().pool(1, 1).build(), c)));
        HttpRequest upload = HttpRequest.builder("POST", "/upload")
                .body("application/octet-stream", new byte[64 * 1024 * 1024]).build();

        Timing.Timed<HttpResult> t = Timing.time(() -> via.send(engine, c, upload));

        assertEquals(28, t.value().code(), t.value().toString());
        Timing.assertEndedByDeadline(t.elapsed(), DEADLINE, t.value());
        assertNothingLeased(engine);
    }

    @Test
    void aProxyThatNeverAnswersEndsAtTheDeadlinePlainOrTunnelled() {
        RawServer proxy = (RawServer) use(Fault.NEVER_ANSWER.start());
        ConnectionSettings http = TestSettings.connection("plain", good.url("localhost", "")).keepConnections(true)
                .proxy("127.0.0.1", proxy.port()).timeout(DEADLINE).build();
        ConnectionSettings https = TestSettings.connection("tunnel", "https://127.0.0.1:" + good.port())
                .keepConnections(true).proxy("127.0.0.1", proxy.port()).timeout(DEADLINE).build();
        HttpEngine engine = use(new HttpEngine(TestSettings.settings(TestSettings.globals().pool(1, 1).build())));

        for (ConnectionSettings s : List.of(http, https)) {
            Timing.Timed<HttpResult> t = Timing.time(() -> via.send(engine, s, HttpRequest.get("/json")));

            assertEquals(28, t.value().code(), t.value().toString());
            Timing.assertEndedByDeadline(t.elapsed(), DEADLINE, t.value());
            assertNothingLeased(engine);
        }
        assertTrue(proxy.heads().get(1).startsWith("CONNECT 127.0.0.1:" + good.port()), proxy.heads().toString());
    }

    @Test
    void nothingIsLeasedTheMomentATimedOutCallReturns() {
        // The deadline's cancel runs on the timer thread and hands the connection back to the
        // pool; the caller must not get its result before that is done.
        Peer server = use(Fault.NEVER_ANSWER.start());
        ConnectionSettings faulty = TestSettings.connection("faulty", server.url("")).keepConnections(true)
                .timeoutMillis(15).build();
        HttpEngine engine = use(new HttpEngine(TestSettings.settings(TestSettings.globals().pool(1, 1).build(),
                faulty)));
        for (int i = 0; i < 200; i++) {
            HttpResult r = via.send(engine, faulty, HttpRequest.get("/x"));
            assertEquals(28, r.code(), r.toString());
            assertNothingLeased(engine);
        }
    }

    private static void assertNothingLeased(HttpEngine engine) {
        PoolStats all = PoolStats.total(engine.poolStats());
        assertEquals(0, all.leased(), engine.poolStats().toString());
        assertEquals(0, all.pending(), engine.poolStats().toString());
    }
}
