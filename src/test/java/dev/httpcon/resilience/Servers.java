package dev.httpcon.resilience;

import dev.httpcon.testing.RawServer;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.Timing;
import java.util.concurrent.atomic.AtomicInteger;

/** The misbehaving servers of the resilience tests, all on 127.0.0.1. */
final class Servers {

    private Servers() {
    }

    /** Accepts every connection, reads the request and never answers (until closed, or {@link Timing#STALL}). */
    static RawServer blackHole() {
        return RawServer.start(c -> {
            c.readHead();
            Thread.sleep(Timing.STALL.toMillis());
        });
    }

    /**
     * A server whose {@code /route} answers with the status in {@code status} (503 until a test
     * sets 200: a server that recovers), and whose {@code /health} does the same.
     */
    static ReferenceServer switchable(AtomicInteger status) {
        ReferenceServer s = ReferenceServer.start();
        s.route("/route", ex -> ex.text(status.get(), "route " + status.get() + "\n"));
        s.route("/health", ex -> ex.text(status.get(), "health " + status.get() + "\n"));
        return s;
    }

    /** A server whose {@code /route} answers 200 {@code name}. */
    static ReferenceServer ok(String name) {
        ReferenceServer s = ReferenceServer.start();
        s.route("/route", ex -> ex.text(200, name + "\n"));
        return s;
    }
}
