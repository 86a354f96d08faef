package dev.httpcon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Reads results files ({@link Results}) and prints them as Markdown: medians over rounds (and over
 * files, when several runs are given), ratios computed per round (subjects of one round ran
 * within seconds of each other) and then their median, and each target of issue 8 as met or missed.
 */
final class Report {

    static final List<String> SCENARIOS = List.of("http-keep", "http-close", "https-keep", "https-close");
    static final List<String> SUBJECTS = List.of("server", "a", "b", "c", "d");

    /** One load row. {@code run} tells rounds of different files apart. */
    record Load(String scenario, int threads, String subject, String run, double rps, double p50, double p99,
                double p999, long errors, double loadBefore, double loadAfter, double cpuMicros, double allocBytes) {
    }

    record Boot(String form, int connections, double bootMillis, long heapBytes, double firstBeanMillis,
                double cpuMillis) {
    }

    private final List<Load> loads;
    private final List<Boot> boots;

    Report(List<Load> loads, List<Boot> boots) {
        this.loads = loads;
        this.boots = boots;
    }

    static Report read(List<Path> files) throws IOException {
        return read(files, Double.POSITIVE_INFINITY);
    }

    /**
     * Reads {@code files}, keeping only load measurements with a one-minute load average of at most
     * {@code maxLoad} before and after (the machine's other work disturbs a measurement; on 2 cores
     * a load above 2 means something else was running).
     */
    static Report read(List<Path> files, double maxLoad) throws IOException {
        List<Load> loads = new ArrayList<>();
        List<Boot> boots = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            for (String line : Files.readAllLines(files.get(f))) {
                String[] c = line.split("\t");
                if (c[0].equals(Results.LOAD) && (c.length == 14 || c.length == 16)) {
                    if (Math.max(d(c[12]), d(c[13])) > maxLoad) {
                        continue;
                    }
                    loads.add(new Load(c[1], Integer.parseInt(c[2]), c[3], f + "/" + c[4], d(c[7]), d(c[8]), d(c[9]),
                            d(c[10]), Long.parseLong(c[11]), d(c[12]), d(c[13]),
                            // CPU and allocation per request: the last two columns, missing in older files
                            c.length == 16 ? d(c[14]) : Double.NaN, c.length == 16 ? d(c[15]) : Double.NaN));
                } else if (c[0].equals(Results.BOOT) && (c.length == 9 || c.length == 10)) {
                    // the tenth column (the boot's process CPU time) is missing in older files
                    boots.add(new Boot(c[1], Integer.parseInt(c[2]), d(c[4]), Long.parseLong(c[5]), d(c[6]),
                            c.length == 10 ? d(c[9]) : Double.NaN));
                } else if (!line.isBlank()) {
                    throw new IllegalArgumentException(files.get(f) + ": not a results line: " + line);
                }
            }
        }
        return new Report(loads, boots);
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = values.stream().sorted().toList();
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** Median over rounds of one subject's figure. */
    double median(String scenario, int threads, String subject, ToDoubleFunction<Load> figure) {
        return median(rows(scenario, threads, subject).stream().map(figure::applyAsDouble).toList());
    }

    /** Median over rounds of {@code rps(top) / rps(bottom)}, each ratio taken within one round. */
    double ratio(String scenario, int threads, String top, String bottom) {
        Map<String, Double> below = rows(scenario, threads, bottom).stream()
                .collect(Collectors.toMap(Load::run, Load::rps, (x, y) -> x));
        List<Double> ratios = new ArrayList<>();
        for (Load l : rows(scenario, threads, top)) {
            Double b = below.get(l.run());
            if (b != null && b > 0) {
                ratios.add(l.rps() / b);
            }
        }
        return median(ratios);
    }

    private List<Load> rows(String scenario, int threads, String subject) {
        return loads.stream().filter(l -> l.scenario().equals(scenario) && l.threads() == threads
                && l.subject().equals(subject)).toList();
    }

