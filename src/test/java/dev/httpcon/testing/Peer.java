package dev.httpcon.testing;

import java.net.URI;

/**
 * Something on a port of 127.0.0.1 that a test points a connection at: a scripted server
 * ({@link RawServer}) or a port that refuses every connection ({@link RefusedPort}).
 */
public interface Peer extends AutoCloseable {

    int port();

    /** {@code http://127.0.0.1:<port><path>}. */
    URI url(String path);

    @Override
    void close();
}
