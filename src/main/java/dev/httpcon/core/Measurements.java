package dev.httpcon.core;

import dev.httpcon.HttpResult;
import java.util.Objects;

/**
 * The {@link Concern#MEASUREMENTS} stage: times each attempt and records it, once, on the
 * connection that made it: the listcon ok/fail counts and the deployment's
 * {@link MetricsRecorder} (which may hand it to several back ends).
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
        call.started = System.nanoTime();
        call.attempted = true;
        return null;
    }

    @Override
    public HttpResult exit(Call call, HttpResult result) {
        long nanos = System.nanoTime() - call.started;
        ConnectionRuntime runtime = call.runtime();
        runtime.count(result);
        recording.recorder().attempt(runtime.name(), result, nanos);
        return result;
    }
}
