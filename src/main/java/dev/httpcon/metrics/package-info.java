/**
 * Internal: the MicroProfile Metrics back end of the core's measurement SPI
 * ({@link dev.httpcon.metrics.MpMetricsRecorder}), used only when the MicroProfile Metrics API is
 * present. The metric names are documented in {@code docs/usage.md}.
 *
 * <p>Not API, and may change without notice, except {@link dev.httpcon.metrics.HttpConMpMetrics}:
 * the public factory of this back end for the container-less entry point.
 */
package dev.httpcon.metrics;
