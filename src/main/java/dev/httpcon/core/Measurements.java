package dev.httpcon.core;

import dev.httpcon.HttpResult;
import java.util.Objects;

/**
 * The {@link Concern#MEASUREMENTS} stage: times each attempt and records it, once, on the
 * connection that made it: the listcon ok/fail counts (always) and, when a back end is present,
 * one {@link Measurement} handed to the deployment's {@link MetricsRecorder} (which may hand it to
 * several back ends). With {@link MetricsRecorder#NOOP} nothing is allocated for measuring.
 *
 * <p>It also records what belongs to the whole call, as {@link FailoverPolicy} announces it: the
 * call's span on connections that may fail over, and each failover.
 */
final class Measurements implements Stage {

    private volatile MetricsRecorder recorder;

    Measurements(MetricsRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder must be set");
    }

    void recorder(MetricsRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder must be set");
    }

    @Override
    public Concern concern() {
        return Concern.MEASUREMENTS;
    }

    @Override
    public HttpResult enter(Call call) {
        long now = System.nanoTime();
        call.started = now;
        MetricsRecorder r = recorder;
        if (r != MetricsRecorder.NOOP) {
            call.measurement = new Measurement(call, r, now);
        }
        return null;
    }

    @Override
    public HttpResult exit(Call call, HttpResult result) {
        long nanos = System.nanoTime() - call.started;
        call.runtime().count(result);
        Measurement m = call.measurement;
        if (m != null) {
            call.measurement = null;
            m.finish(result, nanos);
        }
        return result;
    }

    @Override
    public void abandon(Call call, Throwable failure) {
        Measurement m = call.measurement;
        if (m != null) {
            call.measurement = null;
            m.abandon();
        }
    }

    /** A call on a connection that may fail over begins: its span, if a back end traces. */
    void callStarted(Call call) {
        Tracing t = recorder.tracing();
        if (t != null) {
            call.tracing = t;
            call.trace = t.startCall(call.runtime().name(), call.request());
        }
    }

    /** The call begun by {@link #callStarted} ends with {@code result}, after every hop. */
    void callEnded(Call call, HttpResult result) {
        Tracing t = call.tracing;
        if (t != null) {
            Object trace = call.trace;
            call.tracing = null;
            call.trace = null;
            t.endCall(trace, result);
        }
    }

    /** The call failed on its connection and goes on to {@code to}. */
    void failedOver(Call call, String to) {
        recorder.failover(call.runtime().name(), to);
    }
}