    private TreeSet<Integer> threads(String scenario) {
        return loads.stream().filter(l -> l.scenario().equals(scenario)).map(Load::threads)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        for (String scenario : scenarios()) {
            if (scenario.endsWith("-failover")) {
                failover(sb, scenario);
            } else if (scenario.endsWith("-resilience")) {
                resilience(sb, scenario);
            } else if (scenario.equals("overload-guard")) {
                overload(sb, scenario);
            } else if (scenario.endsWith("-telemetry")) {
                telemetry(sb, scenario);
            } else {
                load(sb, scenario);
            }
        }
        boot(sb);
        targets(sb);
        return sb.toString();
    }

    private List<String> scenarios() {
        List<String> found = loads.stream().map(Load::scenario).distinct().collect(Collectors.toCollection(ArrayList::new));
        found.sort(Comparator.comparing((String s) -> SCENARIOS.indexOf(s) < 0 ? 99 : SCENARIOS.indexOf(s))
                .thenComparing(s -> s));
        return found;
    }

    private void load(StringBuilder sb, String scenario) {
        sb.append("\n### ").append(scenario).append("\n\n");
        sb.append("Requests/s, median of rounds; ratios are medians of per-round ratios.\n\n");
        sb.append("| threads | server (wrk) | a raw HttpClient | b httpcon bean | c typed client | d libcurl | b/a | c/a | b/d | rounds | load1 |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int t : threads(scenario)) {
            sb.append("| ").append(t);
            for (String s : SUBJECTS) {
                sb.append(" | ").append(num(median(scenario, t, s, Load::rps), 0));
            }
            sb.append(" | ").append(num(ratio(scenario, t, "b", "a"), 3))
                    .append(" | ").append(num(ratio(scenario, t, "c", "a"), 3))
                    .append(" | ").append(num(ratio(scenario, t, "b", "d"), 3))
                    .append(" | ").append(rows(scenario, t, "b").size())
                    .append(" | ").append(loadRange(scenario, t)).append(" |\n");
        }
        sb.append("\nLatency in µs (p50 / p99 / p99.9), medians of rounds:\n\n");
        sb.append("| threads | server (wrk) | a raw HttpClient | b httpcon bean | c typed client | d libcurl |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|\n");
        for (int t : threads(scenario)) {
            sb.append("| ").append(t);
            for (String s : SUBJECTS) {
                sb.append(" | ").append(percentiles(scenario, t, s));
            }
            sb.append(" |\n");
        }
        long errors = loads.stream().filter(l -> l.scenario().equals(scenario)).mapToLong(Load::errors).sum();
        if (errors > 0) {
            Map<String, Long> bySubject = loads.stream()
                    .filter(l -> l.scenario().equals(scenario) && l.errors() > 0)
                    .collect(Collectors.groupingBy(l -> l.subject() + "@" + l.threads(), TreeMap::new,
                            Collectors.summingLong(Load::errors)));
            sb.append("\nFailed requests in this scenario: ").append(errors).append(" (subject@threads: ")
                    .append(bySubject).append(")\n");
        }
    }

