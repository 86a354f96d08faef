package dev.httpcon;

import java.time.Duration;
import java.util.Objects;

/**
 * One attempt on one connection, as recorded on a result that went through failover: which
 * connection was tried, the code it gave (HTTP status or curl error), how long it took, and
 * whether the request may have reached the server.
 *
 * <pre>{@code
 * HttpResult r = primary.post("/charge", "application/json", json);
 * for (Attempt a : r.attempts()) {
 *     // "primary -> 7 (not sent)", "backup -> 200 (sent)"
 *     System.out.println(a.connection() + " -> " + a.code() + (a.sent() ? " (sent)" : " (not sent)"));
 * }
 * }</pre>
 *
 * <p>An attempt skipped by connection health or refused by the overload guard is listed too, with
 * its code (7 or 89), {@code sent() == false} and (next to) no time.
 *
 * @param connection the connection tried
 * @param code       what it gave: an HTTP status, or a curl error code
 * @param elapsed    how long it took
 * @param sent       {@code false} only when the request certainly did not reach the server
 *                   ({@link HttpResult#sent()} says when that is); {@code true} when it may have
 */
public record Attempt(String connection, int code, Duration elapsed, boolean sent) {
    public Attempt {
        Objects.requireNonNull(connection, "connection must be set");
        Objects.requireNonNull(elapsed, "elapsed must be set");
    }

    /** An attempt that may have been sent (the safe assumption). */
    public Attempt(String connection, int code, Duration elapsed) {
        this(connection, code, elapsed, true);
    }
}
