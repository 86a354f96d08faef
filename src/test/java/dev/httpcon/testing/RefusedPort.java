package dev.httpcon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SocketChannel;

/**
 * A port on 127.0.0.1 where every connection is refused (curl code 7), for as long as this is
 * open: a TCP socket bound to the port and never connected nor listening. Without a listener the
 * kernel answers each SYN with a reset, and since the socket holds the port (bound without
 * {@code SO_REUSEADDR}), no other socket, of this JVM or of another process, can bind or listen on
 * it, and the kernel does not hand it out as an ephemeral port either.
 *
 * <p>Never take "a port that was free a moment ago" (a server opened and closed, a
 * {@code ServerSocket(0)} closed at once) or a fixed port such as 1 instead: a closed port can be
 * handed to a parallel test or build at any moment, and something may listen on a fixed one.
 *
 * <pre>{@code
 * String dead = "http://127.0.0.1:" + RefusedPort.shared().port();   // held until the JVM exits
 * try (RefusedPort p = RefusedPort.open()) {                           // or for one test
 *     engine.execute(TestSettings.connection("dead", p.url("")).build(), HttpRequest.get("/x"));  // code 7
 * }
 * }</pre>
 */
public final class RefusedPort implements Peer {

    private static RefusedPort shared;

    private final SocketChannel holder;
    private final int port;

    private RefusedPort() {
        try {
            holder = SocketChannel.open();
            try {
                holder.setOption(StandardSocketOptions.SO_REUSEADDR, false);
                holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                port = ((InetSocketAddress) holder.getLocalAddress()).getPort();
            } catch (IOException | RuntimeException e) {
                holder.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind a port on 127.0.0.1", e);
        }
    }

    /** A refused port of its own, held until {@link #close()}. */
    public static RefusedPort open() {
        return new RefusedPort();
    }

    /**
     * One refused port for the whole test JVM, never closed: for configurations made before any
     * test callback runs (an Arquillian {@code @Deployment}) and for tests that need no port of their
     * own (a refused port keeps no state, so tests can share it).
     */
    public static synchronized RefusedPort shared() {
        if (shared == null) {
            shared = new RefusedPort();
        }
        return shared;
    }

    @Override
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    @Override
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Releases the port (a no-op on {@link #shared()}, which stays for the JVM's life). */
    @Override
    public void close() {
        if (this == sharedOrNull()) {
            return;
        }
        try {
            holder.close();
        } catch (IOException ignored) {
            // released anyway
        }
    }

    private static synchronized RefusedPort sharedOrNull() {
        return shared;
    }

    @Override
    public String toString() {
        return "refused port 127.0.0.1:" + port;
    }
}
