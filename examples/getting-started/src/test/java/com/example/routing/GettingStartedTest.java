package com.example.routing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpConnections;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What docs/getting-started.md promises, on exactly its class, main class and configuration:
 * a route from a routing API (a small fake one on 127.0.0.1), the answers when there is none,
 * the configuration file really read, and the first error messages a newcomer meets.
 */
class GettingStartedTest {

    private static final String URL_KEY = "httpclient.connection.routing.url";

    @AfterEach
    void forgetConfiguration() {
        System.clearProperty(URL_KEY);
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    /** A fake routing API: GET /api/route?user=alice answers alice's SIP URI, anyone else 404. */
    private static HttpServer routingApi() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/route", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = "sip:alice@10.0.0.7\n".getBytes(UTF_8);
            if ("user=alice".equals(query)) {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Runs the main class as {@code java -jar target/getting-started.jar user} would, and returns what it printed. */
    private static String run(String user) {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, UTF_8));
        try {
            Main.main(new String[] {user});
        } finally {
            System.setOut(out);
        }
        return printed.toString(UTF_8).strip();
    }

    @Test
    void mainPrintsTheRouteTheApiGives() throws IOException {
        HttpServer api = routingApi();
        try {
            System.setProperty(URL_KEY, "http://127.0.0.1:" + api.getAddress().getPort() + "/api");
            assertEquals("sip:alice@10.0.0.7", run("alice"));
            assertEquals("no route: HTTP 404", run("bob"));
        } finally {
            api.stop(0);
        }
    }

    @Test
    void noApiListeningIsCurlError7() throws IOException {
        // A port bound and not listening refuses every connection, and no other program can take it.
        try (Socket refusing = new Socket()) {
            refusing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            System.setProperty(URL_KEY, "http://127.0.0.1:" + refusing.getLocalPort() + "/api");
            assertEquals("no route: 7 Couldn't connect to server", run("alice"));
        }
    }

    @Test
    void theConnectionComesFromMicroprofileConfigProperties() {
        try (SeContainer container = SeContainerInitializer.newInstance().initialize()) {
            ConnectionInfo routing = container.select(HttpConnections.class).get().list().stream()
                    .filter(c -> c.name().equals("routing")).findFirst().orElseThrow();
            assertEquals("http://127.0.0.1:8000/api", routing.url());
            assertEquals(Duration.ofSeconds(2), routing.timeout());
        }
    }

    @Test
    void aBadUrlIsHttpcon001NamingTheKey() {
        System.setProperty(URL_KEY, "htp:/api");
        RuntimeException e = assertThrows(RuntimeException.class, () -> run("alice"));
        String message = rootMessage(e);
        assertTrue(message.startsWith("HTTPCON-001 httpcon configuration is invalid (1 problem):"), message);
        assertTrue(message.contains(URL_KEY), message);
    }

    @Test
    void aNameWithoutAConnectionIsHttpcon002() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> SeContainerInitializer.newInstance().addBeanClasses(Misspelled.class).initialize().close());
        String message = rootMessage(e);
        assertTrue(message.startsWith("HTTPCON-002 httpcon injection points cannot be satisfied (1 problem);"
                + " defined connections: [routing]:"), message);
        assertTrue(message.contains("@HttpCon(\"routng\") at com.example.routing.Misspelled.routing:"
                + " no connection named 'routng'"), message);
    }

    /**
     * httpcon's message in what the container threw: Weld SE reports deployment problems as
     * "Exception List with 1 exceptions: Exception 0 : ...DefinitionException: HTTPCON-001 ...",
     * with the stack trace inside the message.
     */
    private static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            int at = m == null ? -1 : m.indexOf("HTTPCON-");
            if (at >= 0) {
                int trace = m.indexOf("\n\tat ", at);
                return m.substring(at, trace < 0 ? m.length() : trace);
            }
        }
        return String.valueOf(e.getMessage());
    }
}
