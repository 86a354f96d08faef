package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.PoolStats;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A refused connect (a failover's dead primary) is disposed of without exceptions thrown and
 * ignored on the closed socket: each one filled in a stack trace through the whole call chain.
 * Observed with JFR's exception events, which list every throwable constructed.
 */
class RefusedConnectTest extends EngineTestBase {

    @ParameterizedTest(name = "keep_connections={0}")
    @ValueSource(booleans = {true, false})
    void aRefusedConnectThrowsNothingButTheConnectFailure(boolean keep) throws Exception {
        HttpEngine engine = engine();
        ConnectionSettings c = TestSettings.connection("refused", RefusedPort.shared().url("")).keepConnections(keep)
                .build();
        assertEquals(7, engine.execute(c, HttpRequest.get("/warm-up")).code());

        Path file = Files.createTempFile("refused", ".jfr");
        HttpResult r;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.JavaExceptionThrow");
            recording.start();
            r = engine.execute(c, HttpRequest.get("/json"));
            recording.stop();
            recording.dump(file);
        }
        String me = Thread.currentThread().getName();
        List<String> thrown;
        try {
            thrown = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.JavaExceptionThrow"))
                    .filter(e -> e.getThread() != null && me.equals(e.getThread().getJavaName()))
                    .map(RefusedConnectTest::thrownClass)
                    .toList();
        } finally {
            Files.delete(file);
        }

        assertEquals(7, r.code(), r.toString());
        assertTrue(thrown.contains("java.net.ConnectException"), "the recording saw the connect failure: " + thrown);
        assertFalse(thrown.contains("java.net.SocketException"), "exceptions on the closed socket: " + thrown);
        assertEquals(0, PoolStats.total(engine.poolStats()).leased());
    }

    private static String thrownClass(RecordedEvent e) {
        return e.getClass("thrownClass").getName();
    }
}
