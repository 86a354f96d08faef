package dev.httpcon.bench;

import java.util.Locale;

/**
 * What one subject did in one measurement window: completed requests, the window, latency
 * percentiles in microseconds and failed requests; for an in-process subject also the CPU time and
 * the bytes its calling threads spent over the window ({@code -1} where not measured: wrk, the C
 * loop). CPU and allocation per request move much less with the machine's load than requests per
 * second do.
 */
record Measurement(long requests, double seconds, double p50, double p99, double p999, long errors, long cpuNanos,
                   long allocatedBytes) {

    Measurement(long requests, double seconds, double p50, double p99, double p999, long errors) {
        this(requests, seconds, p50, p99, p999, errors, -1, -1);
    }

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

    /** CPU time of the calling threads per completed request, in microseconds (NaN if not measured). */
    double cpuMicrosPerRequest() {
        return cpuNanos < 0 || requests == 0 ? Double.NaN : cpuNanos / 1000.0 / requests;
    }

    /** Bytes allocated by the calling threads per completed request (NaN if not measured). */
    double bytesPerRequest() {
        return allocatedBytes < 0 || requests == 0 ? Double.NaN : (double) allocatedBytes / requests;
    }

    @Override
    public String toString() {
        String line = String.format(Locale.ROOT, "%9.0f req/s  p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  errors %d",
                rps(), p50, p99, p999, errors);
        return cpuNanos < 0 ? line : line + String.format(Locale.ROOT, "  cpu %6.1f us/req  alloc %7.0f B/req",
                cpuMicrosPerRequest(), bytesPerRequest());
    }
}
