package dev.httpcon.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpConConfigException;
import dev.httpcon.HttpResult;
import dev.httpcon.config.LayeredConfigView;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container-less starts as an application without CDI uses them: from its own properties, and
 * from MicroProfile Config's default sources (class-path files, environment, system properties)
 * without an implementation of it; each checked with requests to a real server.
 */
class StandaloneStartTest {

    private static final String KEY = "k-51c0e-secret";

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();

    @TempDir
    Path dir;

    @Test
    void startsFromPropertiesWithTheirDefaults() {
        Properties defaults = new Properties();
        defaults.setProperty("httpclient.connection.api.header.X-Api-Key", KEY);
        Properties p = new Properties(defaults);
        p.setProperty("httpclient.httpcon", "api=>" + SERVER.server().url() + ";timeout=5s");
        try (StandaloneHttpCon http = StandaloneHttpCon.start(p)) {
            assertEquals(200, http.connection("api").get("/echo").code());
            assertEquals(KEY, SERVER.server().lastRequest().header("X-Api-Key"), "a default of the Properties counts");
        }
    }

    @Test
    void fromClasspathReadsTheApplicationsConfigFile() throws IOException {
        ClassLoader app = classPath(file("app", "httpclient.httpcon=routing=>" + SERVER.server().url() + ";timeout=5s\n"
                + "httpclient.connection.routing.header.Accept=application/json\n"));
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(app);
        try (StandaloneHttpCon http = StandaloneHttpCon.fromClasspath()) {
            HttpResult r = http.connection("routing").get("/json");
            assertEquals(200, r.code());
            assertEquals("application/json", SERVER.server().lastRequest().header("Accept"));
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Test
    void aPasswordFromTheEnvironmentNeedsNoListOfConnections() throws IOException {
        try (ReferenceServer secured = ReferenceServer.builder().credentials("billing", "env-pw-7d1").start()) {
            ClassLoader app = classPath(file("app", "httpclient.httpcon=billing=>" + secured.url() + ";username=billing\n"));
            Map<String, String> env = Map.of("HTTPCLIENT_CONNECTION_BILLING_PASSWORD", "env-pw-7d1");
            try (StandaloneHttpCon http = StandaloneHttpCon.start(LayeredConfigView.of(env, new Properties(), app))) {
                assertEquals(200, http.connection("billing").get("/basic").code(), "the environment's password was sent");
            }
            try (StandaloneHttpCon http = StandaloneHttpCon.start(LayeredConfigView.of(Map.of(), new Properties(), app))) {
                assertEquals(401, http.connection("billing").get("/basic").code(), "and without it, nothing was");
            }
        }
    }

    @Test
    void systemPropertiesWinOverTheEnvironmentWhichWinsOverFiles() throws IOException {
        ClassLoader app = classPath(file("app", "httpclient.httpcon=api=>" + SERVER.server().url() + "\n"
                + "httpclient.connection.api.header.X-A=file\n"
                + "httpclient.connection.api.header.X-B=file\n"
                + "httpclient.connection.api.header.X-C=file\n"));
        Properties system = new Properties();
        system.setProperty("httpclient.connection.api.header.X-A", "system");
        Map<String, String> env = Map.of("HTTPCLIENT_CONNECTION_API_HEADER_X_A", "env",
                "HTTPCLIENT_CONNECTION_API_HEADER_X_B", "env");
        try (StandaloneHttpCon http = StandaloneHttpCon.start(LayeredConfigView.of(env, system, app))) {
            assertEquals(200, http.connection("api").get("/echo").code());
            var seen = SERVER.server().lastRequest();
            assertEquals("system", seen.header("X-A"));
            assertEquals("env", seen.header("X-B"));
            assertEquals("file", seen.header("X-C"));
        }
    }

    @Test
    void aFileWithAHigherConfigOrdinalWins() throws IOException {
        Path low = file("low", "httpclient.httpcon=api=>" + SERVER.server().url() + "\n"
                + "httpclient.connection.api.header.X-Which=low\n");
        Path high = file("high", "config_ordinal=200\nhttpclient.connection.api.header.X-Which=high\n");
        // the low file first on the class path: order alone would let it win
        try (StandaloneHttpCon http = StandaloneHttpCon.start(LayeredConfigView.of(Map.of(), new Properties(),
                classPath(low, high)))) {
            http.connection("api").get("/echo");
            assertEquals("high", SERVER.server().lastRequest().header("X-Which"));
        }
    }

    @Test
    void expressionsTakeOtherKeysAndTheEnvironment() throws IOException {
        ClassLoader app = classPath(file("app", "routing.base=" + SERVER.server().url() + "\n"
                + "httpclient.httpcon=api=>${routing.base}/base\n"
                + "httpclient.connection.api.header.X-Api-Key=${ROUTING_API_KEY}\n"
                + "httpclient.connection.api.header.X-Region=${ROUTING_REGION:eu}\n"));
        try (StandaloneHttpCon http = StandaloneHttpCon.start(LayeredConfigView.of(Map.of("ROUTING_API_KEY", KEY),
                new Properties(), app))) {
            assertEquals(200, http.connection("api").get("/echo").code());
            var seen = SERVER.server().lastRequest();
            assertEquals("/base/echo", seen.path());
            assertEquals(KEY, seen.header("X-Api-Key"));
            assertEquals("eu", seen.header("X-Region"), "the default of the expression");
        }
        HttpConConfigException e = assertThrows(HttpConConfigException.class, () -> StandaloneHttpCon.start(
                LayeredConfigView.of(Map.of(), new Properties(), app)));
        assertTrue(e.getMessage().contains("${ROUTING_API_KEY}"), e.getMessage());
        assertTrue(e.getMessage().contains("httpclient.connection.api.header.X-Api-Key"), e.getMessage());
    }

    @Test
    void invalidConfigurationIsOneApiExceptionListingEveryProblem() {
        HttpConConfigException e = assertThrows(HttpConConfigException.class, () -> StandaloneHttpCon.start(Map.of(
                "httpclient.httpcon", "api=>" + SERVER.server().url() + ";timeout=soon;failover=nowhere")));
        assertEquals(2, e.problemLines().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("HTTPCON-001"), e.getMessage());
        assertTrue(e.problemLines().stream().anyMatch(l -> l.contains("timeout = 'soon'")), e.getMessage());
        assertTrue(e.problemLines().stream().anyMatch(l -> l.contains("nowhere")), e.getMessage());
    }

    @Test
    void anEmptyClassPathDefinesNoConnection() {
        try (StandaloneHttpCon http = StandaloneHttpCon.start(LayeredConfigView.of(Map.of(), new Properties(),
                new URLClassLoader(new URL[0], null)))) {
            assertFalse(http.connections().exists("api"));
        }
    }

    /** A class-path root holding {@code META-INF/microprofile-config.properties} with {@code text}. */
    private Path file(String name, String text) throws IOException {
        Path root = dir.resolve(name);
        Path f = root.resolve(LayeredConfigView.FILE);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.ISO_8859_1);
        return root;
    }

    /** A class loader over these roots only (no parent's files), as an application's own. */
    private static ClassLoader classPath(Path... roots) throws IOException {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }
}
