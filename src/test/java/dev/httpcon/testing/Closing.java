package dev.httpcon.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * What a test started, closed after it in reverse order: a field {@code @AutoClose final Closing
 * closing = new Closing();} and {@code closing.use(ReferenceServer.start())}.
 */
public final class Closing implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();

    /** Keeps {@code c} to close after the test; returns it. */
    public <T extends AutoCloseable> T use(T c) {
        started.add(c);
        return c;
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }

    /**
     * Every thread of this JVM but the test servers' (their pools and Jetty's scheduler, which grow
     * with the load): for tests that calls in flight hold no thread each.
     */
    public static int clientThreads() {
        int n = 0;
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            String name = t.getThreadName();
            if (!name.startsWith("refserver") && !name.contains("Scheduler")) {
                n++;
            }
        }
        return n;
    }
}
