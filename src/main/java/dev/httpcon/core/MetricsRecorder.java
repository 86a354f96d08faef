package dev.httpcon.core;

import dev.httpcon.ConnectionState;
import dev.httpcon.HttpResult;
import dev.httpcon.ReloadResult;
import java.util.List;
import java.util.Set;

/**
 * Where attempt measurements go: the measurement SPI of the core. The measurements concern of the
 * {@link Pipeline} times each attempt on the connection that made it and hands it here, once;
 * adapters turn it into a back end's metrics ({@code dev.httpcon.metrics.MpMetricsRecorder} for
 * MicroProfile Metrics). {@link #NOOP} when no back end is present.
 *
 * <p>Implementations are called on the caller's thread after every attempt: they must be fast,
 * thread-safe and never throw.
 */
public interface MetricsRecorder {

    /** Records nothing. */
    MetricsRecorder NOOP = (connection, result, nanos) -> { };

    /**
     * One attempt on a connection.
     *
     * @param connection the connection name (the only tag: never URLs, to keep cardinality low)
     * @param result     what the attempt gave
     * @param nanos      how long it took
     */
    void attempt(String connection, HttpResult result, long nanos);

    /**
     * The connections defined now: called when the recorder is installed and after every reload
     * that adds or removes one. A back end keeps what it recorded for a connection whatever the
     * reloads (a connection changed or removed and defined again counts on), and must not register
     * its metrics twice. Nothing by default.
     */
    default void connections(Set<String> names) {
    }

    /** A reload of the configuration, whatever its outcome. Nothing by default. */
    default void reload(ReloadResult result) {
    }

    /**
     * A call skipped {@code connection} because it is not AVAILABLE (connection health or an
     * operator): not an attempt, nothing was sent.
     */
    default void skipped(String connection) {
    }

    /** The overload guard refused a call on {@code connection} ({@code max_concurrent}): not an attempt. */
    default void refused(String connection) {
    }

    /**
     * {@code connection} is in {@code state} from now on (called once per change, on the thread
     * that made it; a connection never reported is AVAILABLE).
     */
    default void state(String connection, ConnectionState state) {
    }

    /**
     * One recorder handing everything to each of {@code recorders} in order: {@link #NOOP} for
     * none, the recorder itself for one, so that one back end costs no extra call.
     */
    static MetricsRecorder all(List<MetricsRecorder> recorders) {
        List<MetricsRecorder> each = List.copyOf(recorders);
        if (each.isEmpty()) {
            return NOOP;
        }
        if (each.size() == 1) {
            return each.get(0);
        }
        MetricsRecorder[] array = each.toArray(new MetricsRecorder[0]);
        return new MetricsRecorder() {
            @Override
            public void attempt(String connection, HttpResult result, long nanos) {
                for (MetricsRecorder r : array) {
                    r.attempt(connection, result, nanos);
                }
            }

            @Override
            public void connections(Set<String> names) {
                for (MetricsRecorder r : array) {
                    r.connections(names);
                }
            }

            @Override
            public void skipped(String connection) {
                for (MetricsRecorder r : array) {
                    r.skipped(connection);
                }
            }

            @Override
            public void reload(ReloadResult result) {
                for (MetricsRecorder r : array) {
                    r.reload(result);
                }
            }

            @Override
            public void refused(String connection) {
                for (MetricsRecorder r : array) {
                    r.refused(connection);
                }
            }

            @Override
            public void state(String connection, ConnectionState state) {
                for (MetricsRecorder r : array) {
                    r.state(connection, state);
                }
            }
        };
    }
}
