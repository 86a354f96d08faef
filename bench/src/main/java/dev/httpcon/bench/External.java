package dev.httpcon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The subjects measured in their own process, in the same run: libcurl (subject d, the C loop in
 * {@code bench/curl/}) and wrk, the load tool that gives the server's ceiling.
 */
final class External {

    private External() {
    }

    /**
     * libcurl with one easy handle per thread reused for every request ({@code reuse}, like
     * keep_connections=1) or a fresh handle per request (like keep_connections=0).
     */
    static Measurement curl(Path binary, String url, int threads, boolean reuse, Path ca, String userAgent,
                            double warmup, double measure) throws IOException, InterruptedException {
        List<String> cmd = List.of(binary.toString(), url, Integer.toString(threads), seconds(warmup),
                seconds(measure), reuse ? "reuse" : "fresh", ca == null ? "-" : ca.toString(), userAgent);
        return Measurement.parse("CURL", run(cmd, warmup + measure));
    }

    /**
     * wrk with {@code threads} connections (at most 2 wrk threads: the machine has 2 cores). Without
     * keep-alive every request carries {@code Connection: close}, so the server closes after each
     * answer and wrk connects again. The first {@code warmup} seconds are a separate wrk run.
     */
    static Measurement wrk(Path script, String url, int threads, boolean keep, double warmup, double measure)
            throws IOException, InterruptedException {
        if (warmup > 0) {
            run(wrkCommand(script, url, threads, keep, warmup), warmup);
        }
        return Measurement.parse("WRK", run(wrkCommand(script, url, threads, keep, measure), measure));
    }

    private static List<String> wrkCommand(Path script, String url, int threads, boolean keep, double seconds) {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t", Integer.toString(Math.min(2, threads)),
                "-c", Integer.toString(threads), "-d", Math.max(1, Math.round(seconds)) + "s", "--timeout", "4s",
                "-s", script.toString()));
        if (!keep) {
            cmd.addAll(List.of("-H", "Connection: close"));
        }
        cmd.add(url);
        return cmd;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** Runs a command to its end (bounded: it must stop by itself) and returns what it printed. */
    static String run(List<String> command, double expectedSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor((long) expectedSeconds + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("did not stop: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + command + "\n" + text);
        }
        return text;
    }
}
