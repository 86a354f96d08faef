package dev.httpcon.bench;

import java.util.Locale;

/**
 * What one subject did in one measurement window: completed requests, the window, latency
 * percentiles in microseconds and failed requests.
 */
record Measurement(long requests, double seconds, double p50, double p99, double p999, long errors) {

    /** Completed requests per second. */
    double rps() {
        return seconds <= 0 ? 0 : requests / seconds;
    }

    /**
     * The line the C loop ({@code bench/curl/curlloop.c}) and the wrk script ({@code bench/wrk/report.lua})
     * print: {@code <tag> requests seconds p50_us p99_us p999_us errors}.
     */
    static Measurement parse(String tag, String output) {
        for (String line : output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 7 && f[0].equals(tag)) {
                return new Measurement(Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), Long.parseLong(f[6]));
            }
        }
        throw new IllegalStateException("no '" + tag + "' line in the output:\n" + output);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%9.0f req/s  p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  errors %d",
                rps(), p50, p99, p999, errors);
    }
}
