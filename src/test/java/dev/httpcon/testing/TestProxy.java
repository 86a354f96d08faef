package dev.httpcon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

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
public final class TestProxy extends TcpServer {

    private final List<String> heads = new CopyOnWriteArrayList<>();

    private TestProxy() {
        super("testproxy", 50);
        accept();
    }

    public static TestProxy start() {
        return new TestProxy();
    }

    /** The request lines handled, e.g. {@code "CONNECT 127.0.0.1:4711 HTTP/1.1"}. */
    public List<String> requestLines() {
        return heads.stream().map(h -> h.substring(0, h.indexOf("\r\n"))).toList();
    }

    /** The whole request heads handled (request line and headers). */
    public List<String> heads() {
        return List.copyOf(heads);
    }

    @Override
    void serve(Socket client, int index) throws IOException {
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
    }

    private void tunnel(String hostPort, InputStream in, OutputStream out) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        try (Socket origin = track(new Socket(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1))))) {
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            spawn(() -> pump(in, outputOf(origin), origin));
            pump(origin.getInputStream(), out, null);
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
}
