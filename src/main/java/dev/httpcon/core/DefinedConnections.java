package dev.httpcon.core;

import dev.httpcon.ConnectionState;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * What a measurement back end knows of the connections, the same in each: the names defined now
 * (the only connection tags a back end makes, so a name that is not defined never becomes a time
 * series) and the state each one reported last, which a back end's state gauge reads.
 *
 * <p>A reload ({@link MetricsRecorder#connections}) replaces the names and forgets the state of a
 * removed connection: defined again, it starts AVAILABLE, as the core makes it. Thread-safe.
 */
public final class DefinedConnections {

    private volatile Set<String> names;
    private final Map<String, ConnectionState> states = new ConcurrentHashMap<>();

    public DefinedConnections(Collection<String> names) {
        this.names = Set.copyOf(names);
    }

    /** The connections defined from now on. */
    public void define(Set<String> names) {
        this.names = Set.copyOf(names);
        states.keySet().retainAll(this.names);
    }

    /** Whether {@code connection} is defined now. */
    public boolean contains(String connection) {
        return names.contains(connection);
    }

    /** How many connections are defined now. */
    public int size() {
        return names.size();
    }

    /**
     * Notes {@code connection}'s new state, if it is defined.
     *
     * @return whether this is the first state it reported (a back end registers its gauge then)
     */
    public boolean report(String connection, ConnectionState state) {
        return contains(connection) && states.put(connection, state) == null;
    }

    /** The state {@code connection} reported last; AVAILABLE if none. */
    public ConnectionState state(String connection) {
        return states.getOrDefault(connection, ConnectionState.AVAILABLE);
    }

    /** Each connection that reported a state, with the last one. */
    public void forEachState(BiConsumer<String, ConnectionState> each) {
        states.forEach(each);
    }
}
