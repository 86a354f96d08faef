/**
 * Internal: the Micrometer back end of the core's measurement SPI
 * ({@link dev.httpcon.micrometer.MicrometerRecorder}, a {@code MeterBinder}), used only when
 * Micrometer is present. The names are documented in {@code docs/observability.md}.
 *
 * <p>Not API: this package may change without notice.
 */
package dev.httpcon.micrometer;
