package dev.httpcon.examples.sipservlet;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The smallest SIP user agent client the tests need, over UDP on 127.0.0.1: one INVITE, the
 * responses until the final one (retransmitting the INVITE on RFC 3261's timer A until anything
 * arrives), and the ACK a non-2xx final answer needs. Every wait is bounded.
 */
final class SipUdpClient implements AutoCloseable {

    /** One response as received: status, reason and the first value of each header (by lower-case name). */
    record Response(int status, String reason, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The Contact's URI without the angle brackets a container may or may not write. */
        String contactUri() {
            String c = header("Contact");
            return c == null ? null : c.replaceAll("^<(.*)>$", "$1");
        }

        @Override
        public String toString() {
            return status + " " + reason + " " + headers;
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    SipUdpClient(int serverPort) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        socket = new DatagramSocket(0, loopback);
        server = new InetSocketAddress(loopback, serverPort);
    }

    /**
     * Sends an INVITE for {@code requestUri} and returns every response up to and including the
     * final one; fails if no final answer arrives within {@code timeoutMillis}.
     */
    List<Response> invite(String requestUri, long timeoutMillis) throws IOException {
        String branch = "z9hG4bK-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        String callId = Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@127.0.0.1";
        String local = "127.0.0.1:" + socket.getLocalPort();
        String via = "SIP/2.0/UDP " + local + ";branch=" + branch;
        String from = "<sip:test@" + local + ">;tag=" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        String invite = "INVITE " + requestUri + " SIP/2.0\r\n"
                + "Via: " + via + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + from + "\r\n"
                + "To: <" + requestUri + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:test@" + local + ">\r\n"
                + "Content-Length: 0\r\n\r\n";

        List<Response> responses = new ArrayList<>();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        long retransmitAfter = 500;
        long nextSend = 0;
        byte[] buffer = new byte[65_535];
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline) {
                throw new AssertionError("no final answer to INVITE " + requestUri + " within " + timeoutMillis
                        + " ms; received " + responses);
            }
            if (responses.isEmpty() && now >= nextSend) {
                send(invite);
                nextSend = now + retransmitAfter * 1_000_000L;
                retransmitAfter = Math.min(retransmitAfter * 2, 4000);
            }
            long wait = (responses.isEmpty() ? Math.min(deadline, nextSend) : deadline) - now;
            socket.setSoTimeout((int) Math.max(1, wait / 1_000_000L));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            Response r = parse(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            if (r == null || !callId.equals(r.header("Call-ID"))) {
                continue;
            }
            responses.add(r);
            if (r.status() >= 200) {
                if (r.status() >= 300) {
                    send("ACK " + requestUri + " SIP/2.0\r\n"
                            + "Via: " + via + "\r\n"
                            + "Max-Forwards: 70\r\n"
                            + "From: " + from + "\r\n"
                            + "To: " + r.header("To") + "\r\n"
                            + "Call-ID: " + callId + "\r\n"
                            + "CSeq: 1 ACK\r\n"
                            + "Content-Length: 0\r\n\r\n");
                }
                return responses;
            }
        }
    }

    private void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** A response's status line and headers (compact forms expanded for the ones used here); null if not a response. */
    private static Response parse(String message) {
        String[] lines = message.split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("SIP/2.0 ")) {
            return null;
        }
        int status = Integer.parseInt(lines[0].substring(8, 11));
        String reason = lines[0].length() > 12 ? lines[0].substring(12) : "";
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                name = switch (name) {
                    case "i" -> "call-id";
                    case "m" -> "contact";
                    case "t" -> "to";
                    default -> name;
                };
                headers.putIfAbsent(name, lines[i].substring(colon + 1).trim());
            }
        }
        return new Response(status, reason, headers);
    }

    @Override
    public void close() {
        socket.close();
    }
}
