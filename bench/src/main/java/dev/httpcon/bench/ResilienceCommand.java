package dev.httpcon.bench;

import dev.httpcon.ConnectionState;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code resilience --port P ...}: what connection health and the overload guard cost, through the
 * CDI beans (every interceptor on), against the same nginx as the other commands.
 *
 * <ul>
 *   <li>scenario {@code http-keep-resilience}: {@code b-direct} GETs through the backup connection;
 *       {@code b-hole-off} through a primary whose server accepts and never answers (a black hole
 *       in this process), {@code timeout=200ms}, failing over to that backup, health off: every call
 *       waits the primary's timeout; {@code b-hole-on} the same with {@code health_failures=3}: once
 *       NOTREACHABLE (before measuring) every call skips the primary. Target: {@code b-hole-on}
 *       within 5% of {@code b-direct}.</li>
 *   <li>scenario {@code overload-guard}: {@code b-refused} GETs through a connection with
 *       {@code max_concurrent=1} whose one permit a background call holds (on the black hole, with a
 *       long timeout): every measured call is refused with 89. Its latency is the refusal's.</li>
 * </ul>
 */
final class ResilienceCommand {

    private ResilienceCommand() {
    }

    static void run(Options o) throws Exception {
        String base = "http://127.0.0.1:" + o.integer("port");
        Results out = new Results(o.path("out"));
        try (BlackHole hole = new BlackHole()) {
            String dead = "http://127.0.0.1:" + hole.port();
            Map<String, String> config = new LinkedHashMap<>();
            config.put("httpclient.keep_connections", "1");
            config.put("httpclient.httpcon[0]", "backup=>" + base);
            config.put("httpclient.httpcon[1]", "hole_off=>" + dead + ";timeout=200ms;failover=backup");
            config.put("httpclient.httpcon[2]", "hole_on=>" + dead + ";timeout=200ms;failover=backup;health_failures=3;"
                    + "health_retry=60m");
            config.put("httpclient.httpcon[3]", "guarded=>" + dead + ";timeout=60m;max_concurrent=1");
            try (Container container = Container.boot(config)) {
                HttpConnection backup = container.connection("backup");
                HttpConnection off = container.connection("hole_off");
                HttpConnection on = container.connection("hole_on");
                HttpConnection guarded = container.connection("guarded");
                HttpConnections all = container.connections();
                for (int i = 0; i < 3; i++) {
                    check(on.get(LoadCommand.PATH), 28);
                }
                if (all.state("hole_on") != ConnectionState.NOTREACHABLE) {
                    throw new IllegalStateException("hole_on should be NOTREACHABLE: " + all.list());
                }
                check(off.get(LoadCommand.PATH), 28);

                // The holder retries while it is refused: had the probe below taken the permit first,
                // its own call would be refused with 89 at once, and nothing would hold the permit.
                long holderUntil = System.nanoTime() + 10_000_000_000L;
                Thread holder = new Thread(() -> {
                    while (guarded.get(LoadCommand.PATH).code() == 89 && System.nanoTime() < holderUntil) {
                        Thread.onSpinWait();
                    }
                }, "permit-holder");
                holder.setDaemon(true);
                holder.start();
                long until = System.nanoTime() + 10_000_000_000L;
                // The probe carries its own short timeout: should it take the permit before the holder
                // thread does (a busy machine starts threads late), it gives it back after 100 ms
                // instead of holding it for the connection's hour.
                HttpRequest probe = HttpRequest.builder("GET", LoadCommand.PATH).timeout(Duration.ofMillis(100)).build();
                while (guarded.send(probe).code() != 89) {
                    if (System.nanoTime() > until) {
                        throw new IllegalStateException("the guard's permit was never taken");
                    }
                    Thread.sleep(10);
                }

                Map<String, Subject> subjects = Map.of(
                        "b-direct", () -> LoadCommand.ok(backup.get(LoadCommand.PATH)),
                        "b-hole-off", () -> LoadCommand.ok(off.get(LoadCommand.PATH)),
                        "b-hole-on", () -> LoadCommand.ok(on.get(LoadCommand.PATH)),
                        "b-refused", () -> guarded.get(LoadCommand.PATH).code() == 89);
                for (String t : o.list("threads", "1,8")) {
                    int threads = Integer.parseInt(t);
                    LoadCommand.rounds(o, out, "http-keep-resilience", threads,
                            List.of("b-direct", "b-hole-off", "b-hole-on"),
                            (s, warmup, measure) -> ClosedLoop.run(subjects.get(s), threads, warmup, measure));
                    LoadCommand.rounds(o, out, "overload-guard", threads, List.of("b-refused"),
                            (s, warmup, measure) -> ClosedLoop.run(subjects.get(s), threads, warmup, measure));
                }
                if (all.state("hole_on") != ConnectionState.NOTREACHABLE) {
                    throw new IllegalStateException("hole_on came back during the run: " + all.list());
                }
            }
        }
    }

    /** The primary's failure must be the black hole's timeout, and the backup must have answered. */
    private static void check(HttpResult r, int primaryCode) {
        if (!LoadCommand.ok(r) || r.attempts().isEmpty() || r.attempts().get(0).code() != primaryCode) {
            throw new IllegalStateException("setup: expected " + primaryCode + " then 200, got " + r + " "
                    + r.attempts());
        }
    }

    /** A server on 127.0.0.1 that accepts every connection, keeps it open and never answers. */
    private static final class BlackHole implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        BlackHole() throws IOException {
            server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "black-hole");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
