package dev.httpcon;

import java.time.Instant;
import java.util.Objects;

/**
 * A connection changed its {@link ConnectionState}: the CDI event httpcon fires once per change
 * (observe it with {@code @Observes} or {@code @ObservesAsync}), also what a listener registered on
 * {@code StandaloneHttpCon.onStateChange} gets. Delivered on httpcon's own notification thread,
 * never on the thread of the call that caused the change, in the order the changes happened.
 *
 * <pre>{@code
 * void onChange(@Observes ConnectionStateChanged e) {
 *     alarms.raise(e.connection() + " is " + e.state() + ": " + e.reason());
 * }
 * }</pre>
 *
 * @param connection the connection name
 * @param previous   the state before
 * @param state      the state now
 * @param reason     why, for people: e.g. {@code "3 failed attempts in a row (last: 7 Couldn't connect
 *                   to server)"}, {@code "trial call answered 200"}, {@code "disabled by an operator"}
 * @param at         when the change happened
 */
public record ConnectionStateChanged(String connection, ConnectionState previous, ConnectionState state,
                                     String reason, Instant at) {
    public ConnectionStateChanged {
        Objects.requireNonNull(connection, "connection must be set");
        Objects.requireNonNull(previous, "previous must be set");
        Objects.requireNonNull(state, "state must be set");
        Objects.requireNonNull(reason, "reason must be set");
        Objects.requireNonNull(at, "at must be set");
    }

    @Override
    public String toString() {
        return "httpcon: connection '" + connection + "' " + previous + " -> " + state + ": " + reason;
    }
}
