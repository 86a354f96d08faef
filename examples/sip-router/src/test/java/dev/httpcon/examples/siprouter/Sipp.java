package dev.httpcon.examples.siprouter;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs sipp (Debian's {@code sip-tester}) against the router and reads back what it received.
 * A missing sipp fails the test with the command that installs it: the end-to-end test is never
 * skipped.
 */
final class Sipp {

    /** The final answer of one call as sipp received it. */
    record Final(String callId, String toUser, int status, String contact, String retryAfter) {
    }

    /** The outcome of one sipp run. */
    record Run(int exitCode, List<Final> finals, String output) {
    }

    private Sipp() {
    }

    /** Fails the test unless sipp can be run. */
    static void requireInstalled() {
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

    /**
     * Runs {@code scenario} against {@code 127.0.0.1:port} for users {@code u1..u<calls>}, at
     * {@code rate} calls per second, bounded to {@code maxSeconds}.
     */
    static Run run(Path scenario, int port, int calls, int rate, int maxSeconds, Path dir)
            throws IOException, InterruptedException {
        Path users = dir.resolve("users.csv");
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (int n = 1; n <= calls; n++) {
            csv.append('u').append(n).append('\n');
        }
        Files.writeString(users, csv.toString(), StandardCharsets.US_ASCII);
        Path messages = dir.resolve("messages.log");
        Path out = dir.resolve("sipp.out");
        List<String> command = List.of("sipp", "127.0.0.1:" + port,
                "-sf", scenario.toString(),
                "-inf", users.toString(),
                "-m", Integer.toString(calls),
                "-r", Integer.toString(rate),
                "-l", "50",
                "-i", "127.0.0.1",
                // No -p: sipp binds 5060, or the next port that is free, itself (a port chosen
                // here and handed over could be taken in between).
                "-nostdin",
                "-trace_msg", "-message_file", messages.toString(),
                "-timeout", maxSeconds + "s", "-timeout_error",
                "-recv_timeout", "10s");
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
    static List<Final> finals(String trace) {
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
            String user = to == null ? null : to.replaceAll(".*<sip:([^@>]+)@.*", "$1");
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
}
