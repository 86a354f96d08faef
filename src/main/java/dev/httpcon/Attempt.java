package dev.httpcon;

import java.time.Duration;
import java.util.Objects;

/**
 * One attempt on one connection, as recorded on a result that went through failover: which
 * connection was tried, the code it gave (HTTP status or curl error) and how long it took.
 *
 * <pre>{@code
 * HttpResult r = primary.get("/route");
 * for (Attempt a : r.attempts()) {
 *     System.out.println(a.connection() + " -> " + a.code());   // "primary -> 7", "backup -> 200"
 * }
 * }</pre>
 */
public record Attempt(String connection, int code, Duration elapsed) {
    public Attempt {
        Objects.requireNonNull(connection, "connection must be set");
        Objects.requireNonNull(elapsed, "elapsed must be set");
    }
}
