package dev.httpcon.it.support;

import dev.httpcon.testing.ReferenceServer;

/**
 * The servers the integration tests talk to, started once per test JVM: Arquillian builds a
 * deployment (and its configuration, with real ports) before any JUnit callback of the class runs,
 * so the servers must exist by then.
 */
public final class Servers {

    private static ReferenceServer reference;

    private Servers() {
    }

    /** The shared reference server (the conformance endpoints), on 127.0.0.1. */
    public static synchronized ReferenceServer reference() {
        if (reference == null) {
            reference = ReferenceServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(reference::close, "reference-server-stop"));
        }
        return reference;
    }

    /** {@code http://127.0.0.1:<port>} of the shared reference server. */
    public static String base() {
        return reference().url().toString();
    }
}
