package dev.httpcon.core;

import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.engine.HttpEngine;
import dev.httpcon.engine.WireObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one composition of the concerns around a call's attempts, for every front door. The stages
 * are listed once, here, outermost first:
 *
 * <ol>
 *   <li>{@link Concern#REDIRECT_CAPTURE}: {@link RedirectCapture};</li>
 *   <li>{@link Concern#FAILOVER}: {@link FailoverPolicy}, only on connections that name a failover;</li>
 *   <li>{@link Concern#BUDGET}: {@link Budget};</li>
 *   <li>{@link Concern#HEALTH}: {@link HealthGate};</li>
 *   <li>{@link Concern#OVERLOAD_GUARD}: {@link OverloadGuard}, only on connections with {@code max_concurrent};</li>
 *   <li>{@link Concern#MEASUREMENTS}: {@link Measurements};</li>
 * </ol>
 * then the attempt itself ({@link #attempt}: the engine, within the smaller of the connection's
 * {@code timeout} and what is left of the call's budget).
 *
 * <p>Without a container {@link #run} runs them, in plain Java, with the protocol of
 * {@link Stage}. In CDI each concern is one interceptor bound to the connection's {@link Exchange}
 * with the concern's position as its priority, and the container runs the same stages in the same
 * order around {@link #attempt}: which concerns apply to a connection is decided here
 * ({@link #concernsFor}) for both.
 *
 * <p>An asynchronous call runs the very same stages ({@link #runAsync}, or the same interceptors
 * around {@code Exchange.exchangeAsync}) with {@link Stage#around}: each {@code enter} when the
 * call reaches it, each exit when what is inside completes. Nothing about failover, budget,
 * health, the guard or measurements is written twice.
 */
final class Pipeline {

    /** The optional concerns, as bits of {@link #variant}: which of them a connection has. */
    private static final int WITH_FAILOVER = 1;
    private static final int WITH_GUARD = 2;

    /** Every stage, by {@link Concern#ordinal()}. */
    private final Stage[] stages;
    /** The stages a connection runs, by {@link #variant}. */
    private final Stage[][] applied = new Stage[4][];
    private final List<List<Concern>> concerns = new ArrayList<>();
    private final Recording recording;
    private final HealthMonitor monitor;

    /** The pipeline every front door runs: the one list of the concerns, outermost first. */
    static Pipeline standard(Recording recording, HealthMonitor monitor) {
        Measurements measurements = new Measurements(recording);
        return new Pipeline(recording, monitor, new RedirectCapture(), new FailoverPolicy(measurements), new Budget(),
                new HealthGate(monitor, recording), new OverloadGuard(recording), measurements);
    }

    /**
     * @param recording where measurements go
     * @param monitor   what reports changes of connection state
     * @param stages    one per {@link Concern}, in {@link Concern} order
     */
    Pipeline(Recording recording, HealthMonitor monitor, Stage... stages) {
        this.recording = recording;
        this.monitor = monitor;
        this.stages = stages.clone();
        if (stages.length != Concern.values().length) {
            throw new IllegalStateException("one stage per concern: " + stages.length + " for "
                    + Concern.values().length);
        }
        for (int i = 0; i < stages.length; i++) {
            // the list above and the enum must agree: the container orders by Concern positions
            if (stages[i].concern().ordinal() != i || (i > 0 && stages[i - 1].concern().position()
                    >= stages[i].concern().position())) {
                throw new IllegalStateException("stage " + i + " (" + stages[i].concern()
                        + ") is out of Concern order");
            }
        }
        for (int v = 0; v < applied.length; v++) {
            List<Stage> kept = new ArrayList<>();
            List<Concern> names = new ArrayList<>();
            for (Stage s : stages) {
                boolean optionalLeftOut = (s.concern() == Concern.FAILOVER && (v & WITH_FAILOVER) == 0)
                        || (s.concern() == Concern.OVERLOAD_GUARD && (v & WITH_GUARD) == 0);
                if (!optionalLeftOut) {
                    kept.add(s);
                    names.add(s.concern());
                }
            }
            applied[v] = kept.toArray(new Stage[0]);
            concerns.add(List.copyOf(names));
        }
    }

    /** Where attempts are recorded from now on (a container finds its metrics after boot). */
    void recorder(MetricsRecorder recorder) {
        recording.recorder(recorder);
    }

    HealthMonitor monitor() {
        return monitor;
    }

    /** Where attempts are recorded now. */
    MetricsRecorder recorder() {
        return recording.recorder();
    }

    /** The stage of a concern. */
    Stage stage(Concern concern) {
        return stages[concern.ordinal()];
    }

    /** The concerns that apply to a connection, outermost first. */
    List<Concern> concernsFor(ConnectionSettings settings) {
        return concerns.get(variant(settings));
    }

    private static int variant(ConnectionSettings settings) {
        return (settings.failover() == null ? 0 : WITH_FAILOVER)
                | (settings.resilience().maxConcurrent() > 0 ? WITH_GUARD : 0);
    }

    /** Runs every concern that applies to the call's connection around its attempt. */
    HttpResult run(Call call) {
        return run(call, applied[variant(call.runtime().settings())], 0);
    }

    /**
     * The attempt alone: what the innermost concern wraps, telling its measurement (if any) of each
     * request. Its deadline is the connection's {@code timeout}, or what is left of the call's
     * budget when that is less.
     */
    HttpResult attempt(Call call) {
        return call.runtime().execute(call.request(), attemptTimeout(call), observer(call));
    }

    /** What the attempt tells of each request it sends: the call's measurement, if a back end is present. */
    private static WireObserver observer(Call call) {
        Measurement m = call.measurement;
        return m == null ? WireObserver.NONE : m;
    }

    /**
     * {@link #attempt} of an asynchronous call: the same attempt with the same deadline, completing
     * on the call's executor (so the stages' exits, and a failover hop, never run on an I/O thread
     * of the engine), and stopped when the caller cancels. A call cancelled before this hop answers
     * 42 without sending.
     */
    CompletionStage<HttpResult> attemptAsync(Call call) {
        AsyncCall async = call.async;
        ConnectionRuntime runtime = call.runtime();
        if (async.cancelled()) {
            return CompletableFuture.completedFuture(HttpEngine.cancelled(runtime.name()));
        }
        return async.track(runtime.executeAsync(call.request(), attemptTimeout(call), observer(call),
                async.completions));
    }

    private static Duration attemptTimeout(Call call) {
        Duration own = call.runtime().settings().timeout();
        if (!call.hasDeadline) {
            return own;
        }
        long left = call.deadline - System.nanoTime();
        if (own.isZero() || left < own.toNanos()) {
            call.capped = true;
            // at least a millisecond: zero would mean no deadline at all to the engine
            return Duration.ofNanos(Math.max(left, 1_000_000L));
        }
        return own;
    }

    /**
     * Runs every concern that applies to the call's connection around its attempt, for an
     * asynchronous call: the same stages in the same order, each exit run when the attempt (or
     * the failover hop) inside it completes.
     */
    CompletionStage<HttpResult> runAsync(Call call) {
        try {
            return runAsync(call, applied[variant(call.runtime().settings())], 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception cannot) {
            throw new IllegalStateException(cannot);   // the pipeline's inner stages throw nothing checked
        }
    }

    private CompletionStage<HttpResult> runAsync(Call call, Stage[] stages, int i) throws Exception {
        if (i == stages.length) {
            return attemptAsync(call);
        }
        return Stage.around(stages[i], call, () -> runAsync(call, stages, i + 1));
    }

    private HttpResult run(Call call, Stage[] stages, int i) {
        if (i == stages.length) {
            return attempt(call);
        }
        Stage stage = stages[i];
        HttpResult early = stage.enter(call);
        if (early != null) {
            return early;
        }
        HttpResult inner;
        try {
            inner = run(call, stages, i + 1);
        } catch (RuntimeException | Error e) {
            stage.abandon(call, e);
            throw e;
        }
        return stage.exit(call, inner);
    }
}
