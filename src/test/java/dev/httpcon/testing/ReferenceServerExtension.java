package dev.httpcon.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link ReferenceServer} for a whole test class, started before the first test, stopped
 * after the last, with its recorded requests forgotten before each test.
 *
 * <pre>{@code
 * class MyTest {
 *     @RegisterExtension
 *     static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
 *     private final ReferenceServer server = SERVER.server();
 *     ...
 * }
 * }</pre>
 */
public final class ReferenceServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final Supplier<ReferenceServer> factory;
    private ReferenceServer server;

    /** A plain HTTP server. */
    public ReferenceServerExtension() {
        this(ReferenceServer::start);
    }

    /** A server made by {@code factory}, e.g. {@code () -> ReferenceServer.builder().tls(cert).start()}. */
    public ReferenceServerExtension(Supplier<ReferenceServer> factory) {
        this.factory = factory;
    }

    /** The running server (available from test instance creation on). */
    public ReferenceServer server() {
        if (server == null) {
            throw new IllegalStateException("the server starts before the first test of the class");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = factory.get();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
        server = null;
    }
}
