package dev.httpcon.testing;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plumbing of the hand-written test servers: a listening socket on 127.0.0.1, one thread per
 * accepted connection, and a close that closes every socket still open.
 */
abstract class TcpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final ExecutorService workers;
    private final List<Closeable> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    TcpServer(String name, int backlog) {
        try {
            socket = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(name + " did not start", e);
        }
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Handles one accepted connection; the socket is closed afterwards. */
    abstract void serve(Socket s, int index) throws Exception;

    /** Starts accepting (subclasses call this once they are ready). */
    final void accept() {
        workers.execute(() -> {
            while (!socket.isClosed()) {
                Socket s;
                try {
                    s = socket.accept();
                } catch (IOException e) {
                    return;
                }
                int index = accepted.incrementAndGet();
                track(s);
                workers.execute(() -> {
                    try (s) {
                        serve(s, index);
                    } catch (Exception ignored) {
                        // how a connection ends is the server's business
                    } finally {
                        open.remove(s);
                    }
                });
            }
        });
    }

    /** Runs a task on the server's threads. */
    final void spawn(Runnable task) {
        workers.execute(task);
    }

    /** Closes {@code c} when the server closes. */
    final <T extends Closeable> T track(T c) {
        open.add(c);
        return c;
    }

    /** The listening socket, for its address. */
    final ServerSocket listening() {
        return socket;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return accepted.get();
    }

    @Override
    public void close() {
        closeQuietly(socket);
        open.forEach(TcpServer::closeQuietly);
        workers.shutdownNow();
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
