package dev.httpcon.core;

import dev.httpcon.CurlError;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a measurement back end makes once per kind of request and then reuses: the attributes of a
 * request's duration (OpenTelemetry), its timer (Micrometer). A kind is what those are made of:
 * the connection, the method, the server's address and port, the status, the curl error and the
 * protocol version of {@link Measurement}'s current request.
 *
 * <p>Why: building them per request (a builder, a sorted array, boxed numbers, a registry lookup
 * by tags) was the largest part of what a back end cost per request (the telemetry profile in
 * {@code bench/RESULTS.md}), while a deployment sends few kinds of requests. The last kind made is
 * checked first, without allocating; other kinds are found in a map. The map is bounded
 * ({@code limit} kinds: redirects may name any server), past it values are made each time and not
 * kept. Thread-safe; {@code make} may run more than once for one kind under contention.
 *
 * @param <V> what is made per kind
 */
public final class ByRequestKind<V> {

    private final Function<Measurement, V> make;
    private final int limit;
    private final Map<Kind, V> made = new ConcurrentHashMap<>();
    private volatile Last<V> last;

    /**
     * @param make  makes the value of the kind of {@code Measurement}'s current request
     * @param limit how many kinds are kept at most
     */
    public ByRequestKind(Function<Measurement, V> make, int limit) {
        this.make = Objects.requireNonNull(make, "make must be set");
        this.limit = limit;
    }

    /** The value of the kind of {@code m}'s current request, made the first time. */
    public V get(Measurement m) {
        Last<V> l = last;
        if (l != null && l.kind.is(m)) {
            return l.value;
        }
        Kind kind = Kind.of(m);
        V value = made.get(kind);
        if (value == null) {
            value = make.apply(m);
            if (made.size() < limit) {
                V before = made.putIfAbsent(kind, value);
                if (before != null) {
                    value = before;
                }
            } else {
                return value;
            }
        }
        last = new Last<>(kind, value);
        return value;
    }

    /** How many kinds are kept (for tests). */
    int size() {
        return made.size();
    }

    private record Last<V>(Kind kind, V value) {
    }

    private record Kind(String connection, String method, String address, int port, int status, CurlError error,
                        String protocol) {

        static Kind of(Measurement m) {
            return new Kind(m.connection(), m.method(), m.serverAddress(), m.serverPort(), m.status(), m.error(),
                    m.protocolVersion());
        }

        /** Whether {@code m}'s current request is of this kind, without allocating. */
        boolean is(Measurement m) {
            return port == m.serverPort() && status == m.status() && error == m.error()
                    && Objects.equals(connection, m.connection()) && Objects.equals(method, m.method())
                    && Objects.equals(address, m.serverAddress()) && Objects.equals(protocol, m.protocolVersion());
        }
    }
}
