package dev.httpcon.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The misbehaviours of a broken or hostile HTTP/2 server in cleartext (h2c, prior knowledge),
 * written frame by frame on a {@link RawServer}: what HTTP/2 adds to the faults of {@link Fault}
 * (a stream or the whole connection reset by a frame, a body cut short, a header block that does
 * not decode), and the timing faults again in HTTP/2 framing. Each script reads the client's
 * preface and SETTINGS, answers with its own SETTINGS and an ACK, reads the request (the first
 * stream), then misbehaves; a script that stalls keeps reading until the client closes.
 *
 * <p>Header blocks are HPACK literals without indexing or Huffman coding (every decoder takes them).
 */
public enum H2Fault {

    /** Reads the request, never answers. */
    NEVER_ANSWER(c -> {
        int stream = c.handshakeAndRequest();
        c.stall();
    }),

    /** Accepts the connection, never sends its SETTINGS (no HTTP/2 server behind). */
    NO_SETTINGS(c -> c.stall()),

    /** Resets the stream (RST_STREAM, INTERNAL_ERROR) instead of answering. */
    RESET_STREAM_BEFORE_RESPONSE(c -> {
        int stream = c.handshakeAndRequest();
        c.rstStream(stream, 0x2);
        c.stall();
    }),

    /** Refuses the stream (RST_STREAM, REFUSED_STREAM): the request was not processed. */
    REFUSED_STREAM(c -> {
        int stream = c.handshakeAndRequest();
        c.rstStream(stream, 0x7);
        c.stall();
    }),

    /** Goes away (GOAWAY, last stream 0, NO_ERROR) without answering, and closes. */
    GOAWAY_BEFORE_RESPONSE(c -> {
        c.handshakeAndRequest();
        c.goAway(0, 0x0);
    }),

    /** Closes the TCP connection without a frame of response. */
    CLOSE_WITHOUT_RESPONSE(c -> c.handshakeAndRequest()),

    /** Resets the TCP connection instead of answering. */
    TCP_RESET_BEFORE_RESPONSE(c -> {
        c.handshakeAndRequest();
        c.conn.reset();
    }),

    /** The response headers promising a body, then nothing. */
    HEADERS_THEN_STALL(c -> {
        int stream = c.handshakeAndRequest();
        c.headers(stream, false, ":status", "200", "content-length", "100");
        c.stall();
    }),

    /** Ten bytes of a 100-byte body, then the TCP connection closed. */
    TRUNCATED_BODY(c -> {
        int stream = c.handshakeAndRequest();
        c.headers(stream, false, ":status", "200", "content-length", "100");
        c.data(stream, false, "0123456789".getBytes(StandardCharsets.US_ASCII));
    }),

    /** Ten bytes of a 100-byte body, then the stream ended (END_STREAM): shorter than announced. */
    BODY_SHORTER_THAN_LENGTH(c -> {
        int stream = c.handshakeAndRequest();
        c.headers(stream, false, ":status", "200", "content-length", "100");
        c.data(stream, true, "0123456789".getBytes(StandardCharsets.US_ASCII));
        c.stall();
    }),

    /** Part of the body, then the stream reset (RST_STREAM, INTERNAL_ERROR). */
    RESET_STREAM_MID_BODY(c -> {
        int stream = c.handshakeAndRequest();
        c.headers(stream, false, ":status", "200", "content-length", "100");
        c.data(stream, false, "0123456789".getBytes(StandardCharsets.US_ASCII));
        c.rstStream(stream, 0x2);
        c.stall();
    }),

    /** Part of the body, then the connection ended (GOAWAY, PROTOCOL_ERROR) and closed. */
    GOAWAY_MID_BODY(c -> {
        int stream = c.handshakeAndRequest();
        c.headers(stream, false, ":status", "200", "content-length", "100");
        c.data(stream, false, "0123456789".getBytes(StandardCharsets.US_ASCII));
        c.goAway(stream, 0x1);
    }),

