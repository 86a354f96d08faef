/**
 * Internal: the MicroProfile Metrics back end of the core's measurement SPI
 * ({@link dev.httpcon.metrics.MpMetricsRecorder}), used only when the MicroProfile Metrics API is
 * present. The metric names are documented in {@code docs/usage.md}.
 *
 * <p>Not API: this package may change without notice.
 */
package dev.httpcon.metrics;
