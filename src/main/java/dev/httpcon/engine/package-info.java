/**
 * Internal: one attempt on one connection, on Apache HttpClient 5 ({@link dev.httpcon.engine.HttpEngine}):
 * transports and pools, TLS, proxy, auth, redirects, the total deadline, the size limit, and the
 * mapping of every failure to libcurl's code. No failover, no measurements: those are the core's.
 *
 * <p>Not API: this package may change without notice.
 */
package dev.httpcon.engine;
