package dev.httpcon.core;

import dev.httpcon.ConnectionState;
import dev.httpcon.ReloadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where measurements go: the measurement SPI of the core. The measurements concern of the
 * {@link Pipeline} takes one {@link Measurement} per attempt, on the connection that made it, and
 * hands that one object to the deployment's recorder, which may be several back ends at once
 * ({@link #all}): MicroProfile Metrics ({@code dev.httpcon.metrics}), OpenTelemetry
 * ({@code dev.httpcon.otel}), Micrometer ({@code dev.httpcon.micrometer}). {@link #NOOP} when no
 * back end is present: then no measurement is made at all, and an attempt allocates nothing for
 * measuring (the listcon counts, which JMX shows, are kept by the core itself).
 *
 * <p>What a back end is told, each time once:
 * <ul>
 *   <li>{@link #request}: an HTTP request of an attempt ended (the first, a redirect followed, a
 *       re-send): what the HTTP conventions' per-request duration is made of;</li>
 *   <li>{@link #attempt}: an attempt on a connection ended (what {@code connok}/{@code connfail}
 *       count);</li>
 *   <li>{@link #failover}: a failed attempt is followed by one on the failover connection;</li>
 *   <li>{@link #skipped}: a call skipped a connection that is not AVAILABLE (no attempt);</li>
 *   <li>{@link #refused}: the overload guard refused a call (no attempt);</li>
 *   <li>{@link #state}: a connection changed state;</li>
 *   <li>{@link #connections}: the connections defined now (at install and after a reload that
 *       changes them);</li>
 *   <li>{@link #reload}: a reload of the configuration ended, whatever its outcome;</li>
 *   <li>{@link #tracing}: the back end that makes spans, if this one does.</li>
 * </ul>
 *
 * <p>Implementations are called on the caller's thread: they must be fast, thread-safe and never
 * throw.
 */
public interface MetricsRecorder {

    /** The original's gauge of connection definitions: the same name and meaning in every back end. */
    String CONNECTIONS = "httpclient.connections";
    /** The original's counter of attempts that got an answer below 500, in every back end. */
    String CONNOK = "httpclient.connok";
    /** The original's counter of failed attempts (a curl error, or 500 and above), in every back end. */
    String CONNFAIL = "httpclient.connfail";
    /** Attempts per connection and {@link Outcome} (OpenTelemetry and Micrometer). */
    String ATTEMPTS = "httpcon.attempts";
    /** Failovers, per connection gone on to and connection failed over from, in every back end. */
    String FAILOVERS = "httpcon.failovers";
    /** Calls that skipped a connection because it was not AVAILABLE, per connection, in every back end. */
    String SKIPPED = "httpcon.requests.skipped";
    /** Calls the overload guard refused ({@code max_concurrent}), per connection, in every back end. */
    String REFUSED = "httpcon.requests.refused";
    /**
     * Each connection's state as a number ({@link ConnectionState#ordinal()}: 0 AVAILABLE,
     * 1 NOTREACHABLE, 2 DISABLED), per connection, in every back end.
     */
    String STATE = "httpcon.connection.state";

    /**
     * Reloads of the configuration, by outcome ({@link #reloadOutcome}: applied, unchanged,
     * refused), in every back end.
     */
    String RELOADS = "httpcon.reloads";

    /** Records nothing; with it the core makes no {@link Measurement}. */
    MetricsRecorder NOOP = new MetricsRecorder() {
        @Override
        public void attempt(Measurement attempt) {
        }

        @Override
        public String toString() {
            return "MetricsRecorder.NOOP";
        }
    };

    /**
     * One attempt on a connection ended: {@link Measurement#connection()},
     * {@link Measurement#result()}, {@link Measurement#attemptNanos()}. Keep tags to the connection
     * name: never URLs, to keep cardinality low.
     */
    void attempt(Measurement attempt);

    /** One HTTP request of an attempt ended: the request fields of {@code attempt} say how. */
    default void request(Measurement attempt) {
    }

    /** A call that failed on connection {@code from} goes on to connection {@code to}. */
    default void failover(String from, String to) {
    }

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

    /** The outcome tag of {@link #RELOADS}: {@code applied}, {@code unchanged} or {@code refused}. */
    static String reloadOutcome(ReloadResult result) {
        return result.outcome().name().toLowerCase(Locale.ROOT);
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

    /** The back end's tracing, if it makes spans; {@code null} if it does not. */
    default Tracing tracing() {
        return null;
    }

    /**
     * One recorder handing everything to each of {@code recorders} in order: {@link #NOOP} for
     * none, the recorder itself for one, so that one back end costs no extra call. Its
     * {@link #tracing} is the first recorder's that has one.
     */
    static MetricsRecorder all(List<MetricsRecorder> recorders) {
        List<MetricsRecorder> each = new ArrayList<>();
        for (MetricsRecorder r : recorders) {
            if (r != NOOP) {
                each.add(r);
            }
        }
        if (each.isEmpty()) {
            return NOOP;
        }
        if (each.size() == 1) {
            return each.get(0);
        }
        return new All(each.toArray(new MetricsRecorder[0]));
    }

    /** {@link #all} of several. */
    final class All implements MetricsRecorder {
        private final MetricsRecorder[] each;
        private final Tracing tracing;

        private All(MetricsRecorder[] each) {
            this.each = each;
            Tracing first = null;
            for (MetricsRecorder r : each) {
                if (first == null) {
                    first = r.tracing();
                }
            }
            this.tracing = first;
        }

        @Override
        public void attempt(Measurement attempt) {
            for (MetricsRecorder r : each) {
                r.attempt(attempt);
            }
        }

        @Override
        public void request(Measurement attempt) {
            for (MetricsRecorder r : each) {
                r.request(attempt);
            }
        }

        @Override
        public void failover(String from, String to) {
            for (MetricsRecorder r : each) {
                r.failover(from, to);
            }
        }

        @Override
        public void connections(Set<String> names) {
            for (MetricsRecorder r : each) {
                r.connections(names);
            }
        }

        @Override
        public void reload(ReloadResult result) {
            for (MetricsRecorder r : each) {
                r.reload(result);
            }
        }

        @Override
        public void skipped(String connection) {
            for (MetricsRecorder r : each) {
                r.skipped(connection);
            }
        }

        @Override
        public void refused(String connection) {
            for (MetricsRecorder r : each) {
                r.refused(connection);
            }
        }

        @Override
        public void state(String connection, ConnectionState state) {
            for (MetricsRecorder r : each) {
                r.state(connection, state);
            }
        }

        @Override
        public Tracing tracing() {
            return tracing;
        }

        @Override
        public String toString() {
            return "MetricsRecorder.all" + List.of(each);
        }
    }
}
