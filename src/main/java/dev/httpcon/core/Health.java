package dev.httpcon.core;

import dev.httpcon.Attempt;
import dev.httpcon.ConnectionState;
import dev.httpcon.CurlError;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ResilienceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's health: its {@link ConnectionState}, the failed attempts in a row that lead to
 * NOTREACHABLE, and the one trial call let through when {@code health_retry} has passed.
 *
 * <p>The call path reads one volatile field while the connection is AVAILABLE, and writes only
 * when something changes (a failure, the first success after failures). Changes of state are rare
 * and synchronized; each is reported once to the {@link HealthMonitor}, which logs it, tells the
 * listeners and the measurements, and starts the probe, off the caller's thread.
 *
 * <p>The thresholds are read from the settings of the runtime in use at each step, never kept:
 * a reload that changes them applies at once to the state carried over.
 */
final class Health {

    private final String name;
    private volatile ConnectionState state = ConnectionState.AVAILABLE;
    private final AtomicInteger failures = new AtomicInteger();
    /** Whether a trial call is in flight (at most one). */
    private final AtomicBoolean trial = new AtomicBoolean();
    /** When ({@link System#nanoTime()}) a trial call may go (NOTREACHABLE without probe). */
    private volatile long nextTrialAt;
    /** Counts the changes of state: a probe started for one NOTREACHABLE spell stops after it. */
    private volatile long generation;
    /** What a skipped call gets, and its entry in a failover's trail: made once per change of state. */
    private volatile Skip skip;

    /** A skip's result and the {@link Attempt} a failover lists for it (the skip's code, nothing sent, no time). */
    private record Skip(HttpResult result, Attempt attempt) {
    }

    Health(String name) {
        this.name = name;
    }

    ConnectionState state() {
        return state;
    }

    long generation() {
        return generation;
    }

    int failures() {
        return failures.get();
    }

    /**
     * Whether a call may go to the connection now; sets {@code call.trial} when it goes as the
     * trial call of a NOTREACHABLE connection.
     */
    boolean admits(Call call, ResilienceSettings settings, HealthMonitor monitor) {
        ConnectionState s = state;
        if (s == ConnectionState.AVAILABLE) {
            return true;
        }
        if (s == ConnectionState.NOTREACHABLE) {
            if (!settings.healthOn()) {
                // health was turned off (a reload) while NOTREACHABLE: nothing would ever bring it back
                change(ConnectionState.NOTREACHABLE, ConnectionState.AVAILABLE, "health_failures is 0 now", monitor);
                return true;
            }
            if (settings.healthProbe() == null && System.nanoTime() - nextTrialAt >= 0
                    && trial.compareAndSet(false, true)) {
                if (state == ConnectionState.NOTREACHABLE) {
                    call.trial = true;
                    return true;
                }
                trial.set(false);   // changed meanwhile (enabled, disabled): decide again
                return admits(call, settings, monitor);
            }
        }
        return false;
    }

    /** The result of a call that skipped the connection (code 7, not sent). */
    HttpResult skipResult() {
        Skip s = skip;
        return s != null ? s.result : skipResult(state, "");
    }

    /**
     * The trail's entry for {@code result} when it is this connection's skip result as made at the
     * last change of state, so a failover past a NOTREACHABLE connection makes none per call;
     * {@code null} for any other result.
     */
    Attempt skipAttempt(HttpResult result) {
        Skip s = skip;
        return s != null && s.result == result ? s.attempt : null;
    }

    private HttpResult skipResult(ConnectionState s, String why) {
        String message = switch (s) {
            case DISABLED -> "connection '" + name + "' is DISABLED (" + why + "): not tried";
            case NOTREACHABLE -> "connection '" + name + "' is NOTREACHABLE (" + why + "): not tried";
            case AVAILABLE -> "connection '" + name + "' was skipped: not tried";
        };
        return HttpResult.builder().servedBy(name).error(CurlError.COULDNT_CONNECT, message).sent(false)
                .elapsed(Duration.ZERO).build();
    }

