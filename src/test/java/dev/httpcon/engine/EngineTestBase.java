package dev.httpcon.engine;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.GlobalSettings;
import dev.httpcon.testing.TestSettings;
import dev.httpcon.testing.Via;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Closes what a test opened (engines, servers), in reverse order, after each test. */
abstract class EngineTestBase {

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Registers something to close after the test; returns it. */
    protected <T extends AutoCloseable> T use(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** A thread pool shut down after the test. */
    protected java.util.concurrent.ExecutorService pool(int threads) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        use(pool::shutdownNow);
        return pool;
    }

    /** An engine with default globals. */
    protected HttpEngine engine() {
        return use(new HttpEngine(TestSettings.settings()));
    }

    protected HttpEngine engine(GlobalSettings globals) {
        return use(new HttpEngine(TestSettings.settings(globals)));
    }

    /**
     * How this test's requests travel: the classic attempt, unless a subclass runs once per
     * {@link Via} ({@code @ParameterizedClass}) and answers with its parameter.
     */
    protected Via via() {
        return Via.CLASSIC;
    }

    /** One attempt on {@code engine}, the way of {@link #via()}. */
    protected HttpResult send(HttpEngine engine, ConnectionSettings c, HttpRequest request) {
        return via().send(engine, c, request);
    }

    /** One GET on a connection with a fresh engine. */
    protected HttpResult get(ConnectionSettings c, String path) {
        return send(engine(), c, HttpRequest.get(path));
    }

    @AfterEach
    void closeOpened() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }
}
