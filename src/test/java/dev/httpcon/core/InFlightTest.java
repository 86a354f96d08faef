package dev.httpcon.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The count of calls in flight on a generation: drained exactly once, and never under a call. */
class InFlightTest {

    @Test
    void drainedAtOnceWhenNothingIsInFlight() {
        AtomicInteger drained = new AtomicInteger();
        InFlight f = new InFlight(drained::incrementAndGet);
        assertTrue(f.enter());
        f.exit();
        f.retire();
        assertEquals(1, drained.get());
        assertFalse(f.enter(), "a retired generation takes no call");
        assertEquals(1, drained.get(), "drained once");
    }

    @Test
    void drainedByTheLastCallToEndAfterTheRetirement() {
        AtomicInteger drained = new AtomicInteger();
        InFlight f = new InFlight(drained::incrementAndGet);
        assertTrue(f.enter());
        assertTrue(f.enter());
        f.retire();
        assertEquals(0, drained.get());
        f.exit();
        assertEquals(0, drained.get(), "one call still in flight");
        assertEquals(1, f.count());
        f.exit();
        assertEquals(1, drained.get());
    }

    /**
     * Threads enter, hold and exit as fast as they can while the generation is retired: the drain
     * runs once, and only when no thread is inside (each inside thread marks itself).
     */
    @Test
    void underLoadTheDrainRunsOnceAndNeverWhileACallIsInside() throws Exception {
        for (int round = 0; round < 50; round++) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger drains = new AtomicInteger();
            AtomicReference<String> violation = new AtomicReference<>();
            InFlight f = new InFlight(() -> {
                drains.incrementAndGet();
                if (inside.get() != 0) {
                    violation.set("drained with " + inside.get() + " call(s) inside");
                }
            });
            int threads = 8;
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(threads);
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < 2000; i++) {
                            if (!f.enter()) {
                                break;   // retired: a real call would take the next generation
                            }
                            inside.incrementAndGet();
                            Thread.onSpinWait();
                            inside.decrementAndGet();
                            f.exit();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
                th.start();
                all.add(th);
            }
            go.countDown();
            Thread.sleep(1);
            f.retire();
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(null, violation.get());
            assertEquals(1, drains.get(), "round " + round);
            assertEquals(0, f.count());
        }
    }
}
