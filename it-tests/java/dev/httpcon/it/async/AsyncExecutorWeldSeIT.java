package dev.httpcon.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpResult;
import dev.httpcon.testing.CompletionThread;
import dev.httpcon.it.support.ConfigScope;
import dev.httpcon.it.support.Servers;
import dev.httpcon.it.support.WeldSe;
import jakarta.enterprise.inject.se.SeContainer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code async_executor} in a CDI application (Weld SE, SmallRye Config): a connection's
 * asynchronous calls complete on the CDI bean it names, the global applies to the connections
 * without one, an executor given with the call wins, and a name that does not resolve fails the
 * deployment naming the key, the connection and why.
 */
class AsyncExecutorWeldSeIT {

    /** The name of the thread the caller's stage ran on (the call made again if it ends before the probe is attached). */
    private static String ranOn(Supplier<CompletableFuture<HttpResult>> call) throws Exception {
        return CompletionThread.of(() -> call.get().thenApply(r -> {
            assertEquals(200, r.code(), r.toString());
            return r;
        }));
    }

    @Test
    void completionsRunOnTheNamedBeanTheGlobalOrTheCallersExecutor() throws Exception {
        String base = Servers.base();
        try (ConfigScope scope = ConfigScope.of(String.join("\n",
                "httpclient.async_executor=reportPool",
                "httpclient.httpcon=routing=>" + base + ";async_executor=sipPool,reports=>" + base
                        + ",plain=>" + base + ";async_executor=\"\"",
                ""));
             SeContainer c = WeldSe.boot(scope, AppExecutors.class)) {
            HttpConnections http = c.select(HttpConnections.class).get();
            HttpConnection routing = http.get("routing");

            assertTrue(ranOn(() -> routing.getAsync("/json")).startsWith("sip-pool-"), "the connection's own bean");
            assertTrue(ranOn(() -> http.get("reports").getAsync("/json")).startsWith("report-pool-"), "the global");
            assertTrue(ranOn(() -> http.get("plain").getAsync("/json")).startsWith("httpcon-completion-"),
                    "\"\" is the built-in default: httpcon's completion pool");
            ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "the-callers"));
            try {
                assertEquals("the-callers", ranOn(() -> routing.sendAsync(dev.httpcon.HttpRequest.get("/json"), mine)),
                        "an executor given with the call wins");
            } finally {
                mine.shutdownNow();
            }
            assertTrue(ranOn(() -> http.connectAsync("routing", "/json", null, null, null)).startsWith("sip-pool-"),
                    "the developer API too");
        }
    }

    @Test
    void anUnknownBeanFailsTheDeploymentNamingTheKeyAndTheConnection() {
        assertDeploymentFails("httpclient.connection.routing.url=http://127.0.0.1:1/x\n"
                + "httpclient.connection.routing.async_executor=sipPol\n",
                "HTTPCON-001", "httpclient.connection.routing.async_executor = 'sipPol'",
                "no CDI bean is named sipPol");
    }

    @Test
    void aBeanThatIsNotAnExecutorFailsTheDeployment() {
        assertDeploymentFails("httpclient.async_executor=greeting\nhttpclient.httpcon=routing=>http://127.0.0.1:1/x\n",
                "httpclient.async_executor (inherited by connection 'routing') = 'greeting'", "is not an Executor", "java.lang.String");
    }

    /**
     * The container's ManagedExecutorService by JNDI name: Weld SE has no naming context, so the
     * lookup's real failure is what the deployment reports (not a fallback to the default pool).
     */
    @Test
    void aJndiNameWithoutNamingFailsTheDeploymentSayingSo() {
        assertDeploymentFails("httpclient.httpcon=routing=>http://127.0.0.1:1/x;"
                + "async_executor=java:comp/DefaultManagedExecutorService\n",
                "(routing) async_executor = 'java:comp/DefaultManagedExecutorService'", "no JNDI naming context here");
    }

    private static void assertDeploymentFails(String config, String... mustMention) {
        String message = WeldSe.deploymentFailure(config, AppExecutors.class);
        for (String m : mustMention) {
            assertTrue(message.contains(m), () -> "'" + m + "' not in:\n" + message);
        }
    }
}
