package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.PoolStats;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.H2Fault;
import dev.httpcon.testing.RawServer;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.Timing;
import dev.httpcon.testing.Via;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The faults of {@link FaultInjectionTest} that make sense over HTTP/2, and those only HTTP/2 has,
 * against an h2c server that misbehaves frame by frame ({@link H2Fault}) or Jetty's HTTP/2 (for
 * bodies that must respect flow control): the right curl code (HTTP/2's own failures are curl's
 * 92, a stream reset, and 16, the connection's framing layer; see docs/engine.md), in time, and
 * nothing left leased, with connections kept and not kept.
 *
 * <p>Not here, because HTTP/2 has no such thing: a malformed status line or header line, a huge
 * header line, chunked framing, and the 100-continue faults of HTTP/1.1. A header block that does
 * not decode ({@link H2Fault#BAD_HEADER_BLOCK}) stands for the malformed head.
 */
class H2FaultTest extends EngineTestBase {

    private static final long DEADLINE_MS = 1000;

    private static ReferenceServer good;

    @BeforeAll
    static void start() {
        good = Via.H2C.startServer();
        good.route("/endless", ex -> {
            byte[] block = new byte[16 * 1024];
            java.util.Arrays.fill(block, (byte) 'x');
            ex.begin(200, "application/octet-stream");
            while (true) {
                ex.write(block);
            }
        });
    }

    @AfterAll
    static void stop() {
        good.close();
    }

    /** A fault, and what the caller must get (status 0: none). */
    record Case(H2Fault fault, int code, int status) {
        @Override
        public String toString() {
            return fault + " -> " + code;
        }
    }

    static List<Case> faults() {
        return List.of(
                new Case(H2Fault.NEVER_ANSWER, 28, 0),
                new Case(H2Fault.NO_SETTINGS, 28, 0),
                new Case(H2Fault.RESET_STREAM_BEFORE_RESPONSE, 92, 0),
                new Case(H2Fault.REFUSED_STREAM, 92, 0),         // sent once more on a fresh connection first
                new Case(H2Fault.GOAWAY_BEFORE_RESPONSE, 52, 0), // likewise: a graceful GOAWAY left it unprocessed
                new Case(H2Fault.CLOSE_WITHOUT_RESPONSE, 52, 0),
                new Case(H2Fault.TCP_RESET_BEFORE_RESPONSE, 56, 0),
                new Case(H2Fault.HEADERS_THEN_STALL, 28, 200),
                new Case(H2Fault.TRUNCATED_BODY, 18, 200),
                new Case(H2Fault.BODY_SHORTER_THAN_LENGTH, 18, 200),
                new Case(H2Fault.RESET_STREAM_MID_BODY, 92, 200),
                new Case(H2Fault.GOAWAY_MID_BODY, 16, 200),
                new Case(H2Fault.BAD_HEADER_BLOCK, 16, 0),
                new Case(H2Fault.MALFORMED_STATUS, 8, 0),
                new Case(H2Fault.DRIP_ONE_BYTE_A_SECOND, 28, 200),
                new Case(H2Fault.REDIRECT_LOOP, 47, 302));
    }

    static Stream<Arguments> faultsKeptAndNot() {
        return faults().stream().flatMap(c -> Stream.of(Arguments.of(c, true), Arguments.of(c, false)));
    }

    @ParameterizedTest(name = "{0}, keep_connections={1}")
    @MethodSource("faultsKeptAndNot")
    void aFaultGivesItsCodeInTimeAndLeavesNothingLeased(Case c, boolean keep) {
        RawServer server = use(c.fault().start());
        ConnectionSettings faulty = Via.H2C.connection("faulty", server.url("")).keepConnections(keep)
                .timeoutMillis(DEADLINE_MS).maxRedirects(5).build();
        HttpEngine engine = engine(keep);

        long start = System.nanoTime();
        HttpResult r = Via.H2C.send(engine, faulty, HttpRequest.get("/x"));
        long heldMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(c.code(), r.code(), r.toString());
        assertEquals(c.status(), r.status(), r.toString());
        Timing.assertEndedByDeadline(Duration.ofMillis(heldMs), Duration.ofMillis(DEADLINE_MS), r);
        assertNothingLeased(engine);
        assertTheEngineStillServes(engine, keep);
    }

    static Stream<Arguments> limits() {
        return Stream.of(Arguments.of(64 * 1024L, 63), Arguments.of(0L, 28));
    }

    /** An endless body over HTTP/2 (Jetty, with flow control): 63 at the limit, 28 without one. */
    @ParameterizedTest(name = "maxdatasize={0} -> {1}")
    @MethodSource("limits")
    void anEndlessBodyStopsAtTheLimitOrTheDeadline(long limit, int code) {
        HttpEngine engine = engine(true);
        ConnectionSettings c = Via.H2C.connection("endless", good.url("")).keepConnections(true)
                .timeoutMillis(DEADLINE_MS).maxDataSize(limit).build();

        long start = System.nanoTime();
        HttpResult r = Via.H2C.send(engine, c, HttpRequest.get("/endless"));
        long heldMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(code, r.code(), r.toString());
        assertEquals(200, r.status(), r.toString());
        assertEquals(HttpResult.HTTP_2, r.protocol());
        Timing.assertEndedByDeadline(Duration.ofMillis(heldMs), Duration.ofMillis(DEADLINE_MS), r);
        assertNothingLeased(engine);
        assertTheEngineStillServes(engine, true);
    }

    /** One pooled connection in all: a single lease left behind would starve the next request. */
    private HttpEngine engine(boolean keep) {
        return use(new HttpEngine(dev.httpcon.testing.TestSettings.settings(
                Via.H2C.globals().keepConnections(keep).pool(1, 1).build())));
    }

    private void assertTheEngineStillServes(HttpEngine engine, boolean keep) {
        ConnectionSettings healthy = Via.H2C.connection("healthy", good.url("")).keepConnections(keep)
                .timeoutMillis(DEADLINE_MS).build();
        HttpResult after = Via.H2C.send(engine, healthy, HttpRequest.get("/json"));
        assertEquals(200, after.code(), "the pool still serves: " + after);
        assertEquals(HttpResult.HTTP_2, after.protocol());
        assertNothingLeased(engine);
    }

    private static void assertNothingLeased(HttpEngine engine) {
        PoolStats all = PoolStats.total(engine.poolStats());
        assertEquals(0, all.leased(), engine.poolStats().toString());
        assertEquals(0, all.pending(), engine.poolStats().toString());
    }
}
