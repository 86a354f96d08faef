package dev.httpcon.bench;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.standalone.StandaloneHttpCon;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code async} command (issue 15): asynchronous calls with a fixed number in flight (a
 * closed loop: each completion starts the next call, so exactly {@code n} are outstanding at every
 * moment), no thread per call. Subjects, side by side in one process, the order rotated each round:
 * <ul>
 *   <li>{@code async}: {@code HttpConnection.getAsync} on a {@link StandaloneHttpCon} connection
 *       (keep_connections, HTTP/1.1, the core's concerns: redirect capture, budget, health,
 *       measurements);</li>
 *   <li>{@code rawasync}: HttpClient 5's async client set up as httpcon sets up its transport
 *       ({@link RawAsyncClient}), a buffered exchange per call, completing on its I/O thread;</li>
 *   <li>{@code rawasynchop}: the same, each result handed to a completion pool like httpcon's
 *       default one (as many threads as processors, at least two) before the caller sees it: what
 *       a raw client costs with httpcon's rule that the caller's code never runs on an I/O
 *       thread;</li>
 *   <li>{@code rawasynchopfj} and {@code rawasynchopspin} (not in the default subjects): the same
 *       hop to a fork-join pool in FIFO mode, and to a pool whose idle threads spin 50 µs before
 *       parking ({@link SpinningPool}): whether another kind of pool makes the hop cheaper;</li>
 *   <li>{@code h2} and {@code h1tls}: {@code getAsync} over TLS to nginx with {@code http2} on,
 *       {@code http_version=2} (ALPN h2, multiplexed) against {@code 1.1}.</li>
 * </ul>
 * Reports requests per second, the established TCP connections to the server's port at the end
 * of the window (from {@code /proc/net/tcp}), and the heap per
 * call in flight (used heap after a full GC with {@code n} in flight, less the same with none,
 * divided by {@code n}).
 */
final class AsyncCommand {

    /** The User-Agent both httpcon and the raw client send, as in the load command. */
    private static final String USER_AGENT = "httpcon-bench";

    private AsyncCommand() {
    }

    /** One subject: starts a call, completing with whether it got the expected answer. */
    interface AsyncSubject extends AutoCloseable {
        CompletableFuture<Boolean> call();

        /** The server port the subject connects to (for counting its TCP connections). */
        int port();

        /**
         * What the failed calls answered since the last time it was asked (warm-up and drain included),
         * by code with one message each; empty when none failed or the subject cannot tell (rawasync).
         */
        default String failures() {
            return "";
        }
    }

    static void run(Options o) throws Exception {
        int port = o.integer("port");
        int h2port = o.integer("h2port", 0);
        String ca = o.get("ca", null);
        List<Integer> levels = o.list("inflight", "64,1000,5000").stream().map(Integer::parseInt).toList();
        List<String> subjects = o.list("subjects", "async,asyncinline,rawasync,rawasynchop"
                + (h2port > 0 ? ",h2,h1tls" : ""));
        double warmup = o.decimal("warmup", 2);
        double measure = o.decimal("measure", 4);
        // five rounds: on two cores the subjects that hand results to another thread vary by a
        // quarter from one window to the next, and the median of three moved with a single window
        int rounds = o.integer("rounds", 5);
        String http = "http://127.0.0.1:" + port;
        System.out.println("# async: in flight " + levels + ", subjects " + subjects + ", " + rounds + " rounds of "
                + measure + " s after " + warmup + " s warm-up");
        System.out.println("in_flight\tround\tsubject\trequests_per_s\tfailed\tconnections\theap_bytes_per_call");
        // One unmeasured pass over every subject first: the JIT compiles each subject's code before
        // any window counts. Without it the first subject of the first round ran in a cold JVM and
        // that round's ratios were about a third lower, against whichever subject came first.
        // (--pass 0 leaves it out: a profile of one subject measures its own warm-up window instead)
        for (String name : o.integer("pass", 1) == 1 ? subjects : List.<String>of()) {
            try (AsyncSubject s = subject(name, http, h2port, ca)) {
                Row r = measure(s, levels.get(0), warmup, measure);
                System.out.printf("# warm-up pass: %s %.0f requests/s (not counted)%n", name, r.perSecond);
                s.failures();   // what failed during the pass is not reported with the first round
            }
        }
        for (int n : levels) {
            for (int round = 1; round <= rounds; round++) {
                List<String> order = new ArrayList<>(subjects);
                java.util.Collections.rotate(order, round - 1);
                for (String name : order) {
                    try (AsyncSubject s = subject(name, http, h2port, ca)) {
                        Row r = measure(s, n, warmup, measure);
                        System.out.printf("%d\t%d\t%s\t%.0f\t%d\t%d\t%d%n", n, round, name, r.perSecond, r.failed,
                                r.connections, r.heapPerCall);
                        String failures = s.failures();
                        if (!failures.isEmpty()) {
                            // to stderr, so the rows stay a table: what the failed calls answered
                            System.err.println("# " + n + " in flight, round " + round + ", " + name + ": failed calls "
                                    + failures);
                        }
                    }
                }
            }
        }
    }

