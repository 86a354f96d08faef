package dev.httpcon.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The closed loop's own accounting: what a request costs its calling thread. */
class ClosedLoopTest {

    private static volatile Object sink;

    @Test
    void countsTheBytesAndCpuOfTheCallingThreadsPerRequest() throws InterruptedException {
        Measurement m = ClosedLoop.run(() -> {
            sink = new byte[10_000];
            return true;
        }, 2, 0.05, 0.3);

        assertTrue(m.requests() > 0, "requests counted: " + m);
        assertEquals(0, m.errors());
        // each request allocates a 10,000-byte array (plus its header); the per-thread overshoot of
        // at most one request and the loop's own bookkeeping stay well inside this margin
        double perRequest = m.bytesPerRequest();
        assertTrue(perRequest >= 10_000 && perRequest < 15_000, "bytes per request: " + perRequest);
        assertTrue(m.cpuMicrosPerRequest() > 0, "CPU per request: " + m.cpuMicrosPerRequest());
    }
}
