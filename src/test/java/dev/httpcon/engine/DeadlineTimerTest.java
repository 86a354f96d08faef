package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deadline thread: a deadline that is not closed in time cancels its request, a closed one
 * never does, and a short deadline added while the thread sleeps towards a long one still fires
 * first. (The latches' bounds only guard against a hang; no timing is asserted.)
 */
class DeadlineTimerTest {

    /** A request stand-in that counts its cancels. */
    private static final class Request implements org.apache.hc.core5.concurrent.Cancellable {
        final CountDownLatch cancelled = new CountDownLatch(1);

        @Override
        public boolean cancel() {
            cancelled.countDown();
            return true;
        }

        boolean wasCancelled() {
            return cancelled.getCount() == 0;
        }
    }

    /** A request guarded by {@code d}. */
    private static Request guardedBy(Deadline d) {
        Request r = new Request();
        d.guard(r);
        return r;
    }

    @Test
    void aDeadlineThatRunsOutCancelsItsRequest() throws Exception {
        try (DeadlineTimer timer = new DeadlineTimer("test-deadline")) {
            Deadline d = Deadline.start(Duration.ofMillis(20), timer);
            Request r = guardedBy(d);
            assertTrue(r.cancelled.await(10, TimeUnit.SECONDS), "cancelled at the deadline");
            assertTrue(d.expired());
        }
    }

    @Test
    void aClosedDeadlineNeverFires() throws Exception {
        try (DeadlineTimer timer = new DeadlineTimer("test-deadline")) {
            Deadline closed = Deadline.start(Duration.ofMillis(30), timer);
            Request early = guardedBy(closed);
            closed.close();
            // A later deadline that does fire proves the thread went past the closed one's end.
            Request probe = guardedBy(Deadline.start(Duration.ofMillis(60), timer));
            assertTrue(probe.cancelled.await(10, TimeUnit.SECONDS));
            assertFalse(early.wasCancelled(), "a deadline closed in time does not cancel");
        }
    }

    @Test
    void aShortDeadlineAddedWhileTheThreadWaitsForALongOneFiresFirst() throws Exception {
        try (DeadlineTimer timer = new DeadlineTimer("test-deadline")) {
            Deadline longOne = Deadline.start(Duration.ofSeconds(60), timer);
            Request slow = guardedBy(longOne);
            Thread.sleep(50);   // let the thread settle into its wait for the 60 s deadline
            Request fast = guardedBy(Deadline.start(Duration.ofMillis(20), timer));
            assertTrue(fast.cancelled.await(10, TimeUnit.SECONDS), "woken for the earlier deadline");
            assertFalse(slow.wasCancelled());
            longOne.close();
        }
    }

    @Test
    void manyDeadlinesEachFireOnce() throws Exception {
        try (DeadlineTimer timer = new DeadlineTimer("test-deadline")) {
            int n = 200;
            CountDownLatch all = new CountDownLatch(n);
            int[] cancels = new int[n];
            for (int i = 0; i < n; i++) {
                int k = i;
                Deadline d = Deadline.start(Duration.ofMillis(1 + (i * 7L) % 50), timer);
                d.guard(() -> {
                    synchronized (cancels) {
                        cancels[k]++;
                    }
                    all.countDown();
                    return true;
                });
            }
            assertTrue(all.await(10, TimeUnit.SECONDS));
            Thread.sleep(100);
            synchronized (cancels) {
                for (int c : cancels) {
                    assertEquals(1, c);
                }
            }
        }
    }

    @Test
    void aClosedTimerRejectsNewDeadlines() {
        DeadlineTimer timer = new DeadlineTimer("test-deadline");
        timer.close();
        assertThrows(RejectedExecutionException.class, () -> Deadline.start(Duration.ofSeconds(1), timer));
        assertFalse(Deadline.start(Duration.ZERO, timer).isSet(), "no deadline needs no timer");
    }
}