    private static AsyncSubject subject(String name, String http, int h2port, String ca) {
        switch (name) {
            case "async":
                return httpcon(Map.of("httpclient.httpcon", "api=>" + http + ";keep_connections=1"), null,
                        URI.create(http).getPort());
            case "asyncinline":
                // completions on the thread that ends the attempt (an I/O thread): the cost of the hop to an executor
                return httpcon(Map.of("httpclient.httpcon", "api=>" + http + ";keep_connections=1"), Runnable::run,
                        URI.create(http).getPort());
            case "rawasync":
            case "rawasynchop":
            case "rawasynchopfj":
            case "rawasynchopspin": {
                RawAsyncClient raw = new RawAsyncClient(RawAsyncClient.Mode.FUTURE, URI.create(http + "/json"), true,
                        null, USER_AGENT, LoadCommand.BODY_LENGTH);
                int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
                java.util.concurrent.ExecutorService pool = switch (name) {
                    case "rawasynchop" -> completionPool();
                    // work-stealing, FIFO (async mode): the JDK's other general-purpose pool
                    case "rawasynchopfj" -> new java.util.concurrent.ForkJoinPool(threads,
                            java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
                    default -> null;
                };
                SpinningPool spinning = name.equals("rawasynchopspin") ? new SpinningPool(threads, 50_000) : null;
                java.util.concurrent.Executor hop = spinning != null ? spinning : pool;
                return new AsyncSubject() {
                    @Override
                    public CompletableFuture<Boolean> call() {
                        return hop == null ? raw.callAsync() : raw.callAsync().thenApplyAsync(ok -> ok, hop);
                    }

                    @Override
                    public int port() {
                        return URI.create(http).getPort();
                    }

                    @Override
                    public void close() {
                        raw.close();
                        if (pool != null) {
                            pool.shutdown();
                        }
                        if (spinning != null) {
                            spinning.close();
                        }
                    }
                };
            }
            case "h2":
            case "h1tls":
                return httpcon(Map.of("httpclient.cacert", ca, "httpclient.http_version", name.equals("h2") ? "2" : "1.1",
                        "httpclient.httpcon", "api=>https://127.0.0.1:" + h2port + ";keep_connections=1"), null, h2port);
            default:
                throw new IllegalArgumentException("unknown subject " + name
                        + " (async, asyncinline, rawasync, rawasynchop, rawasynchopfj, rawasynchopspin, h2, h1tls)");
        }
    }

    /** A pool as httpcon's default completion pool: max(2, processors) threads, an unbounded queue. */
    private static java.util.concurrent.ThreadPoolExecutor completionPool() {
        int n = Math.max(2, Runtime.getRuntime().availableProcessors());
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return new java.util.concurrent.ThreadPoolExecutor(n, n, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "rawhop-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    private static AsyncSubject httpcon(Map<String, String> config, java.util.concurrent.Executor completions,
                                        int port) {
        Map<String, String> all = new java.util.HashMap<>(config);
        all.put("httpclient.useragent", USER_AGENT);
        StandaloneHttpCon http = StandaloneHttpCon.start(all);
        HttpConnection api = http.connection("api");
        Map<Integer, String> sample = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Integer, java.util.concurrent.atomic.LongAdder> codes = new java.util.concurrent.ConcurrentHashMap<>();
        return new AsyncSubject() {
            @Override
            public CompletableFuture<Boolean> call() {
                return api.sendAsync(dev.httpcon.HttpRequest.get("/json"), completions).thenApply(r -> {
                    boolean good = good(r);
                    if (!good) {
                        codes.computeIfAbsent(r.code(), c -> new java.util.concurrent.atomic.LongAdder()).increment();
                        sample.putIfAbsent(r.code(), r.errorText() + ", sent " + r.sent() + ", " + r.message());
                    }
                    return good;
                });
            }

            @Override
            public String failures() {
                StringBuilder b = new StringBuilder();
                new java.util.TreeMap<>(codes).forEach((code, count) -> b.append(b.length() == 0 ? "" : "; ")
                        .append("code ").append(code).append(" x").append(count.sumThenReset()).append(" (")
                        .append(sample.get(code)).append(')'));
                sample.clear();
                return b.toString();
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    private static boolean good(HttpResult r) {
        return r.code() == 200 && r.bodyLength() == LoadCommand.BODY_LENGTH;
    }

    private record Row(double perSecond, long failed, long connections, long heapPerCall) {
    }

    /** Established TCP connections to {@code port} on this machine (Linux /proc/net/tcp and tcp6), or -1. */
    private static long tcpConnections(int port) {
        String remote = String.format(":%04X ", port);
        try {
            List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/tcp")));
            java.nio.file.Path six = java.nio.file.Path.of("/proc/net/tcp6");
            if (java.nio.file.Files.exists(six)) {
                lines.addAll(java.nio.file.Files.readAllLines(six));
            }
            return lines.stream()
                    .map(String::trim)
                    .filter(l -> {
                        String[] f = l.split("\\s+");
                        return f.length > 3 && (f[2] + " ").endsWith(remote) && f[3].equals("01");
                    })
                    .count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Keeps {@code n} calls in flight for the warm-up and the window; counts completions in the window. */
    private static Row measure(AsyncSubject s, int n, double warmup, double window) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong outstanding = new AtomicLong();
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (!running.get()) {
                outstanding.decrementAndGet();
                return;
            }
            s.call().whenComplete((ok, e) -> {
                done.incrementAndGet();
                if (e != null || !Boolean.TRUE.equals(ok)) {
                    failed.incrementAndGet();
                }
                next[0].run();
            });
        };
        // one call first, alone: the first connection is open (and, over HTTP/2, known to multiplex)
        // before n calls lease at once, as in a running application
        if (!s.call().get(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("the subject's first call did not get a 200 with the whole body");
        }
        long before = usedHeapAfterGc();
        for (int i = 0; i < n; i++) {
            outstanding.incrementAndGet();
            next[0].run();
        }
        Thread.sleep((long) (warmup * 1000));
        long d0 = done.get();
        long f0 = failed.get();
        long t0 = System.nanoTime();
        Thread.sleep((long) (window * 1000));
        long d1 = done.get();
        long t1 = System.nanoTime();
        long f1 = failed.get();
        long connections = tcpConnections(s.port());
        long during = usedHeapAfterGc();   // n calls are in flight throughout
        running.set(false);
        long end = System.nanoTime() + 30_000_000_000L;
        while (outstanding.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return new Row((d1 - d0) / ((t1 - t0) / 1e9), f1 - f0, connections, Math.max(0, during - before) / n);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
