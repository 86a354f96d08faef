package dev.httpcon.engine;

import dev.httpcon.testing.Via;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.RawServer;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestSettings;
import dev.httpcon.testing.Timing;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** maxdatasize: read at most that much, keep the prefix, code 63, drop the connection. */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Via.class, names = {"CLASSIC", "ASYNC"})
class MaxDataSizeTest extends EngineTestBase {

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

    private final HttpEngine engine = engine();

    private ConnectionSettings small(long max, boolean keep) {
        return TestSettings.connection("small", server.url()).maxDataSize(max).keepConnections(keep).build();
    }

    @ParameterizedTest(name = "chunked={0}")
    @ValueSource(strings = {"0", "1"})
    void aLongerBodyIsCode63WithThePrefixAndTheStatus(String chunked) {
        HttpResult r = send(engine, small(100, false), HttpRequest.get("/large?n=10240&chunked=" + chunked));

        assertEquals(63, r.code());
        assertEquals(CurlError.FILESIZE_EXCEEDED, r.error());
        assertEquals("Maximum file size exceeded", r.errorText());
        assertEquals(200, r.status());
        assertEquals("x".repeat(100), r.bodyText());
        assertEquals("text/plain", r.contentType());
    }

    @Test
    void linesAreCutAtTheLimitToo() {
        HttpResult r = send(engine, small(100, false), HttpRequest.get("/largelines?n=1000"));

        assertEquals(63, r.code());
        assertEquals("y".repeat(63) + "\n" + "y".repeat(36), r.bodyText());
    }

    @Test
    void aBodyOfExactlyTheLimitIsComplete() {
        HttpResult r = send(engine, small(100, false), HttpRequest.get("/large?n=100&chunked=1"));

        assertEquals(200, r.code());
        assertEquals(100, r.bodyLength());
    }

    @Test
    void withMaxDataSizeZeroAHugeBodyIsReadWhole() {
        ConnectionSettings unlimited = TestSettings.connection("big", server.url()).timeout(Timing.IN_TIME).maxDataSize(0)
                .build();

        HttpResult r = send(engine, unlimited, HttpRequest.get("/large?n=20000000&chunked=1"));

        assertEquals(200, r.code());
        assertEquals(20_000_000, r.bodyLength());
    }

    @Test
    void theDefaultLimitIs16MiB() {
        ConnectionSettings byDefault = TestSettings.connection("default", server.url()).timeout(Timing.IN_TIME).build();

        HttpResult exact = send(engine, byDefault, HttpRequest.get("/large?n=16777216&chunked=1"));
        HttpResult over = send(engine, byDefault, HttpRequest.get("/large?n=16777217"));

        assertEquals(200, exact.code());
        assertEquals(16 * 1024 * 1024, exact.bodyLength());
        assertEquals(63, over.code());
        assertEquals(200, over.status());
        assertEquals(16 * 1024 * 1024, over.bodyLength());
    }

    @Test
    void aShorterBodyIsUntouched() {
        HttpResult r = send(engine, small(100, false), HttpRequest.get("/notfound"));

        assertEquals(404, r.code());
        assertEquals("not found body\nsecond line\n", r.bodyText());
    }

    @Test
    void theConnectionIsDroppedNotPooled() {
        ConnectionSettings keep = small(100, true);

        assertEquals(200, send(engine, keep, HttpRequest.get("/json")).code());
        assertEquals(63, send(engine, keep, HttpRequest.get("/large?n=100000")).code());
        assertEquals(200, send(engine, keep, HttpRequest.get("/json")).code());

        var seen = server.requests();
        assertEquals(seen.get(0).connection(), seen.get(1).connection(), "pooled before the limit");
        assertNotEquals(seen.get(1).connection(), seen.get(2).connection(), "not reused after the limit");
        assertTrue(server.awaitClosed(seen.get(1).connection(), Timing.IN_TIME));
    }

    @Test
    void readingStopsAtTheLimitInsteadOfDownloadingEverything() {
        // An endless body: only a client that stops reading can finish.
        AtomicLong sent = new AtomicLong();
        try (RawServer endless = RawServer.start(c -> {
            c.readHead();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = ("2000\r\n" + "z".repeat(0x2000) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            while (true) {
                c.write(chunk);
                sent.addAndGet(0x2000);
            }
        })) {
            // A client that kept reading would get 28 at the deadline instead of 63.
            ConnectionSettings c = TestSettings.connection("c", endless.url("")).maxDataSize(50_000)
                    .timeout(Timing.IN_TIME).build();

            HttpResult r = send(engine, c, HttpRequest.get("/"));

            assertEquals(63, r.code(), r.toString());
            assertEquals(50_000, r.bodyLength());
        }
    }
}