    /**
     * What an attempt (or a gate inside health) gave. {@code outcome}: 1 success, -1 failure,
     * 0 says nothing about the server.
     */
    void record(Call call, int outcome, HttpResult result, ResilienceSettings settings, HealthMonitor monitor) {
        if (call.trial) {
            call.trial = false;
            try {
                if (outcome > 0) {
                    change(ConnectionState.NOTREACHABLE, ConnectionState.AVAILABLE,
                            "trial call answered " + describe(result), monitor);
                } else if (outcome < 0) {
                    nextTrialAt = System.nanoTime() + settings.healthRetry().toNanos();
                }
            } finally {
                trial.set(false);
            }
            return;
        }
        if (!settings.healthOn() || state != ConnectionState.AVAILABLE) {
            return;   // a late answer of a call that started before a change says nothing new
        }
        if (outcome > 0) {
            if (failures.get() != 0) {
                failures.set(0);
            }
        } else if (outcome < 0 && failures.incrementAndGet() >= settings.healthFailures()) {
            change(ConnectionState.AVAILABLE, ConnectionState.NOTREACHABLE, settings.healthFailures()
                    + " failed attempt(s) in a row (last: " + describe(result) + ")", monitor);
        }
    }

    /** A call that was let through as the trial went wrong inside (a bug): the next call may try. */
    void abandon(Call call) {
        if (call.trial) {
            call.trial = false;
            trial.set(false);
        }
    }

    /** The background probe succeeded. */
    void probed(long probeGeneration, HttpResult result, String path, HealthMonitor monitor) {
        synchronized (this) {
            if (generation != probeGeneration) {
                return;
            }
            change(ConnectionState.NOTREACHABLE, ConnectionState.AVAILABLE,
                    "probe GET " + path + " answered " + describe(result), monitor);
        }
    }

    /**
     * Tells {@code recorder} this connection's state if it is not AVAILABLE (a recorder that comes
     * after a change). Under the lock of {@link #change}, so a change at the same time is told
     * after this, never before.
     */
    synchronized void report(MetricsRecorder recorder) {
        if (state != ConnectionState.AVAILABLE) {
            recorder.state(name, state);
        }
    }

    /** An operator's disable or enable: to {@code target} from any state. */
    void operator(ConnectionState target, HealthMonitor monitor) {
        change(null, target, target == ConnectionState.DISABLED ? "disabled by an operator" : "enabled by an operator",
                monitor);
    }

    /**
     * Moves from {@code from} ({@code null}: any state) to {@code to}; nothing when the state is
     * not {@code from}, or already {@code to}.
     */
    synchronized boolean change(ConnectionState from, ConnectionState to, String reason, HealthMonitor monitor) {
        ConnectionState was = state;
        if ((from != null && was != from) || was == to) {
            if (to == ConnectionState.AVAILABLE && from == null) {
                failures.set(0);   // enable on an AVAILABLE connection still starts the count afresh
            }
            return false;
        }
        failures.set(0);
        long now = System.nanoTime();
        generation++;
        ResilienceSettings settings = monitor.settings(name);
        nextTrialAt = now + (settings == null ? ResilienceSettings.DEFAULT_HEALTH_RETRY : settings.healthRetry())
                .toNanos();
        if (to == ConnectionState.AVAILABLE) {
            skip = null;
        } else {
            HttpResult r = skipResult(to, reason + ", since " + Instant.now());
            skip = new Skip(r, new Attempt(name, r.code(), r.elapsed(), r.sent()));
        }
        state = to;
        monitor.changed(name, was, to, reason, generation);
        return true;
    }

    private static String describe(HttpResult r) {
        return r.code() < 100 ? r.code() + " " + r.errorText() : String.valueOf(r.code());
    }
}
