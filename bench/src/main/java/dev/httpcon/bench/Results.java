package dev.httpcon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The results file: one tab-separated line per measurement, appended as soon as it is made, so an
 * interrupted run keeps what it measured. {@link Report} reads it back.
 *
 * <pre>
 * load  &lt;scenario&gt; &lt;threads&gt; &lt;subject&gt; &lt;round&gt; requests seconds rps p50_us p99_us p999_us errors load1_before load1_after [cpu_us_per_request bytes_per_request]
 * boot  &lt;form&gt; &lt;connections&gt; &lt;round&gt; boot_ms heap_bytes first_bean_ms load1_before load1_after boot_cpu_ms
 * </pre>
 */
final class Results {

    static final String LOAD = "load";
    static final String BOOT = "boot";

    private final Path file;

    Results(Path file) {
        this.file = file;
    }

    void load(String scenario, int threads, String subject, int round, Measurement m, double loadBefore,
              double loadAfter) throws IOException {
        String line = String.format(Locale.ROOT, "%s\t%s\t%d\t%s\t%d\t%d\t%.3f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%.2f\t%.2f",
                LOAD, scenario, threads, subject, round, m.requests(), m.seconds(), m.rps(), m.p50(), m.p99(),
                m.p999(), m.errors(), loadBefore, loadAfter);
        if (m.cpuNanos() >= 0) {
            // the two last columns only for in-process subjects; older files have 14 columns
            line += String.format(Locale.ROOT, "\t%.2f\t%.0f", m.cpuMicrosPerRequest(), m.bytesPerRequest());
        }
        append(line);
    }

    void boot(String form, int connections, int round, double bootMillis, long heapBytes, double firstBeanMillis,
              double loadBefore, double loadAfter, double cpuMillis) throws IOException {
        append(String.format(Locale.ROOT, "%s\t%s\t%d\t%d\t%.1f\t%d\t%.2f\t%.2f\t%.2f\t%.1f", BOOT, form, connections,
                round, bootMillis, heapBytes, firstBeanMillis, loadBefore, loadAfter, cpuMillis));
    }

    private void append(String line) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The one-minute load average, as {@code uptime} shows it (NaN where there is no /proc). */
    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
