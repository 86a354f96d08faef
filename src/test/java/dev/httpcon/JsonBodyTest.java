package dev.httpcon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.RefusedPort;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link HttpResult#bodyAs} and {@link HttpResult#bodyAsList} on answers of a real server, with
 * JSON-B (on the test class path), with Jackson alone and with neither (class loaders that hide
 * the other library), and every way a body cannot be read.
 */
class JsonBodyTest {

    /** A type as an application writes it: a record; the server sends a field it does not have. */
    public record Route(String target, int priority) {
    }

    private static final String ROUTE = "{\"target\":\"sip:alice@10.0.0.7\",\"priority\":2,\"added\":\"later\"}";
    private static final String ROUTES = "[{\"target\":\"sip:a@h1\",\"priority\":1},{\"target\":\"sip:b@h2\",\"priority\":5}]";

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();

    private static StandaloneHttpCon http;

    @BeforeAll
    static void start() {
        SERVER.server()
                .route("/route", ex -> ex.respond(200, "application/json", ROUTE.getBytes(StandardCharsets.UTF_8)))
                .route("/routes", ex -> ex.respond(200, "application/json", ROUTES.getBytes(StandardCharsets.UTF_8)))
                .route("/null", ex -> ex.respond(200, "application/json", "null".getBytes(StandardCharsets.UTF_8)))
                .route("/token", ex -> ex.respond(200, "text/plain",
                        "access_token=tok-93ab1-secret".getBytes(StandardCharsets.UTF_8)));
        http = StandaloneHttpCon.start(Map.of("httpclient.httpcon", "api=>" + SERVER.server().url() + ";timeout=5s,"
                + "small=>" + SERVER.server().url() + ";timeout=5s;maxdatasize=1k"));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void readsAnObjectWithJsonB() {
        HttpResult r = http.connection("api").get("/route");
        assertEquals(200, r.code());
        assertEquals(new Route("sip:alice@10.0.0.7", 2), r.bodyAs(Route.class), "the unknown field skipped");
        assertEquals("JSON-B", JsonBodies.library(JsonBodies.loaderFor(Route.class)));
    }

    @Test
    void readsAnArrayIntoAList() {
        HttpResult r = http.connection("api").get("/routes");
        assertEquals(List.of(new Route("sip:a@h1", 1), new Route("sip:b@h2", 5)), r.bodyAsList(Route.class));
    }

    @Test
    void readsWithJacksonWhenThereIsNoJsonB() {
        ClassLoader jacksonOnly = new Hiding(JsonBodyTest.class.getClassLoader(), "jakarta.json.bind.");
        assertEquals("Jackson", JsonBodies.library(jacksonOnly));
        HttpResult one = http.connection("api").get("/route");
        assertEquals(new Route("sip:alice@10.0.0.7", 2), JsonBodies.read(one, Route.class, jacksonOnly),
                "the unknown field skipped, as JSON-B does");
        HttpResult many = http.connection("api").get("/routes");
        assertEquals(List.of(new Route("sip:a@h1", 1), new Route("sip:b@h2", 5)),
                JsonBodies.read(many, JsonBodies.listOf(Route.class), jacksonOnly));
    }

    @Test
    void withNeitherLibraryTheErrorSaysWhatToAdd() {
        ClassLoader neither = new Hiding(JsonBodyTest.class.getClassLoader(), "jakarta.json.bind.", "com.fasterxml.jackson.");
        HttpResult r = http.connection("api").get("/route");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JsonBodies.read(r, Route.class, neither));
        assertTrue(e.getMessage().contains("org.eclipse:yasson"), e.getMessage());
        assertTrue(e.getMessage().contains("com.fasterxml.jackson.core:jackson-databind"), e.getMessage());
        assertTrue(e.getMessage().contains("no JSON-B API and no Jackson were found"), e.getMessage());
    }

    @Test
    void aBodyThatIsNotJsonOfTheTypeNamesTheAnswerButNeverQuotesIt() {
        HttpResult r = http.connection("api").get("/token");
        assertEquals(200, r.code());
        for (ClassLoader loader : List.of(JsonBodies.loaderFor(Route.class),
                new Hiding(JsonBodyTest.class.getClassLoader(), "jakarta.json.bind."))) {
            HttpConBodyException e = assertThrows(HttpConBodyException.class, () -> JsonBodies.read(r, Route.class, loader));
            assertTrue(e.getMessage().startsWith("the body of api (status 200, text/plain, 29 bytes) as "
                    + Route.class.getName() + ": not JSON of that type"), e.getMessage());
            assertFalse(e.getMessage().contains("tok-93ab1"), e.getMessage());
            assertFalse(String.valueOf(e.getCause()).contains("tok-93ab1"));
            assertEquals(r, e.result());
        }
    }

    @Test
    void noCompleteBodyIsAnErrorNotAnEmptyObject() {
        try (RefusedPort dead = RefusedPort.open();
             StandaloneHttpCon down = StandaloneHttpCon.start(Map.of("httpclient.httpcon", "down=>" + dead.url("")))) {
            HttpResult refused = down.connection("down").get("/route");
            HttpConBodyException e = assertThrows(HttpConBodyException.class, () -> refused.bodyAs(Route.class));
            assertTrue(e.getMessage().contains("no complete body to read (code 7"), e.getMessage());
        }
        HttpResult cut = http.connection("small").get("/large?n=4096");
        assertEquals(63, cut.code());
        assertTrue(assertThrows(HttpConBodyException.class, () -> cut.bodyAs(Route.class)).getMessage()
                .contains("code 63: the body was cut at maxdatasize"));
        HttpResult empty = http.connection("api").get("/empty204");
        assertEquals(204, empty.code());
        assertTrue(assertThrows(HttpConBodyException.class, () -> empty.bodyAs(Route.class)).getMessage()
                .endsWith("the body is empty"));
        HttpResult jsonNull = http.connection("api").get("/null");
        assertTrue(assertThrows(HttpConBodyException.class, () -> jsonNull.bodyAs(Route.class)).getMessage()
                .endsWith("the body is JSON null"));
    }

    @Test
    void aResultBuiltForATestReadsLikeOneFromAServer() {
        HttpResult fake = HttpResult.builder().status(200).body("application/json; charset=utf-8", ROUTE).build();
        assertEquals("application/json; charset=utf-8", fake.contentType());
        assertEquals("application/json; charset=utf-8", fake.header("content-type"));
        assertEquals(new Route("sip:alice@10.0.0.7", 2), fake.bodyAs(Route.class));
        HttpResult served = http.connection("api").get("/route");
        assertEquals(served.bodyText(), fake.bodyText());
        assertEquals(served.bodyAs(Route.class), fake.bodyAs(Route.class));
        assertThrows(IllegalArgumentException.class, () -> fake.bodyAs(int.class));
    }

    /** A class loader through which the classes of some packages cannot be found, as if not deployed. */
    private static final class Hiding extends ClassLoader {
        private final String[] hidden;

        Hiding(ClassLoader parent, String... hidden) {
            super(parent);
            this.hidden = hidden;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String h : hidden) {
                if (name.startsWith(h)) {
                    throw new ClassNotFoundException(name + " (hidden by the test)");
                }
            }
            return super.loadClass(name, resolve);
        }
    }
}
