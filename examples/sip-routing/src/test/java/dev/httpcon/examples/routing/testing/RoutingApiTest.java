package dev.httpcon.examples.routing.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the SIP examples' tests rely on when they check a SIP answer against {@link RoutingApi#answers()}:
 * an answer is there as soon as a client can have read any of it (on every JDK: Java 17's HTTP server
 * writes a body straight to the socket, later ones when the exchange closes), an answer a stop cut is
 * not there, and a stopped instance answers nothing more, not even on a connection kept alive from
 * before. The handler thread is held at fixed points ({@link RoutingApi.Step}) so that each check
 * sees the moment it is about, however the threads are scheduled. Plain sockets, HTTP/1.1 kept alive.
 */
class RoutingApiTest {

    /** Far above any wait here on a loaded machine; a hold that is not released ends by then. */
    private static final int WAIT_MS = 20_000;

    private static final RoutingApi.Answer U1 = new RoutingApi.Answer("u1", 200, "sip:u1@10.0.0.1:5060");

    @Test
    void anAnswerIsRecordedBeforeAClientCanHaveReadAnyOfIt() throws Exception {
        try (RoutingApi api = RoutingApi.start("10.0.0.1")) {
            CountDownLatch release = new CountDownLatch(1);
            // The handler stays here, after the whole answer was sent, until the test has looked.
            api.probe(step -> {
                if (step == RoutingApi.Step.SENT) {
                    await(release);
                }
            });
            try (Socket s = connect(api.url())) {
                assertEquals("200 sip:u1@10.0.0.1:5060\r\n", ask(s, "sip:u1@example.com"));
                assertEquals(List.of(U1), api.answers());
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void anAnswerAStopCutIsNotRecorded() throws Exception {
        try (RoutingApi api = RoutingApi.start("10.0.0.1")) {
            CountDownLatch recorded = new CountDownLatch(1);
            // The handler stays here, the answer recorded and nothing of it sent, until the stop
            // interrupts it; then it sends on a connection the stop has closed.
            api.probe(step -> {
                if (step == RoutingApi.Step.RECORDED) {
                    recorded.countDown();
                    await(new CountDownLatch(1));
                }
            });
            try (Socket s = connect(api.url())) {
                send(s, "sip:u1@example.com");
                assertTrue(recorded.await(WAIT_MS, TimeUnit.MILLISECONDS), "the request reached the handler");
                api.stop();
                assertEquals(List.of(), api.answers());
                assertNothingCame(s);
            }
        }
    }

    /**
     * A router's pooled connection to an instance that was stopped, and a new instance on the same
     * port (as the Liberty tests start one per test on the port server.env names): the old
     * connection is closed, so every answer comes from, and is recorded by, the new instance.
     */
    @Test
    void aStoppedInstanceAnswersNothingMoreNotEvenOnAKeptConnection() throws Exception {
        try (RoutingApi first = RoutingApi.start("10.0.0.1")) {
            int port = port(first.url());
            try (Socket kept = connect(first.url())) {
                assertEquals("200 sip:u1@10.0.0.1:5060\r\n", ask(kept, "sip:u1@example.com"));
                first.stop();
                // The port is still held by the stopped instance (bound, not listening); a new
                // instance binds it alongside, as a test's next instance on a fixed port does.
                try (RoutingApi second = RoutingApi.start("10.0.0.1", port, Integer.MAX_VALUE)) {
                    try {
                        send(kept, "sip:u2@example.com");
                        assertNothingCame(kept);
                    } catch (SocketException closed) {
                        // refused outright: also nothing
                    }
                    try (Socket fresh = connect(second.url())) {
                        assertEquals("200 sip:u2@10.0.0.1:5060\r\n", ask(fresh, "sip:u2@example.com"));
                    }
                    assertEquals(List.of(U1), first.answers());
                    assertEquals(List.of(new RoutingApi.Answer("u2", 200, "sip:u2@10.0.0.1:5060")), second.answers());
                }
            }
        }
    }

    @Test
    void onceItStoppedItselfItsAnswersAreFinalAndItsPortRefuses() throws Exception {
        try (RoutingApi api = RoutingApi.start("10.0.0.1", 0, 1)) {
            try (Socket s = connect(api.url())) {
                assertEquals("200 sip:u1@10.0.0.1:5060\r\n", ask(s, "sip:u1@example.com"));
            }
            // Waits for the stop the first answer began: after it, the port refuses.
            assertEquals(List.of(U1), api.answers());
            assertThrows(ConnectException.class, () -> connect(api.url()).close());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the stop: the handler goes on, interrupted
        }
    }

    private static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    private static Socket connect(String url) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port(url)), WAIT_MS);
        s.setSoTimeout(WAIT_MS);
        return s;
    }

    private static void send(Socket s, String sipUri) throws IOException {
        s.getOutputStream().write(("GET /api/route?uri=" + URLEncoder.encode(sipUri, StandardCharsets.UTF_8)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** Sends a lookup and reads its whole response (by its Content-length): "status body". */
    private static String ask(Socket s, String sipUri) throws IOException {
        send(s, sipUri);
        InputStream in = s.getInputStream();
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(9, 12));
        int length = -1;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertTrue(length >= 0, "a Content-length: " + head);
        byte[] body = in.readNBytes(length);
        assertEquals(length, body.length, "the whole body: " + head);
        return status + " " + new String(body, StandardCharsets.UTF_8);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                fail("the connection ended before a response: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** The connection ends (closed or reset) without a byte of a response. */
    private static void assertNothingCame(Socket s) throws IOException {
        try {
            int b = s.getInputStream().read();
            assertEquals(-1, b, "a response on a connection the stop should have closed");
        } catch (SocketException reset) {
            // reset: nothing came either
        }
    }
}
