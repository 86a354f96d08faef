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
 * call's span on connections that may fail over, and each failover. Skips (health) and refusals
 * (overload guard) are not attempts: their stages, outside this one, tell the recorder themselves.
 */
final class Measurements implements Stage {

    private final Recording recording;

    Measurements(Recording recording) {
        this.recording = Objects.requireNonNull(recording, "recording must be set");
    }

    @Override
    public Concern concern() {
        return Concern.MEASUREMENTS;
    }

    @Override
    public HttpResult enter(Call call) {
        call.attempted = true;
        MetricsRecorder r = recording.recorder();
        if (r != MetricsRecorder.NOOP) {
            call.measurement = new Measurement(call, r, System.nanoTime());
        }
        return null;
    }

    @Override
    public HttpResult exit(Call call, HttpResult result) {
        call.runtime().count(result);
        Measurement m = call.measurement;
        if (m != null) {
            m.finish(result, System.nanoTime());
        }
        return result;
    }

    @Override
    public void abandon(Call call, Throwable failure) {
        Measurement m = call.measurement;
        if (m != null) {
            m.abandon();
        }
    }

    /** A call on a connection that may fail over begins: its span, if a back end traces. */
    void callStarted(Call call) {
        Tracing t = recording.recorder().tracing();
        if (t != null) {
            CallTrace trace = new CallTrace(null);
            trace.tracing = t;
            trace.span = t.startCall(call.runtime().name(), call.request());
            call.trace = trace;
        }
    }

    /** The call begun by {@link #callStarted} ends with {@code result}, after every hop. */
    void callEnded(Call call, HttpResult result) {
        CallTrace trace = call.trace;
        if (trace != null && trace.tracing != null) {
            Tracing t = trace.tracing;
            Object span = trace.span;
            trace.tracing = null;
            trace.span = null;
            t.endCall(span, result);
        }
    }

    /** The call failed on its connection and goes on to {@code to}. */
    void failedOver(Call call, String to) {
        recording.recorder().failover(call.runtime().name(), to);
    }
}
