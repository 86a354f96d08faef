package dev.httpcon.async;

import java.util.concurrent.Executor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpConConfigException;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.ReloadResult;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.CompletionThread;
import dev.httpcon.testing.ReferenceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code async_executor} without a container: the executors a configuration may name are registered
 * with {@code StandaloneHttpCon} by name; a name that is not registered, a JNDI name without a naming
 * context, or a reload that brings either, is refused, naming the key and the connection. (The CDI
 * bean case is {@code AsyncExecutorWeldSeIT}.)
 */
class AsyncExecutorTest {

    private final ExecutorService sip = Executors.newFixedThreadPool(2, r -> new Thread(r, "sip-worker"));
    private final ExecutorService other = Executors.newSingleThreadExecutor(r -> new Thread(r, "other-worker"));

    @TempDir
    Path dir;

    @AutoClose
    private final ReferenceServer server = ReferenceServer.start();
    private StandaloneHttpCon http;

    /** Keeps what a start made, to close it after the test. */
    private StandaloneHttpCon use(StandaloneHttpCon started) {
        http = started;
        return started;
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        sip.shutdownNow();
        other.shutdownNow();
    }

    /** Where {@code call} completes (made again if it ends before the probe is attached), checking it answered 200. */
    private static String ranOn(Supplier<CompletableFuture<HttpResult>> call) throws Exception {
        return CompletionThread.of(() -> call.get().thenApply(r -> {
            assertEquals(200, r.code(), r.toString());
            return r;
        }));
    }

    @Test
    void completionsRunOnTheRegisteredExecutorTheConnectionNames() throws Exception {
        StandaloneHttpCon http = use(startWith(Map.of("httpclient.httpcon",
                "routing=>" + server.url() + ";async_executor=sip,plain=>" + server.url(),
                "httpclient.connection.backup.url", server.url().toString(),
                "httpclient.connection.backup.async_executor", "other"),
                Map.of("sip", sip, "other", other)));

        assertEquals("sip-worker", ranOn(() -> http.connection("routing").getAsync("/json")));
        assertEquals("other-worker", ranOn(() -> http.connection("backup").getAsync("/json")));
        assertTrue(ranOn(() -> http.connection("plain").getAsync("/json")).startsWith("httpcon-completion-"),
                "unset: httpcon's own completion pool, never an I/O thread");
        assertEquals("other-worker", ranOn(() -> http.connection("routing").sendAsync(HttpRequest.get("/json"), other)),
                "the caller's executor wins");
        assertEquals("other-worker", ranOn(() -> http.connections().connectAsync("backup", "/json", null, null, null)));
    }

    @Test
    void aFailoverHopCompletesWhereTheCallStarted() throws Exception {
        StandaloneHttpCon http = use(startWith(Map.of("httpclient.httpcon",
                "routing=>" + server.url() + "/fail;async_executor=sip;failover=backup,"
                        + "backup=>" + server.url() + "/backup;async_executor=other"),
                Map.of("sip", sip, "other", other)));
        String thread = CompletionThread.of(() -> http.connection("routing").getAsync("/x").thenApply(r -> {
            assertEquals("backup", r.servedBy(), r.toString());
            return r;
        }));

        assertEquals("sip-worker", thread, "the executor of the connection the caller called");
    }

    @Test
    void aNameNotRegisteredIsRefusedAtStartNamingTheKeyAndTheConnection() {
        HttpConConfigException e = assertThrows(HttpConConfigException.class, () -> use(startWith(
                Map.of("httpclient.connection.routing.url", "http://127.0.0.1:1/x",
                        "httpclient.connection.routing.async_executor", "sipp"), Map.of("sip", sip))));
        assertEquals(List.of("httpclient.connection.routing.async_executor = 'sipp': "
                + "no executor is registered by this name; registered: [sip]"), e.problemLines());
        assertTrue(e.getMessage().startsWith("HTTPCON-001"), e.getMessage());
    }

    @Test
    void withoutRegisteredExecutorsTheErrorSaysHowToRegisterOne() {
        HttpConConfigException e = assertThrows(HttpConConfigException.class, () -> use(StandaloneHttpCon.start(
                Map.of("httpclient.async_executor", "sip", "httpclient.httpcon", "a=>http://127.0.0.1:1/x,"
                        + "b=>http://127.0.0.1:1/y;async_executor=\"\""))));
        assertEquals(1, e.problemLines().size(), e.getMessage());
        String line = e.problemLines().get(0);
        assertTrue(line.startsWith("httpclient.async_executor (inherited by connection 'a') = 'sip': without CDI there are no "
                + "bean names: register the executor"), line);
        assertTrue(line.contains("StandaloneHttpCon.builder().executor(\"sip\", executor)"), line);
    }

    /** The ManagedExecutorService case outside a container: the real JNDI lookup fails, and says so. */
    @Test
    void aJndiNameWithoutANamingContextIsRefused() {
        HttpConConfigException e = assertThrows(HttpConConfigException.class, () -> use(startWith(
                Map.of("httpclient.httpcon", "a=>http://127.0.0.1:1/x;async_executor=java:comp/DefaultManagedExecutorService"),
                Map.of("sip", sip))));
        String line = e.problemLines().get(0);
        assertTrue(line.startsWith("httpclient.httpcon[0] (a) async_executor = 'java:comp/DefaultManagedExecutorService': "),
                line);
        assertTrue(line.contains("no JNDI naming context here"), line);
    }

    @Test
    void aBadValueIsAConfigurationError() {
        HttpConConfigException e = assertThrows(HttpConConfigException.class, () -> use(StandaloneHttpCon.start(
                Map.of("httpclient.connection.a.url", "http://127.0.0.1:1/x",
                        "httpclient.connection.a.async_executor", "two words"))));
        assertTrue(e.problemLines().get(0).contains("httpclient.connection.a.async_executor = 'two words': expected"),
                e.getMessage());
    }

    @Test
    void aReloadToANameNotRegisteredIsRefusedAndTheExecutorInForceStays() throws Exception {
        Path file = dir.resolve("httpcon.ini");
        Files.writeString(file, "[routing]\nurl = " + server.url() + "\nasync_executor = sip\n");
        StandaloneHttpCon http = use(startWith(Map.of("httpclient.config_file", file.toString()),
                Map.of("sip", sip, "other", other)));
        assertEquals("sip-worker", ranOn(() -> http.connection("routing").getAsync("/json")));

        Files.writeString(file, "[routing]\nurl = " + server.url() + "\nasync_executor = nope\n");
        ReloadResult refused = http.reload();
        assertEquals(ReloadResult.Outcome.REFUSED, refused.outcome(), refused.text());
        assertTrue(refused.problems().get(0).contains("httpcon.ini:3 [routing] async_executor = 'nope': no executor is registered"),
                refused.problems().toString());
        assertEquals("sip-worker", ranOn(() -> http.connection("routing").getAsync("/json")), "nothing changed");

        Files.writeString(file, "[routing]\nurl = " + server.url() + "\nasync_executor = other\ntimeout = 3\n");
        ReloadResult applied = http.reload();
        assertEquals(ReloadResult.Outcome.APPLIED, applied.outcome(), applied.text());
        assertEquals("other-worker", ranOn(() -> http.connection("routing").getAsync("/json")));
    }

    /** Starts on {@code properties} with {@code executors} registered by name for {@code async_executor}. */
    private static StandaloneHttpCon startWith(Map<String, String> properties, Map<String, ? extends Executor> executors) {
        StandaloneHttpCon.Builder b = StandaloneHttpCon.builder().properties(properties);
        executors.forEach(b::executor);
        return b.start();
    }
}
