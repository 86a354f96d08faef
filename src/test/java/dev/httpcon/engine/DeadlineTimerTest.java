package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import dev.httpcon.testing.LogCapture;
import org.apache.hc.core5.concurrent.Cancellable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline thread wakes only when it must: these check that it still fires every deadline
 * that passes (the bounds are liveness bounds, far above the deadlines, not speed checks).
 */
class DeadlineTimerTest {

    private final DeadlineTimer timer = new DeadlineTimer();

    @AfterEach
    void close() {
        timer.close();
    }

    /** A request stand-in that counts down when the deadline cancels it. */
    private static Cancellable counting(CountDownLatch cancelled) {
        return () -> {
            cancelled.countDown();
            return true;
        };
    }

    @Test
    void aDeadlineFiresAndCancelsItsRequest() throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        Deadline d = Deadline.start(Duration.ofMillis(200), timer);
        d.guard(counting(cancelled));

        assertTrue(cancelled.await(10, TimeUnit.SECONDS));
        assertTrue(d.expired());
    }

    @Test
    void anEarlierDeadlineWakesATimerWaitingForALaterOne() throws InterruptedException {
        Deadline late = Deadline.start(Duration.ofMinutes(5), timer);
        Thread.sleep(100);   // the thread now sleeps until the late deadline
        CountDownLatch cancelled = new CountDownLatch(1);
        Deadline early = Deadline.start(Duration.ofMillis(200), timer);
        early.guard(counting(cancelled));

        assertTrue(cancelled.await(10, TimeUnit.SECONDS), "the earlier deadline did not fire");
        assertFalse(late.expired());
        late.close();
    }

    @Test
    void aClosedDeadlineNeverFires() throws InterruptedException {
        AtomicInteger cancels = new AtomicInteger();
        Deadline d = Deadline.start(Duration.ofMillis(100), timer);
        d.guard(() -> cancels.incrementAndGet() > 0);
        d.close();
        // a later deadline that does fire shows the thread has swept past the closed one's time
        CountDownLatch swept = new CountDownLatch(1);
        Deadline.start(Duration.ofMillis(300), timer).guard(counting(swept));

        assertTrue(swept.await(10, TimeUnit.SECONDS));
        assertEquals(0, cancels.get());
    }

    @Test
    void deadlinesAddedWhileOthersComeAndGoAllFire() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> churn = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // attempts that end long before their (long) deadline, as under load
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    Deadline.start(Duration.ofSeconds(30), timer).close();
                }
            });
            t.start();
            churn.add(t);
        }
        try {
            for (int round = 0; round < 10; round++) {
                CountDownLatch all = new CountDownLatch(20);
                for (int i = 0; i < 20; i++) {
                    long ms = ThreadLocalRandom.current().nextLong(1, 150);
                    Deadline.start(Duration.ofMillis(ms), timer).guard(counting(all));
                }
                assertTrue(all.await(10, TimeUnit.SECONDS), "round " + round + ": " + all.getCount() + " missed");
            }
        } finally {
            stop.set(true);
            for (Thread t : churn) {
                t.join();
            }
        }
    }

    @Test
    void aCancelThatThrowsDoesNotStopTheTimer() throws InterruptedException {
        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                Deadline.start(Duration.ofMillis(50), timer).guard(() -> {
                    throw new IllegalStateException("third-party cancel failed");
                });
            }
            Deadline.start(Duration.ofMillis(60), timer).guard(() -> {
                throw new AssertionError("an Error from a cancel");
            });
            CountDownLatch later = new CountDownLatch(5);
            for (int i = 0; i < 5; i++) {
                Deadline.start(Duration.ofMillis(300 + 50 * i), timer).guard(counting(later));
            }

            assertTrue(later.await(10, TimeUnit.SECONDS), "the deadlines after a throwing cancel did not fire: "
                    + later.getCount() + " missed");
            List<LogRecord> warnings = logs.records().stream()
                    .filter(r -> r.getLoggerName().equals(DeadlineTimer.class.getName()))
                    .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .toList();
            // once per kind of failure, not once per deadline
            assertEquals(2, warnings.size(), warnings.stream().map(LogRecord::getMessage).toList().toString());
        }
    }

    @Test
    void attemptsWithoutADeadlineShareNoLock() throws Exception {
        Deadline someone = Deadline.start(Duration.ZERO, timer);
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<?> attempt;
            synchronized (someone) {   // whatever one attempt (or anyone) does with its deadline object...
                attempt = other.submit(() -> {
                    Deadline mine = Deadline.start(Duration.ZERO, timer);
                    mine.guard(() -> true);
                    mine.close();
                });
                // ...another attempt without a deadline is not held up by it
                attempt.get(10, TimeUnit.SECONDS);
            }
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aDeadlineOfZeroKeepsNoReferenceToTheRequest() throws InterruptedException {
        Deadline none = Deadline.start(Duration.ZERO, timer);
        Cancellable request = new Cancellable() {   // a new object (a lambda without captures is a constant)
            @Override
            public boolean cancel() {
                return true;
            }
        };
        java.lang.ref.WeakReference<Cancellable> ref = new java.lang.ref.WeakReference<>(request);
        none.guard(request);
        request = null;

        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(null, ref.get(), "a request of one attempt is kept by a deadline object other attempts share");
        assertFalse(none.expired());
    }

    @Test
    void aClosedTimerTakesNoDeadline() {
        timer.close();

        assertThrows(RejectedExecutionException.class, () -> Deadline.start(Duration.ofSeconds(1), timer));
        assertFalse(Deadline.start(Duration.ZERO, timer).isSet());
    }
}
