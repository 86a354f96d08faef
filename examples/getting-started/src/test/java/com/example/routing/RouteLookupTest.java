package com.example.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.httpcon.standalone.StandaloneHttpCon;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RouteLookup against a fake routing API on 127.0.0.1, without a container: the real connection,
 * built by StandaloneHttpCon from a map, set into the bean's field. The recipe of
 * docs/recipes/testing.md shows this class.
 */
class RouteLookupTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private ExecutorService threads;
    private HttpServer api;
    private StandaloneHttpCon http;
    private RouteLookup lookup;

    @BeforeEach
    void start() throws IOException {
        // The fake API: port 0 lets the system pick a free port.
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/api/route", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            switch (query) {
                case "user=alice" -> {
                    byte[] body = "sip:alice@10.0.0.7".getBytes(UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                case "user=busy" -> exchange.sendResponseHeaders(503, -1);
                case "user=slow" -> {
                    try {
                        stopping.await(10, TimeUnit.SECONDS);    // never answers in time
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                default -> exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        threads = Executors.newCachedThreadPool();
        api.setExecutor(threads);
        api.start();

        // The connection the bean injects in production, here from a map: same keys, same pipeline.
        http = StandaloneHttpCon.start(Map.of(
                "httpclient.connection.routing.url", "http://127.0.0.1:" + api.getAddress().getPort() + "/api",
                "httpclient.connection.routing.timeout", "500ms"));
        lookup = new RouteLookup();
        lookup.routing = http.connection("routing");
    }

    @AfterEach
    void stop() {
        http.close();
        stopping.countDown();
        api.stop(0);
        threads.shutdownNow();
    }

    @Test
    void aKnownUserHasARoute() {
        assertEquals("sip:alice@10.0.0.7", lookup.route("alice"));
        assertEquals(List.of("GET /api/route?user=alice"), requests);
    }

    @Test
    void theUserIsEncodedInTheQuery() {
        assertEquals("no route: HTTP 404", lookup.route("alice smith&x=1"));
        assertEquals(List.of("GET /api/route?user=alice+smith%26x%3D1"), requests);
    }

    @Test
    void aServerErrorIsNoRoute() {
        assertEquals("no route: HTTP 503", lookup.route("busy"));
    }

    @Test
    void aSlowApiEndsAtTheConnectionsTimeout() {
        assertEquals("no route: 28 Timeout was reached", lookup.route("slow"));
    }
}
