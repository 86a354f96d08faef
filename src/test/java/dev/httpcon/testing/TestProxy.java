package dev.httpcon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real forward HTTP proxy on 127.0.0.1: requests in absolute form ({@code GET http://host/path})
 * are forwarded to the origin (one request per client connection, answered with
 * {@code Connection: close}); {@code CONNECT host:port} opens a TCP tunnel (used for https). It
 * records every request head it handled.
 *
 * <pre>{@code
 * try (TestProxy proxy = TestProxy.start()) {
 *     ... connection with proxy("127.0.0.1", proxy.port()) ...
 *     proxy.requestLines();   // ["GET http://127.0.0.1:4711/json HTTP/1.1"]
 * }
 * }</pre>
 */
public final class TestProxy implements AutoCloseable {

    private final ServerSocket socket;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "testproxy");
        t.setDaemon(true);
        return t;
    });
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private TestProxy() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        workers.execute(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    open.add(client);
                    workers.execute(() -> serve(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public static TestProxy start() {
        try {
            return new TestProxy();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The request lines handled, e.g. {@code "CONNECT 127.0.0.1:4711 HTTP/1.1"}. */
    public List<String> requestLines() {
        return heads.stream().map(h -> h.substring(0, h.indexOf("\r\n"))).toList();
    }

    /** The whole request heads handled (request line and headers). */
    public List<String> heads() {
        return List.copyOf(heads);
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = HttpHeads.read(in);
            if (head == null) {
                return;
            }
            heads.add(head);
            String[] line = head.substring(0, head.indexOf("\r\n")).split(" ");
            if (line[0].equals("CONNECT")) {
                tunnel(line[1], in, out);
            } else {
                forward(line, head, in, out);
            }
        } catch (IOException ignored) {
            // the client or origin went away
        } finally {
            open.remove(client);
        }
    }

    private void tunnel(String hostPort, InputStream in, OutputStream out) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        try (Socket origin = new Socket(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)))) {
            open.add(origin);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            workers.execute(() -> pump(in, outputOf(origin), origin));
            pump(origin.getInputStream(), out, null);
        } finally {
            open.removeIf(Socket::isClosed);
        }
    }

    private void forward(String[] line, String head, InputStream in, OutputStream out) throws IOException {
        URI target = URI.create(line[1]);
        int port = target.getPort() < 0 ? 80 : target.getPort();
        StringBuilder req = new StringBuilder(line[0]).append(' ').append(target.getRawPath().isEmpty() ? "/"
                : target.getRawPath());
        if (target.getRawQuery() != null) {
            req.append('?').append(target.getRawQuery());
        }
        req.append(' ').append(line[2]).append("\r\n");
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String lower = lines[i].toLowerCase(Locale.ROOT);
            if (!lines[i].isEmpty() && !lower.startsWith("proxy-connection:") && !lower.startsWith("connection:")) {
                req.append(lines[i]).append("\r\n");
            }
        }
        req.append("Connection: close\r\n\r\n");
        long length = HttpHeads.contentLength(head);
        byte[] body = length > 0 ? in.readNBytes((int) length) : new byte[0];
        try (Socket origin = new Socket(target.getHost(), port)) {
            OutputStream o = origin.getOutputStream();
            o.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            o.write(body);
            o.flush();
            InputStream oi = origin.getInputStream();
            String responseHead = HttpHeads.read(oi);
            if (responseHead == null) {
                return;
            }
            StringBuilder resp = new StringBuilder();
            for (String h : responseHead.split("\r\n")) {
                if (!h.isEmpty() && !h.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    resp.append(h).append("\r\n");
                }
            }
            resp.append("Connection: close\r\n\r\n");
            out.write(resp.toString().getBytes(StandardCharsets.ISO_8859_1));
            oi.transferTo(out);
            out.flush();
        }
    }

    private static OutputStream outputOf(Socket s) {
        try {
            return s.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pump(InputStream from, OutputStream to, Socket closeWhenDone) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException ignored) {
            // one side closed
        } finally {
            if (closeWhenDone != null) {
                try {
                    closeWhenDone.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
    }
}
