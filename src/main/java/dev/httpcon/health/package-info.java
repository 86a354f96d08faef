/**
 * Internal: httpcon's MicroProfile Health readiness check ({@link dev.httpcon.health.ConnectionsReadiness}),
 * added by the CDI extension only when the MicroProfile Health API is present. Its name and data are
 * documented in {@code docs/resilience.md}; the classes here are internal and may change without notice.
 */
package dev.httpcon.health;
