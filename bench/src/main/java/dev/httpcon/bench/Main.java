package dev.httpcon.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark commands; {@code bench/run.sh} runs them in order (see {@code bench/README.md}).
 *
 * <pre>
 * java -jar target/httpcon-bench.jar load     --scheme http --port 18080 --keep 1 --threads 8 --out r.tsv ...
 * java -jar target/httpcon-bench.jar failover --port 18080 --out r.tsv
 * java -jar target/httpcon-bench.jar resilience --port 18080 --out r.tsv
 * java -jar target/httpcon-bench.jar boot     --connections 10000 --out r.tsv
 * java -jar target/httpcon-bench.jar alloc    --host localhost --requests 20000 --rounds 3
 * java -jar target/httpcon-bench.jar telemetry --port 18080 --threads 1 --out r.tsv
 * java -jar target/httpcon-bench.jar report   [--max-load 3] r.tsv [more.tsv ...]
 * </pre>
 */
public final class Main {

    private Main() {
    }

    /** {@code report [--max-load L] file...}: with --max-load, only measurements made at a load of at most L. */
    private static void report(List<String> args) throws Exception {
        double maxLoad = Double.POSITIVE_INFINITY;
        List<String> files = args;
        if (!args.isEmpty() && args.get(0).equals("--max-load")) {
            maxLoad = Double.parseDouble(args.get(1));
            files = args.subList(2, args.size());
        }
        System.out.print(Report.read(files.stream().map(Path::of).toList(), maxLoad).markdown());
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: load | failover | resilience | boot | alloc | telemetry | report (see bench/README.md)");
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "load" -> LoadCommand.load(new Options(rest));
            case "failover" -> LoadCommand.failover(new Options(rest));
            case "resilience" -> ResilienceCommand.run(new Options(rest));
            case "boot" -> BootCommand.boot(new Options(rest));
            case "async" -> AsyncCommand.run(new Options(rest));
            case "telemetry" -> TelemetryCommand.telemetry(new Options(rest));
            case "alloc" -> AllocCommand.alloc(new Options(rest));
            case "report" -> report(rest);
            default -> {
                System.err.println("unknown command " + args[0] + ": load | failover | resilience | boot | alloc | telemetry | report");
                System.exit(2);
            }
        }
        // Weld and HttpClient leave no non-daemon thread behind, but a benchmark must end for sure.
        System.exit(0);
    }
}
