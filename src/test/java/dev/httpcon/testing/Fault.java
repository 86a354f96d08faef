package dev.httpcon.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The misbehaviours of a hostile or broken HTTP server, each a {@link RawServer.Script} on
 * 127.0.0.1. A fault that stalls holds its connection until the client closes it (or the server
 * stops), so a client without a working deadline would hang for good.
 *
 * <pre>{@code
 * try (Peer s = Fault.HEADERS_THEN_STALL.start()) {
 *     HttpResult r = engine.execute(TestSettings.connection("f", s.url("")).timeoutMillis(800).build(),
 *             HttpRequest.get("/x"));   // code 28 after 800 ms, status 200
 * }
 * }</pre>
 */
public enum Fault {

    /** Nobody listens: the connection is refused (a {@link RefusedPort}). */
    REFUSE(null),

    /** Accepts, reads the request and never answers. */
    NEVER_ANSWER(c -> {
        c.readHead();
        c.awaitClientClose();
    }),

    /** Accepts and never reads or answers anything. */
    ACCEPT_AND_IGNORE(RawServer.Conn::awaitClientClose),

    /** Closes the connection without a byte of response. */
    CLOSE_WITHOUT_RESPONSE(RawServer.Conn::readHead),

    /** Resets the connection instead of answering. */
    RESET_BEFORE_RESPONSE(c -> {
        c.readHead();
        c.reset();
    }),

    /** Half a status line, then nothing. */
    STALL_IN_HEADERS(c -> {
        c.readHead();
        c.write("HTTP/1.1 200 OK\r\nContent-Le");
        c.awaitClientClose();
    }),

    /** A complete head promising a body, then nothing. */
    HEADERS_THEN_STALL(c -> {
        c.readHead();
        c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n");
        c.awaitClientClose();
    }),

    /** Ten bytes of a 100-byte Content-Length body, then a normal close. */
    TRUNCATED_LENGTH(RawServer.reply("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")),

    /** One chunk of a chunked body, then a normal close without the final chunk. */
    TRUNCATED_CHUNKED(RawServer.reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")),

    /** Part of the body, then a TCP reset. */
    RESET_MID_BODY(c -> {
        c.readHead();
        c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
        Thread.sleep(50);
        c.reset();
    }),

    /** A status line that is not HTTP/1.x with a three-digit status. */
    MALFORMED_STATUS_LINE(RawServer.reply("HTTP/1.1 OK 200\r\nContent-Length: 0\r\n\r\n")),

    /** A header line without a colon. */
    MALFORMED_HEADER(RawServer.reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nThis is no header\r\n\r\nok")),

    /** A header line longer than the 100 KiB any client should accept. */
    HUGE_HEADER(RawServer.reply("HTTP/1.1 200 OK\r\nX-Huge: " + "h".repeat(200 * 1024) + "\r\nContent-Length: 2\r\n\r\nok")),

    /** A chunked body that never ends, written as fast as the client reads. */
    ENDLESS_BODY(c -> {
        c.readHead();
        c.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
        byte[] block = new byte[16 * 1024];
        Arrays.fill(block, (byte) 'x');
        byte[] chunk = concat(("4000\r\n").getBytes(StandardCharsets.US_ASCII), block, "\r\n".getBytes(
                StandardCharsets.US_ASCII));
        while (true) {
            c.write(chunk);
        }
    }),

    /** A head, then the body one byte a second (each read succeeds: only a total deadline stops it). */
    DRIP_ONE_BYTE_A_SECOND(c -> {
        c.readHead();
        c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
        drip(c, 1000);
    }),

    /** A redirect whose body comes one byte a second (the engine reads redirect bodies to reuse the connection). */
    DRIP_REDIRECT_BODY(c -> {
        c.readHead();
        c.write("HTTP/1.1 302 Found\r\nLocation: /next\r\nContent-Length: 1000\r\n\r\n");
        drip(c, 1000);
    }),

    /** A Basic challenge whose body comes one byte a second (HttpClient reads it before answering). */
    DRIP_CHALLENGE_BODY(c -> {
        c.readHead();
        c.write("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\nContent-Length: 1000\r\n\r\n");
        drip(c, 1000);
    }),

    /** The status line itself, one byte a second. */
    DRIP_HEADERS(c -> {
        c.readHead();
        for (byte b : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII)) {
            c.write(new byte[] {b});
            Thread.sleep(1000);
        }
    }),

    /** Every request is redirected to itself, on one kept connection. */
    REDIRECT_LOOP(c -> {
        while (c.readHead() != null) {
            c.write("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n");
        }
    }),

    /** An unasked-for 100 Continue before a good answer (a 1xx is skipped, as curl does). */
    CONTINUE_THEN_ANSWER(RawServer.reply("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")),

    /** A 100 Continue, then the connection closed without a final answer. */
    CONTINUE_THEN_CLOSE(RawServer.reply("HTTP/1.1 100 Continue\r\n\r\n")),

    /** A 100 Continue, then nothing. */
    CONTINUE_THEN_STALL(c -> {
        c.readHead();
        c.write("HTTP/1.1 100 Continue\r\n\r\n");
        c.awaitClientClose();
    }),

    /** 100 Continue after 100 Continue, forever: never a final answer. */
    ENDLESS_CONTINUE(c -> {
        c.readHead();
        while (true) {
            c.write("HTTP/1.1 100 Continue\r\n\r\n");
            Thread.sleep(5);
        }
    }),

    /** A 100 Continue carrying a body, which a 1xx never has. */
    CONTINUE_WITH_BODY(RawServer.reply("HTTP/1.1 100 Continue\r\nContent-Length: 5\r\n\r\nhello"
            + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));

    private final RawServer.Script script;

    Fault(RawServer.Script script) {
        this.script = script;
    }

    /** A server with this fault; for {@link #REFUSE}, a port that refuses every connection. */
    public Peer start() {
        return script == null ? RefusedPort.open() : RawServer.start(script);
    }

    private static void drip(RawServer.Conn c, int bytes) throws IOException, InterruptedException {
        for (int i = 0; i < bytes; i++) {
            c.write(new byte[] {'d'});
            Thread.sleep(1000);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