    private void failover(StringBuilder sb, String scenario) {
        sb.append("\n### ").append(scenario).append("\n\n");
        sb.append("`b-direct`: GET on the backup connection; `b-failover`: the same GET on a connection whose "
                + "primary port refuses, failing over to that backup. Extra = failover minus direct.\n\n");
        sb.append("| threads | direct req/s | failover req/s | ratio | direct p50 µs | failover p50 µs | extra p50 µs "
                + "| extra p99 µs | extra mean µs | rounds |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int t : threads(scenario)) {
            double direct = median(scenario, t, "b-direct", Load::rps);
            double fail = median(scenario, t, "b-failover", Load::rps);
            double p50d = median(scenario, t, "b-direct", Load::p50);
            double p50f = median(scenario, t, "b-failover", Load::p50);
            double p99d = median(scenario, t, "b-direct", Load::p99);
            double p99f = median(scenario, t, "b-failover", Load::p99);
            // Closed loop: mean latency = threads / throughput.
            double extraMean = (t / fail - t / direct) * 1e6;
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n", t,
                    num(direct, 0), num(fail, 0), num(ratio(scenario, t, "b-failover", "b-direct"), 3), num(p50d, 1),
                    num(p50f, 1), num(p50f - p50d, 1), num(p99f - p99d, 1), num(extraMean, 1),
                    rows(scenario, t, "b-failover").size()));
        }
    }

    private void resilience(StringBuilder sb, String scenario) {
        sb.append("\n### ").append(scenario).append("\n\n");
        sb.append("The primary black-holed (accepts, never answers; `timeout=200ms`), failing over to the backup. "
                + "`b-direct`: GET on the backup; `b-hole-off`: on the primary, health off (every call waits the "
                + "timeout); `b-hole-on`: on the primary with `health_failures=3`, NOTREACHABLE before measuring "
                + "(every call skips it). Extra = subject minus direct; mean latency = threads / throughput.\n\n");
        sb.append("| threads | direct req/s | health off req/s | health on req/s | direct p50 µs | extra p50 off µs "
                + "| extra p50 on µs | extra p99 on µs | extra mean off µs | extra mean on µs | on/direct | rounds |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int t : threads(scenario)) {
            double direct = median(scenario, t, "b-direct", Load::rps);
            double off = median(scenario, t, "b-hole-off", Load::rps);
            double on = median(scenario, t, "b-hole-on", Load::rps);
            double p50d = median(scenario, t, "b-direct", Load::p50);
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n", t,
                    num(direct, 0), num(off, 1), num(on, 0), num(p50d, 1),
                    num(median(scenario, t, "b-hole-off", Load::p50) - p50d, 0),
                    num(median(scenario, t, "b-hole-on", Load::p50) - p50d, 1),
                    num(median(scenario, t, "b-hole-on", Load::p99) - median(scenario, t, "b-direct", Load::p99), 1),
                    num((t / off - t / direct) * 1e6, 0), num((t / on - t / direct) * 1e6, 1),
                    num(ratio(scenario, t, "b-hole-on", "b-direct"), 3), rows(scenario, t, "b-hole-on").size()));
        }
    }

    private void telemetry(StringBuilder sb, String scenario) {
        sb.append("\n### ").append(scenario).append("\n\n");
        sb.append("Keep-alive GETs through the plain-Java core, one connection with a failover configured: `off` "
                + "with no back end, `metrics` with OpenTelemetry metrics, `traced` with metrics and a span per "
                + "attempt (in-memory SDK exporters). Requests/s and CPU per request are medians of rounds; ratios "
                + "are medians of per-round ratios.\n\n");
        sb.append("| threads | off req/s | metrics req/s | traced req/s | metrics/off | traced/off | traced/metrics "
                + "| CPU µs/req off / metrics / traced | bytes/req off / metrics / traced | rounds |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int t : threads(scenario)) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s / %s / %s | %s / %s / %s | %d |%n", t,
                    num(median(scenario, t, "off", Load::rps), 0), num(median(scenario, t, "metrics", Load::rps), 0),
                    num(median(scenario, t, "traced", Load::rps), 0),
                    num(ratio(scenario, t, "metrics", "off"), 3), num(ratio(scenario, t, "traced", "off"), 3),
                    num(ratio(scenario, t, "traced", "metrics"), 3),
                    num(median(scenario, t, "off", Load::cpuMicros), 1), num(median(scenario, t, "metrics", Load::cpuMicros), 1),
                    num(median(scenario, t, "traced", Load::cpuMicros), 1),
                    num(median(scenario, t, "off", Load::allocBytes), 0), num(median(scenario, t, "metrics", Load::allocBytes), 0),
                    num(median(scenario, t, "traced", Load::allocBytes), 0), rows(scenario, t, "traced").size()));
        }
    }

    private void overload(StringBuilder sb, String scenario) {
        sb.append("\n### ").append(scenario).append("\n\n");
        sb.append("`b-refused`: GET on a connection with `max_concurrent=1` whose permit a background call holds: "
                + "every call is refused at once with 89 (the latency is the refusal's, through the CDI bean).\n\n");
        sb.append("| threads | refusals/s | p50 µs | p99 µs | p99.9 µs | rounds |\n|---:|---:|---:|---:|---:|---:|\n");
        for (int t : threads(scenario)) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %d |%n", t,
                    num(median(scenario, t, "b-refused", Load::rps), 0), num(median(scenario, t, "b-refused", Load::p50), 1),
                    num(median(scenario, t, "b-refused", Load::p99), 1), num(median(scenario, t, "b-refused", Load::p999), 1),
                    rows(scenario, t, "b-refused").size()));
        }
    }

    private void boot(StringBuilder sb) {
        if (boots.isEmpty()) {
            return;
        }
        Map<String, List<Boot>> byForm = boots.stream().collect(Collectors.groupingBy(Boot::form, TreeMap::new,
                Collectors.toList()));
        for (Map.Entry<String, List<Boot>> e : byForm.entrySet()) {
            sb.append("\n### boot (").append(e.getKey()).append(")\n\n");
            sb.append(e.getKey().equals(BootCommand.WELD_ONLY)
                    ? "Weld SE + SmallRye Metrics with N synthetic beans, one per connection as httpcon registered "
                            + "them before issue 18, and no httpcon"
                    : "Weld SE + httpcon + SmallRye Metrics");
            sb.append(", fresh JVM per round; medians of rounds. Retained = "
                    + "(heap(N) - heap(smallest N)) / (N - smallest N).\n\n");
            sb.append("| connections | boot ms | boot CPU ms (all threads) | first bean ms | heap after GC MiB | retained per connection | rounds |\n");
            sb.append("|---:|---:|---:|---:|---:|---:|---:|\n");
            TreeMap<Integer, List<Boot>> byN = e.getValue().stream().collect(Collectors.groupingBy(Boot::connections,
                    TreeMap::new, Collectors.toList()));
            int n0 = byN.firstKey();
            double heap0 = heap(byN.get(n0));
            for (Map.Entry<Integer, List<Boot>> n : byN.entrySet()) {
                List<Boot> b = n.getValue();
                double heap = heap(b);
                String retained = n.getKey() == n0 ? "" : bytes((heap - heap0) / (n.getKey() - n0));
                sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %d |%n", n.getKey(),
                        num(median(b.stream().map(Boot::bootMillis).toList()), 0),
                        num(median(b.stream().map(Boot::cpuMillis).filter(x -> !Double.isNaN(x)).toList()), 0),
                        num(median(b.stream().map(Boot::firstBeanMillis).toList()), 1),
                        num(heap / 1048576.0, 1), retained, b.size()));
            }
        }
    }

    private static double heap(List<Boot> b) {
        return median(b.stream().map(x -> (double) x.heapBytes()).toList());
    }

    private void targets(StringBuilder sb) {
        sb.append("\n### targets\n\n| target | measured | |\n|---|---|---|\n");
        for (String scenario : List.of("http-keep", "http-close", "https-keep")) {
            for (int t : threads(scenario)) {
                double r = ratio(scenario, t, "b", "a");
                if (!Double.isNaN(r)) {
                    target(sb, "b/a >= 0.95, " + scenario + ", " + t + " threads", num(r, 3), r >= 0.95);
                }
            }
        }
        for (int t : threads("http-keep")) {
            double r = ratio("http-keep", t, "b", "d");
            if (!Double.isNaN(r)) {
                target(sb, "b/d >= 1.0, http-keep, " + t + " threads", num(r, 3), r >= 1.0);
            }
        }
        if (threads("http-keep").contains(64)) {
            double b = median("http-keep", 64, "b", Load::p99);
            double d = median("http-keep", 64, "d", Load::p99);
            if (!Double.isNaN(b) && !Double.isNaN(d)) {
                target(sb, "p99 at 64 threads <= 1.5x libcurl's, http-keep", num(b, 0) + " µs vs " + num(d, 0)
                        + " µs (" + num(b / d, 2) + "x)", b <= 1.5 * d);
            }
        }
        if (threads("http-keep").contains(1)) {
            double r = ratio("http-keep", 1, "c", "a");
            if (!Double.isNaN(r)) {
                target(sb, "typed Rest Client c/a >= 0.8, http-keep, 1 thread", num(r, 3), r >= 0.8);
            }
        }
        for (int t : threads("http-keep-telemetry")) {
            double r = ratio("http-keep-telemetry", t, "traced", "off");
            target(sb, "tracing on costs at most 5% of the throughput (traced/off >= 0.95), " + t + " threads",
                    num(r, 3), r >= 0.95);
        }
        for (int t : threads("http-keep-resilience")) {
            double r = ratio("http-keep-resilience", t, "b-hole-on", "b-direct");
            target(sb, "primary black-holed and NOTREACHABLE: within 5% of the backup direct (throughput ratio "
                    + ">= 0.95), " + t + " threads", num(r, 3), r >= 0.95);
        }
        for (int t : threads("overload-guard")) {
            double p99 = median("overload-guard", t, "b-refused", Load::p99);
            target(sb, "an overload refusal well under a millisecond (p99 < 100 µs), " + t + " threads",
                    num(p99, 1) + " µs", p99 < 100);
        }
        for (String form : boots.stream().map(Boot::form).filter(f -> !f.equals(BootCommand.WELD_ONLY)).distinct()
                .sorted().toList()) {
            List<Boot> big = boots.stream().filter(b -> b.form().equals(form) && b.connections() == 10_000).toList();
            if (!big.isEmpty()) {
                double ms = median(big.stream().map(Boot::bootMillis).toList());
                target(sb, "boot of 10,000 connections < 2 s (" + form + ")", num(ms, 0) + " ms", ms < 2000);
                List<Boot> small = boots.stream().filter(b -> b.form().equals(form)).toList();
                int n0 = small.stream().mapToInt(Boot::connections).min().orElseThrow();
                if (n0 < 10_000) {
                    double per = (heap(big) - heap(small.stream().filter(b -> b.connections() == n0).toList()))
                            / (10_000 - n0);
                    target(sb, "< 10 KB retained heap per idle connection (" + form + ")", bytes(per), per < 10_000);
                }
            }
        }
    }

    private static void target(StringBuilder sb, String what, String measured, boolean met) {
        sb.append("| ").append(what).append(" | ").append(measured).append(" | ").append(met ? "met" : "**missed**")
                .append(" |\n");
    }

    private String percentiles(String scenario, int threads, String subject) {
        if (rows(scenario, threads, subject).isEmpty()) {
            return "";
        }
        return num(median(scenario, threads, subject, Load::p50), 0) + " / "
                + num(median(scenario, threads, subject, Load::p99), 0) + " / "
                + num(median(scenario, threads, subject, Load::p999), 0);
    }

    private String loadRange(String scenario, int threads) {
        List<Load> all = loads.stream().filter(l -> l.scenario().equals(scenario) && l.threads() == threads).toList();
        double lo = all.stream().mapToDouble(l -> Math.min(l.loadBefore(), l.loadAfter())).min().orElse(Double.NaN);
        double hi = all.stream().mapToDouble(l -> Math.max(l.loadBefore(), l.loadAfter())).max().orElse(Double.NaN);
        return num(lo, 1) + "–" + num(hi, 1);
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static String bytes(double b) {
        return Objects.toString(num(b, 0)) + " B";
    }
}
