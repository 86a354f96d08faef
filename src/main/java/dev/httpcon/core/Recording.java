package dev.httpcon.core;

import java.util.Objects;

/**
 * Where a deployment's measurements go now: one holder shared by every stage that records, so the
 * recorder can be given after boot (a container finds its metrics back ends late).
 */
final class Recording {

    private volatile MetricsRecorder recorder;

    Recording(MetricsRecorder recorder) {
        recorder(recorder);
    }

    MetricsRecorder recorder() {
        return recorder;
    }

    void recorder(MetricsRecorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder must be set");
    }
}
