package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bounded body reading, whatever the declared length says compared with what arrives. */
class BodyReaderTest {

    private final DeadlineTimer timer = new DeadlineTimer();
    private final Deadline deadline = Deadline.start(Duration.ofSeconds(30), timer);

    @AfterEach
    void close() {
        deadline.close();
        timer.close();
    }

    @ParameterizedTest(name = "{0} bytes arrive, {1} declared, limit {2}")
    @CsvSource({
        "100, 100, 0",        // the usual case: exactly the declared length
        "100, -1, 0",         // no Content-Length
        "0, 0, 0",
        "150, 100, 0",        // more than declared arrives: all of it is kept, as before
        "70000, 70000, 0",    // past the first block
        "100, 100, 100",      // exactly at the limit
        "100, 100, 1000",
    })
    void keepsEverythingUpToTheLimit(int arriving, long declared, long limit) throws IOException {
        byte[] sent = bytes(arriving);
        HttpResult.Builder result = HttpResult.builder().status(200);
        BodyReader.Body body = BodyReader.read(new ByteArrayInputStream(sent), limit, declared, deadline, result);
        assertArrayEquals(sent, result.build().body());
        assertFalse(body.exceeded());
        assertEquals(arriving, body.kept());
    }

    @Test
    void stopsAtTheLimitWhenMoreArrivesThanDeclared() throws IOException {
        byte[] sent = bytes(150);
        HttpResult.Builder result = HttpResult.builder().status(200);
        BodyReader.Body body = BodyReader.read(new ByteArrayInputStream(sent), 120, 100, deadline, result);
        assertArrayEquals(Arrays.copyOf(sent, 120), result.build().body());
        assertTrue(body.exceeded());
        assertEquals(120, body.kept());
    }

    @Test
    void aDeclaredLengthOverTheLimitKeepsThePrefix() throws IOException {
        byte[] sent = bytes(300);
        HttpResult.Builder result = HttpResult.builder().status(200);
        BodyReader.Body body = BodyReader.read(new ByteArrayInputStream(sent), 200, 300, deadline, result);
        assertEquals(200, result.build().body().length);
        assertTrue(body.exceeded());
        assertEquals(200, body.kept());
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
