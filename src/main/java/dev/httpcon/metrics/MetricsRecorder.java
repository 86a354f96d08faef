package dev.httpcon.metrics;

import dev.httpcon.HttpResult;

/**
 * Where attempt counts and durations go. {@link #NOOP} when no metrics implementation is present;
 * {@code MpMetricsRecorder} when MicroProfile Metrics is.
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
}
