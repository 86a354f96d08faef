/**
 * Internal: the Micrometer back end of the core's measurement SPI
 * ({@link dev.httpcon.micrometer.MicrometerRecorder}, a {@code MeterBinder}), used only when
 * Micrometer is present. The names are documented in {@code docs/observability.md}.
 *
 * <p>Not API, and may change without notice, except {@link dev.httpcon.micrometer.HttpConMicrometer}:
 * the public factory of this back end for the container-less entry point.
 */
package dev.httpcon.micrometer;
