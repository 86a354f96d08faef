/**
 * Internal: the OpenTelemetry back end of the core's measurement SPI
 * ({@link dev.httpcon.otel.OtelRecorder}): spans and metrics after the HTTP semantic conventions,
 * used only when the OpenTelemetry API is present. The names are documented in
 * {@code docs/observability.md}.
 *
 * <p>Not API: this package may change without notice.
 */
package dev.httpcon.otel;
