package dev.httpcon.engine;

import dev.httpcon.CurlError;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.Security;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Name resolution within an attempt's deadline, as libcurl's threaded resolver does it.
 *
 * <p>Why: {@code InetAddress.getAllByName} cannot be interrupted, so a hung system resolver
 * would hold the caller for as long as the operating system's resolver takes (often far past
 * the timeout). Here every lookup runs on a small bounded pool of daemon threads and the
 * attempt waits for it at most until its deadline (code 28); "no such host" is code 6 (5 for a
 * proxy) as soon as the resolver says so.
 *
 * <p>How it fits HttpClient: the attempt {@link #resolve resolves} the host it will connect to
 * (the target, or the proxy) in its own thread before handing the request to HttpClient, and
 * HttpClient gets this object as its {@link DnsResolver}, which only reads what was just
 * resolved and never looks anything up. The same split works for an asynchronous transport,
 * whose resolver would otherwise run on an I/O reactor thread. An attempt keeps its host's entry
 * {@link Slot#pinned pinned} until HttpClient has connected, so the bounded cache never drops an
 * entry that an attempt is about to read.
 *
 * <p>The cache: answers are kept as long as the JVM's own cache keeps them (the security
 * properties {@code networkaddress.cache.ttl} and {@code networkaddress.cache.negative.ttl}, else
 * the system properties {@code sun.net.inetaddr.ttl} and {@code sun.net.inetaddr.negative.ttl},
 * else the JDK's defaults of 30 s and 0 s), so a cached answer costs a map lookup and no thread
 * hop. IP literals are never looked up. Concurrent lookups of one name share one lookup.
 *
 * <p>Bounded: at most {@value #THREADS} lookups run at once and {@value #QUEUED} more wait; a
 * lookup that would be one too many fails at once with a message that says the resolver is not
 * answering, instead of starting another thread that would hang too.
 */
final class HostResolver implements DnsResolver, AutoCloseable {

    /** The lookup itself: {@code InetAddress::getAllByName} outside tests (a seam for hermetic tests). */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    static final Lookup SYSTEM = InetAddress::getAllByName;

    /** Lookups running at once; more would only pile up behind a hung resolver. */
    static final int THREADS = 4;

    /** Lookups waiting for a thread; one more fails at once. */
    static final int QUEUED = 32;

    /** Names kept; over this, expired and then unpinned entries are dropped. */
    static final int MAX_ENTRIES = 1024;

    /** How long an idle lookup thread stays. */
    private static final long KEEP_ALIVE_SECONDS = 30;

    /**
     * How long answers are kept, in nanoseconds ({@link #FOREVER} for ever, 0 for not at all).
     *
     * @param positiveNanos a successful lookup
     * @param negativeNanos "no such host"
     */
    record Ttl(long positiveNanos, long negativeNanos) {

        static final long FOREVER = Long.MAX_VALUE;

        /** The JVM's own settings, read the way the JDK reads them for its own cache. */
        static Ttl fromJvm() {
            return from(Security::getProperty, System::getProperty);
        }

        /**
         * From the security properties {@code networkaddress.cache.ttl} and
         * {@code networkaddress.cache.negative.ttl}, else the system properties
         * {@code sun.net.inetaddr.ttl} and {@code sun.net.inetaddr.negative.ttl}, else 30 s and 0 s
         * (the JDK's defaults; the JDK's {@code java.security} file sets the negative one to 10 s).
         */
        static Ttl from(UnaryOperator<String> security, UnaryOperator<String> system) {
            return new Ttl(nanos(seconds(security.apply("networkaddress.cache.ttl"),
                            system.apply("sun.net.inetaddr.ttl"), 30)),
                    nanos(seconds(security.apply("networkaddress.cache.negative.ttl"),
                            system.apply("sun.net.inetaddr.negative.ttl"), 0)));
        }

        static Ttl ofSeconds(long positive, long negative) {
            return new Ttl(nanos(positive), nanos(negative));
        }

        /** The security property's value, else the system property's, else {@code fallback}; below 0 is for ever. */
        private static long seconds(String security, String system, long fallback) {
            if (security != null) {
                try {
                    return Integer.parseInt(security.trim());
                } catch (NumberFormatException ignored) {
                    // as the JDK: an unreadable value is skipped
                }
            }
            if (system != null) {
                try {
                    return Integer.decode(system.trim());
                } catch (NumberFormatException ignored) {
                    // as the JDK
                }
            }
            return fallback;
        }

        private static long nanos(long seconds) {
            return seconds < 0 ? FOREVER : TimeUnit.SECONDS.toNanos(seconds);
        }
    }

    /**
     * What a lookup found.
     *
     * @param addresses null when the name does not resolve
     * @param resolvedAt {@link System#nanoTime()} of the answer
     * @param ttlNanos   how long it may be used by new attempts
     */
    private record Entry(InetAddress[] addresses, long resolvedAt, long ttlNanos) {

        boolean fresh(long now) {
            return ttlNanos == Ttl.FOREVER || now - resolvedAt < ttlNanos;
        }
    }

    /** The cache's place for one name: the latest answer, and how many attempts are about to read it. */
    static final class Slot {
        private volatile Entry entry;
        private final AtomicInteger pinned = new AtomicInteger();

        private Slot(Entry entry) {
            this.entry = entry;
        }
    }

    private static final System.Logger LOG = System.getLogger(HostResolver.class.getName());

    private final Lookup lookup;
    private final Ttl ttl;
    private final Map<String, Slot> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Entry>> running = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    private volatile boolean closed;

    HostResolver(Lookup lookup, Ttl ttl) {
        this.lookup = lookup;
        this.ttl = ttl;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "httpcon-dns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // core = max with a timeout: up to THREADS threads, made only when lookups are needed.
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), threads);
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Resolves the host that the next request will connect to, within {@code deadline}, and pins
     * its entry until {@link #unpin}. Returns {@code null} for an IP literal (nothing to resolve).
     *
     * @param proxy whether {@code host} is the proxy's (code 5 rather than 6)
     * @throws EngineFailure 6 or 5 when it does not resolve, 28 at the deadline, 42 when the
     *                       calling thread is interrupted, 2 when the engine is closed
     */
    Slot resolve(String host, boolean proxy, Deadline deadline) throws EngineFailure {
        if (isLiteral(host)) {
            return null;
        }
        String key = key(host);
        Slot slot = cache.get(key);
        Entry e = slot == null ? null : slot.entry;
        if (e == null || !e.fresh(System.nanoTime())) {
            e = await(key, host, proxy, deadline);
        }
        if (e.addresses() == null) {
            throw unresolved(host, proxy, "");
        }
        return pin(key, e);
    }

    /** Ends the pin of {@link #resolve}: HttpClient has connected (or will not). */
    static void unpin(Slot slot) {
        if (slot != null) {
            slot.pinned.decrementAndGet();
        }
    }

    /** HttpClient's view: what the attempt has just resolved, never a lookup. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] literal = literal(host);
        if (literal != null) {
            return literal;
        }
        Slot slot = cache.get(key(host));
        Entry e = slot == null ? null : slot.entry;
        if (e == null || e.addresses() == null) {
            // Every attempt resolves its host before HttpClient connects, so this is only
            // reached when the name stopped resolving in between.
            throw new UnknownHostException(host);
        }
        return e.addresses();
    }

    /** Not used: no offered auth scheme needs canonical names, and the engine makes no reverse lookups. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /** How many names are cached (for tests). */
    int size() {
        return cache.size();
    }

    /** How many lookups are running or waiting for a thread (for tests). */
    int lookupsInFlight() {
        return running.size();
    }

    /** How many lookup threads exist right now (for tests). */
    int threads() {
        return pool.getPoolSize();
    }

    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
        running.values().forEach(f -> f.completeExceptionally(new RejectedExecutionException("closed")));
        running.clear();
        cache.clear();
    }

    /**
     * {@link #resolve} without waiting, for the asynchronous transport: a future of the pinned
     * slot ({@code null} for an IP literal), completed at once from the cache, else when the
     * lookup ends, on the lookup thread. It fails with {@link EngineFailure} 6 or 5 for a name that
     * does not resolve, 2 when the engine is closed. The deadline is the caller's to watch: it
     * stops waiting by completing the future itself (nothing here blocks).
     */
    CompletableFuture<Slot> resolveLater(String host, boolean proxy) {
        if (isLiteral(host)) {
            return CompletableFuture.completedFuture(null);
        }
        String key = key(host);
        Slot slot = cache.get(key);
        Entry cached = slot == null ? null : slot.entry;
        CompletableFuture<Entry> lookup;
        if (cached != null && cached.fresh(System.nanoTime())) {
            lookup = CompletableFuture.completedFuture(cached);
        } else {
            try {
                lookup = lookup(key, host, proxy);
            } catch (EngineFailure f) {
                return CompletableFuture.failedFuture(f);
            }
        }
        CompletableFuture<Slot> pinned = new CompletableFuture<>();
        lookup.whenComplete((e, failure) -> {
            if (failure != null) {
                pinned.completeExceptionally(ErrorMapping.closed());   // only close() fails a lookup
            } else if (e.addresses() == null) {
                pinned.completeExceptionally(unresolved(host, proxy, ""));
            } else {
                Slot s = pin(key, e);
                if (!pinned.complete(s)) {
                    unpin(s);   // the waiter gave up (deadline, cancel) before the answer: nothing to keep pinned
                }
            }
        });
        return pinned;
    }

    /** Waits for the lookup of {@code key} (starting it unless one is running) until the deadline. */
    private Entry await(String key, String host, boolean proxy, Deadline deadline) throws EngineFailure {
        CompletableFuture<Entry> f = lookup(key, host, proxy);
        try {
            if (!deadline.isSet()) {
                return f.get();
            }
            long left = deadline.endNanos() - System.nanoTime();
            if (left <= 0) {
                throw resolveTimeout(deadline);
            }
            return f.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            throw resolveTimeout(deadline);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();   // the caller's to see: we only stop waiting
            throw ErrorMapping.aborted();
        } catch (ExecutionException e) {
            throw ErrorMapping.closed();   // only close() completes a lookup exceptionally
        }
    }

    /** The lookup of {@code key}: the one running, or one started now on the bounded pool. */
    private CompletableFuture<Entry> lookup(String key, String host, boolean proxy) throws EngineFailure {
        CompletableFuture<Entry> f = running.get(key);
        if (f == null) {
            CompletableFuture<Entry> mine = new CompletableFuture<>();
            f = running.putIfAbsent(key, mine);
            if (f == null) {
                f = mine;
                try {
                    pool.execute(() -> lookUp(key, host, mine));
                } catch (RejectedExecutionException full) {
                    running.remove(key, mine);
                    if (closed) {
                        throw ErrorMapping.closed();
                    }
                    throw unresolved(host, proxy, " (the system resolver is not answering: " + pool.getActiveCount()
                            + " lookups running and " + pool.getQueue().size() + " waiting)");
                }
            }
        }
        return f;
    }

    /** On a pool thread: one lookup, cached and handed to everyone waiting for it. */
    private void lookUp(String key, String host, CompletableFuture<Entry> f) {
        Entry e;
        long now;
        try {
            InetAddress[] found = lookup.lookup(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            now = System.nanoTime();
            e = found == null || found.length == 0 ? new Entry(null, now, ttl.negativeNanos())
                    : new Entry(found.clone(), now, ttl.positiveNanos());
        } catch (UnknownHostException none) {
            e = new Entry(null, System.nanoTime(), ttl.negativeNanos());
        } catch (RuntimeException | Error failure) {
            // Not "no such host" but a broken resolver: not cached, reported as unresolved.
            LOG.log(System.Logger.Level.DEBUG, () -> "looking up " + host + " failed: " + failure);
            e = new Entry(null, System.nanoTime(), 0);
        }
        if (e.addresses() != null || e.ttlNanos() != 0) {
            // Kept even with a TTL of 0: HttpClient reads the answer once the attempt has it.
            store(key, e);
        }
        running.remove(key, f);
        f.complete(e);
    }

    private void store(String key, Entry e) {
        Slot slot = cache.get(key);
        if (slot != null) {
            slot.entry = e;
            return;
        }
        if (cache.putIfAbsent(key, new Slot(e)) != null) {
            cache.get(key).entry = e;   // another answer came first: ours is newer
        }
        if (cache.size() > MAX_ENTRIES) {
            evict();
        }
    }

    /**
     * Pins the slot of {@code key} (making one with {@code e} if it was evicted meanwhile). The
     * pin is counted first and the slot checked after, while {@link #evict} removes first and
     * checks the count after: one of the two always sees the other, so a pinned name stays.
     */
    private Slot pin(String key, Entry e) {
        while (true) {
            Slot slot = cache.get(key);
            if (slot == null) {
                Slot made = new Slot(e);
                slot = cache.putIfAbsent(key, made);
                if (slot == null) {
                    slot = made;
                }
            }
            slot.pinned.incrementAndGet();
            if (cache.get(key) == slot) {
                return slot;
            }
            slot.pinned.decrementAndGet();
        }
    }

    /** Drops expired entries, then others, down to three quarters of the bound; never a pinned one. */
    private void evict() {
        long now = System.nanoTime();
        for (boolean expiredOnly : new boolean[] {true, false}) {
            for (Map.Entry<String, Slot> m : cache.entrySet()) {
                if (cache.size() <= MAX_ENTRIES * 3 / 4) {
                    return;
                }
                Slot slot = m.getValue();
                if (slot.pinned.get() == 0 && (!expiredOnly || !slot.entry.fresh(now))
                        && cache.remove(m.getKey(), slot) && slot.pinned.get() > 0) {
                    cache.putIfAbsent(m.getKey(), slot);   // pinned just now: it stays
                }
            }
        }
    }

    private static EngineFailure unresolved(String host, boolean proxy, String why) {
        return proxy ? new EngineFailure(CurlError.COULDNT_RESOLVE_PROXY, "Could not resolve proxy: " + host + why)
                : new EngineFailure(CurlError.COULDNT_RESOLVE_HOST, "Could not resolve host: " + host + why);
    }

    static EngineFailure resolveTimeout(Deadline deadline) {
        return new EngineFailure(CurlError.OPERATION_TIMEDOUT,
                "Resolving timed out after " + deadline.budgetMillis() + " milliseconds");
    }

    /** The cache key: names are case-insensitive; brackets of IPv6 literals do not matter. */
    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code host} is an IP address (never looked up). Allocates nothing. */
    static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || isIpv4(host);
    }

    /** The address of an IP literal, or null for a name. Never a lookup. */
    private static InetAddress[] literal(String host) throws UnknownHostException {
        if (isIpv4(host)) {
            byte[] b = new byte[4];
            int at = 0;
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (c == '.') {
                    at++;
                } else {
                    b[at] = (byte) ((b[at] & 0xff) * 10 + (c - '0'));
                }
            }
            return new InetAddress[] {InetAddress.getByAddress(b)};
        }
        if (host.indexOf(':') >= 0) {
            // In brackets, the JDK parses it as an IPv6 literal and never asks a resolver.
            return InetAddress.getAllByName(host.startsWith("[") ? host : "[" + host + "]");
        }
        return null;
    }

    /** Whether {@code host} is a dotted-quad IPv4 literal such as {@code 127.0.0.1}. */
    private static boolean isIpv4(String host) {
        int dots = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && dots < 3) {
                dots++;
                value = 0;
                digits = 0;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }
}
