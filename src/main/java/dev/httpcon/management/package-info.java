/**
 * Internal: listcon over JMX, the MBean {@code dev.httpcon:type=HttpClient}. Its attributes and
 * operations are documented in {@code docs/usage.md}; the classes here are not API and may change
 * without notice.
 */
package dev.httpcon.management;
