/**
 * httpcon without a container: {@link dev.httpcon.standalone.StandaloneHttpCon} starts the same
 * connections from the same configuration keys, with the same failover, redirect memory and
 * counts as the CDI beans (it runs the same core).
 *
 * <pre>{@code
 * try (StandaloneHttpCon http = StandaloneHttpCon.start(Map.of(
 *         "httpclient.httpcon", "api=>http://127.0.0.1:8080/api;timeout=2s"))) {
 *     HttpResult r = http.connection("api").get("/status");
 * }
 * }</pre>
 */
package dev.httpcon.standalone;
