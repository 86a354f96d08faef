/**
 * Internal: httpcon's plain-Java core. A connection's live state
 * ({@link dev.httpcon.core.ConnectionRuntime}, {@link dev.httpcon.core.ConnectionRegistry}), the
 * one composition of the concerns around attempts (the pipeline, in the order of
 * {@link dev.httpcon.core.Concern}), the measurement SPI ({@link dev.httpcon.core.MetricsRecorder})
 * and {@link dev.httpcon.core.HttpConCore}, which every front door (CDI, the container-less entry
 * point, typed clients, the command) is built on. See {@code docs/architecture.md}.
 *
 * <p>Not API: this package may change without notice. Its public types are public for httpcon's
 * other packages only.
 */
package dev.httpcon.core;
