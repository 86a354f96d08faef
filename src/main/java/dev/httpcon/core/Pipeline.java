package dev.httpcon.core;

import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The one composition of the concerns around a call's attempts, for every front door. The stages
 * are listed once, here, outermost first:
 *
 * <ol>
 *   <li>{@link Concern#REDIRECT_CAPTURE}: {@link RedirectCapture};</li>
 *   <li>{@link Concern#FAILOVER}: {@link FailoverPolicy}, only on connections that name a failover;</li>
 *   <li>{@link Concern#MEASUREMENTS}: {@link Measurements};</li>
 * </ol>
 * then the attempt itself ({@link ConnectionRuntime#execute}, the engine).
 *
 * <p>Without a container {@link #run} runs them, in plain Java, with the protocol of
 * {@link Stage}. In CDI each concern is one interceptor bound to the connection's {@link Exchange}
 * with the concern's position as its priority, and the container runs the same stages in the same
 * order around {@link #attempt}: which concerns apply to a connection is decided here
 * ({@link #concernsFor}) for both.
 */
final class Pipeline {

    /** Every stage, by {@link Concern#ordinal()}. */
    private final Stage[] stages;
    private final Stage[] withFailover;
    private final Stage[] withoutFailover;
    private final List<Concern> concernsWithFailover;
    private final List<Concern> concernsWithoutFailover;
    private final Measurements measurements;

    /** The pipeline every front door runs: the one list of the concerns, outermost first. */
    static Pipeline standard(MetricsRecorder recorder) {
        Measurements measurements = new Measurements(recorder);
        return new Pipeline(measurements, new RedirectCapture(), new FailoverPolicy(), measurements);
    }

    /**
     * @param measurements where {@link #recorder} goes
     * @param stages       one per {@link Concern}, in {@link Concern} order
     */
    Pipeline(Measurements measurements, Stage... stages) {
        this.measurements = measurements;
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
        this.withFailover = stages.clone();
        this.withoutFailover = without(Concern.FAILOVER);
        this.concernsWithFailover = concerns(withFailover);
        this.concernsWithoutFailover = concerns(withoutFailover);
    }

    /** Where attempts are recorded from now on (a container finds its metrics after boot). */
    void recorder(MetricsRecorder recorder) {
        measurements.recorder(recorder);
    }

    /** Where attempts are recorded now. */
    MetricsRecorder recorder() {
        return measurements.recorder();
    }

    /** The stage of a concern. */
    Stage stage(Concern concern) {
        return stages[concern.ordinal()];
    }

    /** The concerns that apply to a connection, outermost first. */
    List<Concern> concernsFor(ConnectionSettings settings) {
        return settings.failover() == null ? concernsWithoutFailover : concernsWithFailover;
    }

    /** Runs every concern that applies to the call's connection around its attempt. */
    HttpResult run(Call call) {
        return run(call, call.runtime().settings().failover() == null ? withoutFailover : withFailover, 0);
    }

    /** The attempt alone: what the innermost concern wraps. */
    HttpResult attempt(Call call) {
        return call.runtime().execute(call.request());
    }

    private HttpResult run(Call call, Stage[] applied, int i) {
        if (i == applied.length) {
            return attempt(call);
        }
        Stage stage = applied[i];
        HttpResult early = stage.enter(call);
        if (early != null) {
            return early;
        }
        HttpResult inner;
        try {
            inner = run(call, applied, i + 1);
        } catch (RuntimeException | Error e) {
            stage.abandon(call, e);
            throw e;
        }
        return stage.exit(call, inner);
    }

    private Stage[] without(Concern left) {
        List<Stage> kept = new ArrayList<>();
        for (Stage s : stages) {
            if (s.concern() != left) {
                kept.add(s);
            }
        }
        return kept.toArray(new Stage[0]);
    }

    private static List<Concern> concerns(Stage[] applied) {
        List<Concern> list = new ArrayList<>();
        for (Stage s : applied) {
            list.add(s.concern());
        }
        return List.copyOf(list);
    }
}
