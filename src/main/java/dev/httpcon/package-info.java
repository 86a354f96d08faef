/**
 * httpcon: named HTTP connections for Jakarta CDI applications, a re-creation of Kamailio's
 * {@code http_client} module. This package is the whole API; every other package of httpcon is
 * internal, except the container-less entry point ({@code dev.httpcon.standalone}), the typed
 * Rest Client factory ({@code dev.httpcon.restclient.RestClients}) and the measurement back ends'
 * factories for the entry point ({@code dev.httpcon.otel.HttpConOpenTelemetry},
 * {@code dev.httpcon.micrometer.HttpConMicrometer}, {@code dev.httpcon.metrics.HttpConMpMetrics}).
 *
 * <pre>{@code
 * @Inject @HttpCon("apiserver") HttpConnection api;     // a named connection
 * @Inject HttpConnections connections;                  // by name, listcon
 * @Inject HttpQuery query;                              // http_client_query
 *
 * HttpResult r = api.post("/callroute", "application/json", json);
 * if (r.code() == 200) {
 *     String route = r.bodyText();
 *     List<String> cookies = r.headers().all("Set-Cookie");
 * } else if (r.isTransportError()) {
 *     log.warn(r.code() + " " + r.errorText());        // e.g. 28 Timeout was reached
 * }
 * }</pre>
 *
 * <p>Calls never throw for network or server trouble: {@link dev.httpcon.HttpResult#code()} is the
 * original's return value. See {@code docs/usage.md}.
 */
package dev.httpcon;
