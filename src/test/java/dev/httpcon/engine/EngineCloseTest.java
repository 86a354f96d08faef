package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.TestSettings;
import dev.httpcon.testing.Via;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Closing an engine closes what it opened, whichever way its calls went: the kept connections
 * (the server sees them end) and the asynchronous transport's I/O threads.
 */
class EngineCloseTest extends EngineTestBase {

    @ParameterizedTest
    @EnumSource(Via.class)
    void closingTheEngineClosesItsKeptConnectionsAndStopsItsThreads(Via via) throws Exception {
        ReferenceServer server = use(via.startServer());
        ConnectionSettings c = via.connection("api", server.url("")).keepConnections(true).build();
        Set<String> before = ioThreads();
        HttpEngine engine = new HttpEngine(TestSettings.settings(c));
        try {
            for (int i = 0; i < 3; i++) {
                HttpResult r = via.send(engine, c, HttpRequest.get("/json"));
                assertEquals(200, r.code(), r.toString());
            }
            assertEquals(1, server.openConnections(), "one kept connection carried the calls");
        } finally {
            engine.close();
        }

        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((server.openConnections() > 0 || !started(before).isEmpty()) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(0, server.openConnections(), "the kept connection was closed with the engine");
        assertTrue(started(before).isEmpty(), "I/O threads left running after close: " + started(before));
    }

    /** httpcon's I/O reactor threads running now that were not in {@code before}. */
    private static Set<String> started(Set<String> before) {
        Set<String> now = ioThreads();
        now.removeAll(before);
        return now;
    }

    private static Set<String> ioThreads() {
        Set<String> names = new TreeSet<>();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (t.getThreadName().startsWith("httpcon-io-")) {
                names.add(t.getThreadName());
            }
        }
        return names;
    }
}
