package dev.httpcon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 that misbehaves on purpose, byte by byte: each accepted connection
 * runs a {@link Script} that reads what it likes and writes what it likes (a garbage status line,
 * a header without colon, a truncated body, a reset, nothing at all...).
 *
 * <pre>{@code
 * try (RawServer s = RawServer.start(RawServer.reply("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))) {
 *     ... request s.url("/x") ...  // code 18: the body is cut
 * }
 * }</pre>
 */
public final class RawServer extends TcpServer implements Peer {

    /** What to do with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        void run(Conn conn) throws Exception;
    }

    private final Script script;
    private final List<String> heads = new CopyOnWriteArrayList<>();

    private RawServer(Script script, int backlog) {
        super("rawserver", backlog);
        this.script = script;
        if (script != null) {
            accept();
        }
    }

    @Override
    void serve(Socket s, int index) throws Exception {
        script.run(new Conn(s, index));
    }

    /** Starts a server running {@code script} for every connection. */
    public static RawServer start(Script script) {
        return new RawServer(script, 50);
    }

    /**
     * A server that never accepts: once its backlog of one is full, further connection attempts
     * hang in the TCP handshake (a "black hole" for connect timeouts). Call {@link #fillBacklog()}.
     */
    public static RawServer neverAccepting() {
        return new RawServer(null, 1);
    }

    /** Opens connections until new ones stop completing, so the next connect hangs. */
    public void fillBacklog() {
        for (int i = 0; i < 16; i++) {
            try {
                track(new Socket()).connect(listening().getLocalSocketAddress(), 200);
            } catch (IOException full) {
                return;
            }
        }
    }

    /** Reads the request head, writes {@code raw} (ISO-8859-1) and closes. */
    public static Script reply(String raw) {
        return c -> {
            c.readHead();
            c.write(raw);
        };
    }

    @Override
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The request heads read by scripts through {@link Conn#readHead()}, in order. */
    public List<String> heads() {
        return List.copyOf(heads);
    }

    /** One accepted connection. */
    public final class Conn {
        public final Socket socket;
        /** 1 for the first connection the server accepted, 2 for the next... */
        public final int index;
        private final InputStream in;
        private final OutputStream out;

        Conn(Socket socket, int index) throws IOException {
            this.socket = socket;
            this.index = index;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Reads up to the blank line ending the request head; {@code null} at end of stream. */
        public String readHead() throws IOException {
            String h = HttpHeads.read(in);
            if (h != null) {
                heads.add(h);
            }
            return h;
        }

        /** Reads the body announced by the head's Content-Length (none: nothing). */
        public byte[] readBody(String head) throws IOException {
            long n = HttpHeads.contentLength(head);
            return n <= 0 ? new byte[0] : in.readNBytes((int) n);
        }

        public void write(String raw) throws IOException {
            write(raw.getBytes(StandardCharsets.ISO_8859_1));
        }

        public void write(byte[] raw) throws IOException {
            out.write(raw);
            out.flush();
        }

        /** Closes with a TCP reset instead of a normal close. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /** Blocks until the client closes (or the server stops). */
        public void awaitClientClose() throws IOException {
            try {
                while (in.read() >= 0) {
                    // discard
                }
            } catch (SocketException closed) {
                // gone
            }
        }
    }
}
