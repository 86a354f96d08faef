package dev.httpcon.examples.routing.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs sipp (Debian's {@code sip-tester}) against a SIP router and reads back what it received.
 * A missing sipp fails the test with the command that installs it: the end-to-end tests are never
 * skipped. The scenarios are resources beside this class: {@code invite.xml} (each call an INVITE
 * that must end in 302 or 404, ACKed) and {@code options.xml} (the same as OPTIONS).
 */
public final class Sipp {

    /** The final answer of one call as sipp received it. */
    public record Final(String callId, String toUser, int status, String contact, String retryAfter) {

        /**
         * The Contact's URI without angle brackets: containers differ in whether they keep them
         * ({@code <sip:u1@h>} from JAIN SIP, {@code sip:u1@h} from Open Liberty); null if none.
         */
        public String contactUri() {
            return contact == null ? null : contact.replaceAll("^<(.*)>$", "$1");
        }
    }

    /** The outcome of one sipp run. */
    public record Run(int exitCode, List<Final> finals, String output) {
    }

    private Sipp() {
    }

    /** Fails the test unless sipp can be run. */
    public static void requireInstalled() {
        try {
            Process p = new ProcessBuilder("sipp", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("sipp -v did not finish in 10 s");
            }
        } catch (IOException e) {
            fail("sipp is not installed (" + e.getMessage() + "): the SIP end-to-end test needs it."
                    + " Install Debian's sip-tester package: apt-get install -y sip-tester");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** Writes the scenario resource {@code name} ({@code invite.xml}, {@code options.xml}) into {@code dir}. */
    public static Path scenario(String name, Path dir) throws IOException {
        try (InputStream in = Sipp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sipp scenario " + name + " beside " + Sipp.class.getName());
            }
            Path file = dir.resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }

    /**
     * Runs {@code scenario} against {@code 127.0.0.1:port} for users {@code u1..u<calls>} (the
     * scenario's {@code [field0]}), at {@code rate} calls per second, bounded to {@code maxSeconds}.
     */
    public static Run run(Path scenario, int port, int calls, int rate, int maxSeconds, Path dir)
            throws IOException, InterruptedException {
        return run(scenario, port, 1, calls, rate, maxSeconds, dir);
    }

    /**
     * As {@link #run(Path, int, int, int, int, Path)}, for users {@code u<first>..u<first+calls-1>}:
     * two sipp runs at once (one per router of a cluster) call users of their own. Each run needs
     * a directory of its own.
     */
    public static Run run(Path scenario, int port, int first, int calls, int rate, int maxSeconds, Path dir)
            throws IOException, InterruptedException {
        Path users = dir.resolve("users.csv");
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (int n = first; n < first + calls; n++) {
            csv.append('u').append(n).append('\n');
        }
        Files.writeString(users, csv.toString(), StandardCharsets.US_ASCII);
        return sipp(scenario, port, List.of("-inf", users.toString(), "-m", Integer.toString(calls),
                "-r", Integer.toString(rate), "-l", "50"), maxSeconds, dir);
    }

    /**
     * Runs {@code scenario} once against {@code 127.0.0.1:port} with {@code -s service} (the
     * scenario's {@code [service]}, the user part of the Request-URI), bounded to {@code maxSeconds}.
     */
    public static Run runOnce(Path scenario, int port, String service, int maxSeconds, Path dir)
            throws IOException, InterruptedException {
        return sipp(scenario, port, List.of("-s", service, "-m", "1"), maxSeconds, dir);
    }

    private static Run sipp(Path scenario, int port, List<String> calls, int maxSeconds, Path dir)
            throws IOException, InterruptedException {
        Path messages = dir.resolve("messages.log");
        Path out = dir.resolve("sipp.out");
        Files.deleteIfExists(messages);
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + port, "-sf", scenario.toString()));
        command.addAll(calls);
        command.addAll(List.of(
                "-i", "127.0.0.1",
                // No -p: sipp binds 5060, or the next port that is free, itself (a port chosen
                // here and handed over could be taken in between).
                "-nostdin",
                "-trace_msg", "-message_file", messages.toString(),
                "-timeout", maxSeconds + "s", "-timeout_error",
                "-recv_timeout", "10s"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(maxSeconds + 30L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("sipp did not stop within " + (maxSeconds + 30) + " s: " + command);
        }
        String output = Files.readString(out, StandardCharsets.ISO_8859_1);
        List<Final> finals = Files.exists(messages)
                ? finals(Files.readString(messages, StandardCharsets.ISO_8859_1)) : List.of();
        return new Run(p.exitValue(), finals, output);
    }

    /** The final (>= 200) response of every call in sipp's message trace, first one per Call-ID. */
    public static List<Final> finals(String trace) {
        Map<String, Final> byCall = new LinkedHashMap<>();
        for (String block : ("\n" + trace).split("\n-{10,}[^\n]*\n")) {
            int start = block.indexOf("SIP/2.0 ");
            if (start < 0 || !block.substring(0, start).contains("received")) {
                continue;
            }
            List<String> lines = new ArrayList<>(List.of(block.substring(start).split("\r?\n")));
            int status = Integer.parseInt(lines.get(0).substring(8, 11));
            if (status < 200) {
                continue;
            }
            String callId = header(lines, "Call-ID");
            String to = header(lines, "To");
            String user = to == null ? null : to.replaceAll("^.*?sip:([^@>;]+)@.*$", "$1");
            byCall.putIfAbsent(callId, new Final(callId, user, status, header(lines, "Contact"),
                    header(lines, "Retry-After")));
        }
        return List.copyOf(byCall.values());
    }

    private static String header(List<String> lines, String name) {
        for (String l : lines) {
            if (l.isEmpty()) {
                break;
            }
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return l.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /**
     * A UDP port on 127.0.0.1 that was free a moment ago, for a router that cannot take port 0.
     * Another program may take it before the router binds it: the router then says it cannot
     * listen, and must be started again on another port (sip-router's RouterProcess does).
     */
    public static int freeUdpPort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