    /** A header block that is not valid HPACK (a compression error ends the connection). */
    BAD_HEADER_BLOCK(c -> {
        int stream = c.handshakeAndRequest();
        c.frame(0x1, 0x4 | 0x1, stream, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        c.stall();
    }),

    /** A status that is not three digits. */
    MALFORMED_STATUS(c -> {
        int stream = c.handshakeAndRequest();
        c.headers(stream, true, ":status", "2x0");
        c.stall();
    }),

    /** A body that never ends, as fast as the client takes it. */
    ENDLESS_BODY(c -> {
        int stream = c.handshakeAndRequest();
        c.headers(stream, false, ":status", "200");
        byte[] block = new byte[16 * 1024];
        Arrays.fill(block, (byte) 'x');
        while (true) {
            c.data(stream, false, block);
        }
    }),

    /** The body one byte a second. */
    DRIP_ONE_BYTE_A_SECOND(c -> {
        int stream = c.handshakeAndRequest();
        c.headers(stream, false, ":status", "200", "content-length", "1000");
        for (int i = 0; i < 1000; i++) {
            c.data(stream, false, new byte[] {'d'});
            Thread.sleep(1000);
        }
    }),

    /** Every request redirected to itself, on the one connection. */
    REDIRECT_LOOP(c -> {
        int stream = c.handshakeAndRequest();
        while (true) {
            c.headers(stream, true, ":status", "302", "location", "/loop", "content-length", "0");
            stream = c.readRequest();
        }
    });

    /** What a script does with one connection. */
    @FunctionalInterface
    interface Script {
        void run(H2Conn conn) throws Exception;
    }

    private final Script script;

    H2Fault(Script script) {
        this.script = script;
    }

    /** A server with this fault, on 127.0.0.1. */
    public RawServer start() {
        return RawServer.start(c -> script.run(new H2Conn(c)));
    }

    /** One HTTP/2 connection, server side, frame by frame. */
    static final class H2Conn {
        private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        final RawServer.Conn conn;
        private final DataInputStream in;
        private final OutputStream out;
        private boolean prefaceRead;

        H2Conn(RawServer.Conn conn) throws IOException {
            this.conn = conn;
            this.in = new DataInputStream(conn.socket.getInputStream());
            this.out = conn.socket.getOutputStream();
        }

        /** The preface, the SETTINGS exchange, and the first request: its stream id. */
        int handshakeAndRequest() throws IOException {
            byte[] preface = new byte[PREFACE.length];
            in.readFully(preface);
            if (!Arrays.equals(preface, PREFACE)) {
                throw new IOException("not an HTTP/2 client preface");
            }
            prefaceRead = true;
            frame(0x4, 0, 0, new byte[0]);   // our SETTINGS (defaults)
            return readRequest();
        }

        /** Reads frames until a request is complete (END_STREAM on a HEADERS or DATA frame); its stream id. */
        int readRequest() throws IOException {
            while (true) {
                int[] f = readFrame();
                int type = f[0];
                int flags = f[1];
                int stream = f[2];
                if (type == 0x4 && (flags & 0x1) == 0) {
                    frame(0x4, 0x1, 0, new byte[0]);   // ACK the client's SETTINGS
                } else if ((type == 0x1 || type == 0x0) && (flags & 0x1) != 0 && stream != 0) {
                    return stream;
                }
            }
        }

        /** Reads and drops frames until the client closes the connection. */
        void stall() throws IOException {
            try {
                while (true) {
                    readFrame();
                }
            } catch (EOFException | java.net.SocketException closed) {
                // the client is gone
            }
        }

        private int[] readFrame() throws IOException {
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            in.skipNBytes(length);
            return new int[] {type, flags, stream};
        }

        void headers(int stream, boolean endStream, String... nameValues) throws IOException {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            for (int i = 0; i < nameValues.length; i += 2) {
                block.write(0x00);   // literal without indexing, new name
                string(block, nameValues[i]);
                string(block, nameValues[i + 1]);
            }
            frame(0x1, 0x4 | (endStream ? 0x1 : 0), stream, block.toByteArray());
        }

        void data(int stream, boolean endStream, byte[] payload) throws IOException {
            frame(0x0, endStream ? 0x1 : 0, stream, payload);
        }

        void rstStream(int stream, int error) throws IOException {
            frame(0x3, 0, stream, new byte[] {(byte) (error >>> 24), (byte) (error >>> 16), (byte) (error >>> 8),
                    (byte) error});
        }

        void goAway(int lastStream, int error) throws IOException {
            frame(0x7, 0, 0, new byte[] {(byte) (lastStream >>> 24), (byte) (lastStream >>> 16),
                    (byte) (lastStream >>> 8), (byte) lastStream, (byte) (error >>> 24), (byte) (error >>> 16),
                    (byte) (error >>> 8), (byte) error});
        }

        synchronized void frame(int type, int flags, int stream, byte[] payload) throws IOException {
            byte[] head = {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                    (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
                    (byte) stream};
            out.write(head);
            out.write(payload);
            out.flush();
        }

        /** An HPACK string literal, not Huffman coded: a 7-bit prefix length, then the bytes. */
        private static void string(ByteArrayOutputStream block, String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            int n = b.length;
            if (n < 127) {
                block.write(n);
            } else {
                block.write(127);
                n -= 127;
                while (n >= 128) {
                    block.write((n & 0x7f) | 0x80);
                    n >>>= 7;
                }
                block.write(n);
            }
            block.write(b, 0, b.length);
        }
    }
}
