/**
 * Internal: the OpenTelemetry back end of the core's measurement SPI
 * ({@link dev.httpcon.otel.OtelRecorder}): spans and metrics after the HTTP semantic conventions,
 * used only when the OpenTelemetry API is present. The names are documented in
 * {@code docs/observability.md}.
 *
 * <p>Not API, and may change without notice, except {@link dev.httpcon.otel.HttpConOpenTelemetry}:
 * the public factory of this back end for the container-less entry point.
 */
package dev.httpcon.otel;
