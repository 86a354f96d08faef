package dev.httpcon.core;

import dev.httpcon.HttpResult;
import java.util.Objects;

/**
 * The {@link Concern#MEASUREMENTS} stage: times each attempt and records it, once, on the
 * connection that made it: the listcon ok/fail counts and the deployment's
 * {@link MetricsRecorder} (which may hand it to several back ends).
 */
final class Measurements implements Stage {

    private volatile MetricsRecorder recorder;

    Measurements(MetricsRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder must be set");
    }

    void recorder(MetricsRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder must be set");
    }

    MetricsRecorder recorder() {
        return recorder;
    }

    @Override
    public Concern concern() {
        return Concern.MEASUREMENTS;
    }

    @Override
    public HttpResult enter(Call call) {
        call.started = System.nanoTime();
        return null;
    }

    @Override
    public HttpResult exit(Call call, HttpResult result) {
        long nanos = System.nanoTime() - call.started;
        ConnectionRuntime runtime = call.runtime();
        runtime.count(result);
        recorder.attempt(runtime.name(), result, nanos);
        return result;
    }
}
