package dev.httpcon.bench;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.MetricsRecorder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code telemetry --port P [--threads 1] [--subjects off,metrics,traced] [--alloc 20000] ...}: what the
 * OpenTelemetry back end costs. The same keep-alive GET through the plain-Java core
 * ({@link HttpConCore}, what the container-less API is made of: the figures are the measurements'
 * cost, not a container's),
 * against nginx, one connection {@code bench} with a failover configured (so a traced call also
 * opens the call's span), three ways, side by side in one process, round after round with the
 * order rotated:
 *
 * <ul>
 *   <li>{@code off}: no back end ({@link MetricsRecorder#NOOP}): no measurement is made;</li>
 *   <li>{@code metrics}: the OpenTelemetry SDK with metrics only, as {@code otel.traces.exporter=none}
 *       configures it: a tracer provider without a span processor, whose spans are invalid (so no
 *       trace context is sent): the duration histogram and the counters;</li>
 *   <li>{@code traced}: the SDK with metrics and traces: every request sampled, a span per request
 *       and per call, W3C trace context sent, spans handed to a batch processor whose exporter
 *       drops them (what a real exporter then costs is its own business).</li>
 * </ul>
 * Then, on one thread, the bytes each subject allocates per request (the thread's allocation
 * counter over {@code --alloc} requests after as many to warm up): unlike requests per second, that
 * figure does not move with the load of the machine. {@code off} run with another build's jar
 * ({@code HTTPCON_JAR}, {@code --subjects off}) shows what the measurement SPI costs without a
 * back end: the OpenTelemetry classes are loaded only by the other subjects.
 */
final class TelemetryCommand {

    private TelemetryCommand() {
    }

    static void telemetry(Options o) throws Exception {
        int threads = o.integer("threads", 1);
        String base = "http://127.0.0.1:" + o.integer("port");
        Results out = new Results(o.path("out"));
        List<String> subjects = o.list("subjects", "off,metrics,traced");
        int allocRequests = o.integer("alloc", 20_000);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("httpclient.keep_connections", "1");
        config.put("httpclient.httpcon[0]", "bench=>" + base + ";failover=backup");
        config.put("httpclient.httpcon[1]", "backup=>" + base);
        HttpConSettings settings = SettingsLoader.load(new MapConfigView(config));

        Map<String, HttpConCore> started = new LinkedHashMap<>();
        List<AutoCloseable> sdks = new ArrayList<>();
        try {
            for (String s : subjects) {
                MetricsRecorder recorder = switch (s) {
                    case "off" -> MetricsRecorder.NOOP;
                    case "metrics", "traced" -> {
                        WithOpenTelemetry otel = WithOpenTelemetry.start(s.equals("traced"));
                        sdks.add(otel);
                        yield otel.recorder(settings.connections().keySet());
                    }
                    default -> throw new IllegalArgumentException("unknown subject " + s + ": off, metrics, traced");
                };
                started.put(s, HttpConCore.start(settings, recorder));
            }
            Map<String, Subject> inProcess = new LinkedHashMap<>();
            started.forEach((s, http) -> {
                HttpConnection bench = http.connection("bench");
                inProcess.put(s, () -> ok(bench.get(LoadCommand.PATH)));
            });
            for (String s : subjects) {
                if (!inProcess.get(s).call()) {
                    throw new IllegalStateException("subject " + s + " did not get a 200 with " + LoadCommand.BODY_LENGTH
                            + " bytes");
                }
            }
            Map<String, List<Double>> perSecond = rounds(o, out, threads, subjects, inProcess);
            summary(subjects, perSecond);
            if (allocRequests > 0) {
                for (String s : subjects) {
                    System.out.printf("alloc  %-8s %6d bytes/request (1 thread, %d requests)%n", s,
                            allocated(inProcess.get(s), allocRequests), allocRequests);
                }
            }
        } finally {
            for (HttpConCore http : started.values()) {
                http.close();
            }
            for (AutoCloseable sdk : sdks) {
                sdk.close();
            }
        }
    }

    private static Map<String, List<Double>> rounds(Options o, Results out, int threads, List<String> subjects,
                                                     Map<String, Subject> inProcess) throws Exception {
        int rounds = o.integer("rounds", 5);
        double warmup = o.decimal("warmup", 2);
        double measure = o.decimal("measure", 4);
        Map<String, List<Double>> perSecond = new LinkedHashMap<>();
        subjects.forEach(s -> perSecond.put(s, new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(subjects);
            Collections.rotate(order, -(round - 1));
            for (String s : order) {
                double w = round == 1 ? 2 * warmup : warmup;
                double before = Results.load1();
                Measurement m = ClosedLoop.run(inProcess.get(s), threads, w, measure);
                double after = Results.load1();
                out.load("http-keep-telemetry", threads, s, round, m, before, after);
                perSecond.get(s).add(m.requests() / m.seconds());
                System.out.printf("http-keep-telemetry %3d threads  round %d  %-8s %s  load %.2f/%.2f%n", threads, round,
                        s, m, before, after);
            }
        }
        return perSecond;
    }

    /** Each subject against {@code off}, as the median of the per-round ratios (measured seconds apart). */
    private static void summary(List<String> subjects, Map<String, List<Double>> perSecond) {
        if (!perSecond.containsKey("off")) {
            return;
        }
        List<Double> off = perSecond.get("off");
        for (String s : subjects) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < off.size(); i++) {
                ratios.add(perSecond.get(s).get(i) / off.get(i));
            }
            List<Double> sorted = new ArrayList<>(ratios);
            Collections.sort(sorted);
            System.out.printf("ratio  %-8s / off: median %.3f  (rounds: %s)  median %.0f requests/s%n", s,
                    sorted.get(sorted.size() / 2), format(ratios), median(perSecond.get(s)));
        }
    }

    private static String format(List<Double> ratios) {
        List<String> text = new ArrayList<>();
        ratios.forEach(r -> text.add(String.format("%.3f", r)));
        return String.join(" ", text);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Bytes the calling thread allocates per call of {@code subject}, after as many calls to warm up. */
    private static long allocated(Subject subject, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            subject.call();
        }
        return AllocCommand.bytesPerCall(subject, n);
    }

    private static boolean ok(HttpResult r) {
        return r.code() == 200 && r.bodyLength() == LoadCommand.BODY_LENGTH;
    }

    /** The OpenTelemetry side, in a class of its own: loaded only for the subjects that use it. */
    private static final class WithOpenTelemetry implements AutoCloseable {
        private final io.opentelemetry.sdk.OpenTelemetrySdk sdk;

        private WithOpenTelemetry(io.opentelemetry.sdk.OpenTelemetrySdk sdk) {
            this.sdk = sdk;
        }

        static WithOpenTelemetry start(boolean traced) {
            io.opentelemetry.sdk.OpenTelemetrySdkBuilder b = io.opentelemetry.sdk.OpenTelemetrySdk.builder()
                    .setMeterProvider(io.opentelemetry.sdk.metrics.SdkMeterProvider.builder()
                            .registerMetricReader(io.opentelemetry.sdk.metrics.export.PeriodicMetricReader
                                    .builder(new DroppedMetrics()).setInterval(java.time.Duration.ofSeconds(10)).build())
                            .build())
                    .setPropagators(io.opentelemetry.context.propagation.ContextPropagators.create(
                            io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance()));
            if (traced) {
                b.setTracerProvider(io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
                        .addSpanProcessor(io.opentelemetry.sdk.trace.export.BatchSpanProcessor.builder(new DroppedSpans())
                                .build())
                        .build());
            }
            return new WithOpenTelemetry(b.build());
        }

        MetricsRecorder recorder(java.util.Collection<String> connections) {
            return new dev.httpcon.otel.OtelRecorder(sdk, connections);
        }

        @Override
        public void close() {
            sdk.close();
        }
    }

    /** A span exporter that drops what it is given: the measurements' cost without a network's. */
    private static final class DroppedSpans implements io.opentelemetry.sdk.trace.export.SpanExporter {
        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode export(
                java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode flush() {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }
    }

    /** A metric exporter that drops what it is given (read every 10 s, as a push exporter would be). */
    private static final class DroppedMetrics implements io.opentelemetry.sdk.metrics.export.MetricExporter {
        @Override
        public io.opentelemetry.sdk.metrics.data.AggregationTemporality getAggregationTemporality(
                io.opentelemetry.sdk.metrics.InstrumentType type) {
            return io.opentelemetry.sdk.metrics.data.AggregationTemporality.CUMULATIVE;
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode export(
                java.util.Collection<io.opentelemetry.sdk.metrics.data.MetricData> metrics) {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode flush() {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }

        @Override
        public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
            return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
        }
    }
}
