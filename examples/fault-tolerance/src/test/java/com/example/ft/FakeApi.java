package com.example.ft;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A routing API on 127.0.0.1 that answers GET /api/route with the statuses it is given, one per
 * request (the last one repeats): 200 with a SIP URI, any other status empty, 0 never answers.
 */
final class FakeApi implements AutoCloseable {

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    FakeApi(String route) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/route", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            int status = statuses.size() > 1 ? statuses.poll() : statuses.peek();
            if (status == 0) {
                try {
                    closing.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (status == 200) {
                byte[] body = route.getBytes(UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(status, -1);
            }
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    /** The statuses of the next requests, in order; the last one stays. */
    FakeApi answers(Integer... next) {
        statuses.clear();
        statuses.addAll(List.of(next));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
