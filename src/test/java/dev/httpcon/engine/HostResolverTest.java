package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.httpcon.CurlError;
import dev.httpcon.testing.Timing;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resolver on its own, with lookups that answer, fail, or never answer: no dependence on this
 * machine's DNS. Time bounds here are liveness bounds far from the deadlines involved.
 */
class HostResolverTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final DeadlineTimer timer = new DeadlineTimer();
    private final CountDownLatch never = new CountDownLatch(1);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        never.countDown();   // lets hung lookups end
        for (AutoCloseable c : opened) {
            c.close();
        }
        timer.close();
    }

    private HostResolver resolver(HostResolver.Lookup lookup, HostResolver.Ttl ttl) {
        HostResolver r = new HostResolver(lookup, ttl);
        opened.add(r);
        return r;
    }

    private Deadline deadline(long millis) {
        return Deadline.start(Duration.ofMillis(millis), timer);
    }

    /** A lookup that answers the loopback address and counts its calls. */
    private static HostResolver.Lookup counting(AtomicInteger calls) {
        return host -> {
            calls.incrementAndGet();
            return new InetAddress[] {LOOPBACK};
        };
    }

    /** A lookup that never answers (until the test ends). */
    private HostResolver.Lookup hung(AtomicInteger started) {
        return host -> {
            started.incrementAndGet();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
    }

    @Test
    void theTtlsComeFromTheSecurityPropertiesThenTheSystemPropertiesThenTheJdkDefaults() {
        HostResolver.Ttl defaults = HostResolver.Ttl.from(k -> null, k -> null);
        assertEquals(TimeUnit.SECONDS.toNanos(30), defaults.positiveNanos());
        assertEquals(0, defaults.negativeNanos());

        Map<String, String> security = Map.of("networkaddress.cache.ttl", "5", "networkaddress.cache.negative.ttl", "-1");
        Map<String, String> system = Map.of("sun.net.inetaddr.ttl", "0x10", "sun.net.inetaddr.negative.ttl", "3");
        HostResolver.Ttl both = HostResolver.Ttl.from(security::get, system::get);
        assertEquals(TimeUnit.SECONDS.toNanos(5), both.positiveNanos());
        assertEquals(HostResolver.Ttl.FOREVER, both.negativeNanos());

        HostResolver.Ttl fallback = HostResolver.Ttl.from(Map.of("networkaddress.cache.ttl", "soon")::get, system::get);
        assertEquals(TimeUnit.SECONDS.toNanos(16), fallback.positiveNanos(), "an unreadable value is skipped, as the JDK does");
        assertEquals(TimeUnit.SECONDS.toNanos(3), fallback.negativeNanos());
    }

    @Test
    void theJvmsOwnSettingsAreRead() {
        assumeTrue(Security.getProperty("networkaddress.cache.ttl") == null, "the JDK's java.security sets no positive TTL");
        String before = System.getProperty("sun.net.inetaddr.ttl");
        System.setProperty("sun.net.inetaddr.ttl", "7");
        try {
            assertEquals(TimeUnit.SECONDS.toNanos(7), HostResolver.Ttl.fromJvm().positiveNanos());
        } finally {
            if (before == null) {
                System.clearProperty("sun.net.inetaddr.ttl");
            } else {
                System.setProperty("sun.net.inetaddr.ttl", before);
            }
        }
        String negative = Security.getProperty("networkaddress.cache.negative.ttl");
        if (negative != null && System.getProperty("sun.net.inetaddr.negative.ttl") == null) {
            assertEquals(TimeUnit.SECONDS.toNanos(Integer.parseInt(negative.trim())),
                    HostResolver.Ttl.fromJvm().negativeNanos());
        }
    }

    @Test
    void ipLiteralsAreNeverLookedUp() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HostResolver r = resolver(counting(calls), HostResolver.Ttl.ofSeconds(30, 10));

        assertNull(r.resolve("127.0.0.1", false, deadline(5000)));
        assertNull(r.resolve("[::1]", false, deadline(5000)));
        assertArrayEquals(new InetAddress[] {InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) 255})},
                r.resolve("10.0.0.255"));
        assertEquals(InetAddress.getByName("::1"), r.resolve("[::1]")[0]);
        assertEquals(InetAddress.getByName("::1"), r.resolve("::1")[0]);
        assertEquals(0, calls.get());
        // not literals: names that look a little like them
        for (String name : List.of("1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4a", "deadbeef.example")) {
            assertEquals(false, HostResolver.isLiteral(name), name);
        }
    }

    @Test
    void anAnswerIsCachedForItsTtlAndHandedToHttpClient() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HostResolver r = resolver(counting(calls), HostResolver.Ttl.ofSeconds(30, 10));

        HostResolver.unpin(r.resolve("Api.Example", false, deadline(5000)));
        HostResolver.unpin(r.resolve("api.example", false, deadline(5000)));

        assertEquals(1, calls.get(), "names are case-insensitive and the second answer came from the cache");
        assertArrayEquals(new InetAddress[] {LOOPBACK}, r.resolve("API.example"));
    }

    @Test
    void aTtlOfZeroLooksUpEveryTimeButStillHandsTheAnswerToHttpClient() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HostResolver r = resolver(counting(calls), HostResolver.Ttl.ofSeconds(0, 0));

        HostResolver.Slot pin = r.resolve("api.example", false, deadline(5000));
        assertArrayEquals(new InetAddress[] {LOOPBACK}, r.resolve("api.example"));
        HostResolver.unpin(pin);
        HostResolver.unpin(r.resolve("api.example", false, deadline(5000)));

        assertEquals(2, calls.get());
    }

    @Test
    void noSuchHostIsCode6Or5AndCachedForTheNegativeTtl() {
        AtomicInteger calls = new AtomicInteger();
        HostResolver.Lookup none = host -> {
            calls.incrementAndGet();
            throw new UnknownHostException(host + ": Name or service not known");
        };
        HostResolver cached = resolver(none, HostResolver.Ttl.ofSeconds(30, 10));

        EngineFailure host = assertThrows(EngineFailure.class, () -> cached.resolve("gone.example", false, deadline(20_000)));
        EngineFailure proxy = assertThrows(EngineFailure.class, () -> cached.resolve("gone.example", true, deadline(20_000)));

        assertEquals(CurlError.COULDNT_RESOLVE_HOST, host.error());
        assertEquals("Could not resolve host: gone.example", host.getMessage());
        assertEquals(CurlError.COULDNT_RESOLVE_PROXY, proxy.error());
        assertEquals("Could not resolve proxy: gone.example", proxy.getMessage());
        assertEquals(1, calls.get(), "the second answer came from the negative cache");
        assertThrows(UnknownHostException.class, () -> cached.resolve("gone.example"));

        HostResolver uncached = resolver(none, HostResolver.Ttl.ofSeconds(30, 0));
        assertThrows(EngineFailure.class, () -> uncached.resolve("gone.example", false, deadline(20_000)));
        assertThrows(EngineFailure.class, () -> uncached.resolve("gone.example", false, deadline(20_000)));
        assertEquals(3, calls.get());
    }

    @Test
    void aResolverThatNeverAnswersIsCode28AtTheDeadline() {
        AtomicInteger started = new AtomicInteger();
        HostResolver r = resolver(hung(started), HostResolver.Ttl.ofSeconds(30, 10));
        Timing.Timed<EngineFailure> t = Timing.time(
                () -> assertThrows(EngineFailure.class, () -> r.resolve("hung.example", false, deadline(500))));

        assertEquals(CurlError.OPERATION_TIMEDOUT, t.value().error());
        assertEquals("Resolving timed out after 500 milliseconds", t.value().getMessage());
        Timing.assertNotBefore(t.elapsed(), Duration.ofMillis(500), t.value().getMessage());
        Timing.assertEndedByDeadline(t.elapsed(), Duration.ofMillis(500), t.value().getMessage());
    }

    @Test
    void anInterruptedCallerStopsWaitingWithCode42AndKeepsItsFlag() throws Exception {
        AtomicInteger started = new AtomicInteger();
        HostResolver r = resolver(hung(started), HostResolver.Ttl.ofSeconds(30, 10));
        Thread caller = Thread.currentThread();
        ExecutorService interrupter = Executors.newSingleThreadExecutor();
        try {
            interrupter.submit(() -> {
                while (started.get() == 0) {
                    Thread.onSpinWait();
                }
                caller.interrupt();
            });
            EngineFailure f = assertThrows(EngineFailure.class, () -> r.resolve("hung.example", false, deadline(60_000)));

            assertEquals(CurlError.ABORTED_BY_CALLBACK, f.error());
            assertTrue(Thread.interrupted(), "the interrupt flag is the caller's: still set");
        } finally {
            interrupter.shutdownNow();
        }
    }

    @Test
    void concurrentLookupsOfOneNameShareOneLookup() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        HostResolver r = resolver(host -> {
            calls.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InetAddress[] {LOOPBACK};
        }, HostResolver.Ttl.ofSeconds(30, 10));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<HostResolver.Slot>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(callers.submit(() -> r.resolve("shared.example", false, deadline(30_000))));
            }
            while (r.lookupsInFlight() == 0) {
                Thread.sleep(5);
            }
            Thread.sleep(100);   // let the other callers join the running lookup
            release.countDown();
            for (Future<HostResolver.Slot> f : all) {
                HostResolver.unpin(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, calls.get());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aHungResolverNeverGetsMoreThanItsFewThreadsAndTheOverflowFailsAtOnce() throws Exception {
        AtomicInteger started = new AtomicInteger();
        HostResolver r = resolver(hung(started), HostResolver.Ttl.ofSeconds(30, 10));
        int waiting = HostResolver.THREADS + HostResolver.QUEUED;
        ExecutorService callers = Executors.newFixedThreadPool(waiting);
        try {
            List<Future<CurlError>> all = new ArrayList<>();
            for (int i = 0; i < waiting; i++) {
                String host = "h" + i + ".example";
                all.add(callers.submit(() -> {
                    try {
                        r.resolve(host, false, deadline(30_000));
                        return CurlError.OK;
                    } catch (EngineFailure f) {
                        return f.error();
                    }
                }));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (r.lookupsInFlight() < waiting && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertEquals(waiting, r.lookupsInFlight());

            EngineFailure overflow = assertThrows(EngineFailure.class,
                    () -> r.resolve("one-more.example", false, deadline(30_000)));
            EngineFailure viaProxy = assertThrows(EngineFailure.class,
                    () -> r.resolve("proxy.example", true, deadline(30_000)));

            assertEquals(CurlError.COULDNT_RESOLVE_HOST, overflow.error());
            assertTrue(overflow.getMessage().startsWith("Could not resolve host: one-more.example (the system resolver "
                    + "is not answering: "), overflow.getMessage());
            assertEquals(CurlError.COULDNT_RESOLVE_PROXY, viaProxy.error());
            assertEquals(HostResolver.THREADS, r.threads());
            assertEquals(HostResolver.THREADS, started.get(), "the queued lookups have not started");
            for (Future<CurlError> f : all) {
                assertTrue(!f.isDone(), "a caller whose lookup is queued waits for it (until its deadline)");
            }
        } finally {
            never.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void theCacheIsBoundedAndNeverDropsANameAnAttemptIsAboutToConnectTo() throws Exception {
        HostResolver r = resolver(counting(new AtomicInteger()), HostResolver.Ttl.ofSeconds(30, 10));
        HostResolver.Slot pinned = r.resolve("pinned.example", false, deadline(30_000));

        for (int i = 0; i < HostResolver.MAX_ENTRIES * 2; i++) {
            HostResolver.unpin(r.resolve("n" + i + ".example", false, deadline(30_000)));
        }

        assertTrue(r.size() <= HostResolver.MAX_ENTRIES, r.size() + " names kept");
        assertArrayEquals(new InetAddress[] {LOOPBACK}, r.resolve("pinned.example"));
        HostResolver.unpin(pinned);
    }

    @Test
    void aClosedResolverIsCode2() {
        HostResolver r = resolver(counting(new AtomicInteger()), HostResolver.Ttl.ofSeconds(30, 10));
        r.close();

        EngineFailure f = assertThrows(EngineFailure.class, () -> r.resolve("late.example", false, deadline(5000)));

        assertEquals(CurlError.FAILED_INIT, f.error());
    }
}
