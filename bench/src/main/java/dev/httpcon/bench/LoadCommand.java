package dev.httpcon.bench;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.standalone.StandaloneHttpCon;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The {@code load} and {@code failover} commands: every subject against the same URL, in one
 * process, round after round, the order of the subjects rotated each round, so that each round
 * gives side-by-side ratios measured within seconds of each other.
 *
 * <ul>
 *   <li>{@code server}: wrk, the server's ceiling;</li>
 *   <li>{@code a}: raw Apache HttpClient 5 ({@link RawClient});</li>
 *   <li>{@code b}: {@code HttpConnection.get} on the CDI bean, every interceptor on (a failover
 *       configured, SmallRye Metrics on);</li>
 *   <li>{@code c}: the typed MicroProfile Rest Client bound to the same connection;</li>
 *   <li>{@code d}: libcurl ({@code bench/curl/curlloop}), reused handles with keep-alive, fresh ones without;</li>
 *   <li>{@code e}: the same connection through the plain-Java {@link StandaloneHttpCon} API (failover, counts, no
 *       CDI, no metrics): with (a) and (b), it splits httpcon's cost into engine and CDI layer.</li>
 * </ul>
 */
final class LoadCommand {

    /** The path nginx answers with the 100-byte JSON body ({@code bench/nginx/nginx.conf}). */
    static final String PATH = "/json";
    static final int BODY_LENGTH = 100;

    private LoadCommand() {
    }

    /** {@code load --scheme http|https --port P --keep 1|0 --threads N [--ca pem] ...}. */
    static void load(Options o) throws Exception {
        String scheme = o.get("scheme");
        boolean keep = o.get("keep").equals("1");
        int threads = o.integer("threads");
        String base = scheme + "://127.0.0.1:" + o.integer("port");
        Path ca = scheme.equals("https") ? o.path("ca") : null;
        String scenario = scheme + (keep ? "-keep" : "-close");
        Results out = new Results(o.path("out"));
        List<String> subjects = o.list("subjects", "server,a,b,c,d");

        Map<String, String> config = new LinkedHashMap<>();
        config.put("httpclient.keep_connections", keep ? "1" : "0");
        // Every interceptor on: a failover target makes the failover interceptor bind to "bench".
        config.put("httpclient.httpcon[0]", "bench=>" + base + ";failover=backup");
        config.put("httpclient.httpcon[1]", "backup=>" + base);
        config.put("httpclient.connection.bench.rest-clients", BenchApi.class.getName());
        if (ca != null) {
            config.put("httpclient.cacert", ca.toString());
        }
        Map<String, String> plain = new LinkedHashMap<>(config);
        plain.remove("httpclient.connection.bench.rest-clients");
        // http_version=2 makes blocking calls go through the asynchronous transport; over http:// it
        // speaks HTTP/1.1 (no ALPN), so subject h is httpcon's blocking call on that transport.
        Map<String, String> asyncConfig = new LinkedHashMap<>(plain);
        asyncConfig.put("httpclient.http_version", "2");
        try (Container container = Container.boot(config);
             StandaloneHttpCon engineOnly = StandaloneHttpCon.start(plain);
             StandaloneHttpCon engineAsync = StandaloneHttpCon.start(asyncConfig)) {
            HttpConnection bench = container.connection("bench");
            HttpConnection direct = engineOnly.connection("bench");
            HttpConnection directAsync = engineAsync.connection("bench");
            BenchApi typed = container.typed(BenchApi.class, "bench");
            String userAgent = bench.info().userAgent();
            SSLContext trust = ca == null ? null : trusting(ca);
            try (RawClient raw = new RawClient(URI.create(base + PATH), keep, trust, userAgent, BODY_LENGTH);
                 RawAsyncClient overAsync = new RawAsyncClient(RawAsyncClient.Mode.CLASSIC_OVER_ASYNC,
                         URI.create(base + PATH), keep, trust, userAgent, BODY_LENGTH);
                 RawAsyncClient future = new RawAsyncClient(RawAsyncClient.Mode.FUTURE, URI.create(base + PATH), keep,
                         trust, userAgent, BODY_LENGTH)) {
                Map<String, Subject> inProcess = Map.of(
                        "a", raw,
                        "f", overAsync,
                        "g", future,
                        "b", () -> ok(bench.get(PATH)),
                        "c", () -> typed.json().length() == BODY_LENGTH,
                        "e", () -> ok(direct.get(PATH)),
                        "h", () -> ok(directAsync.get(PATH)));
                Runner runner = (subject, warmup, measure) -> switch (subject) {
                    case "server" -> External.wrk(o.path("wrk-script"), base + PATH, threads, keep, warmup, measure);
                    case "d" -> External.curl(o.path("curl"), base + PATH, threads, keep, ca, userAgent, warmup,
                            measure);
                    default -> ClosedLoop.run(inProcess.get(subject), threads, warmup, measure);
                };
                check(inProcess, subjects);
                rounds(o, out, scenario, threads, subjects, runner);
            }
        }
    }

    /**
     * {@code failover --port P ...}: the extra latency of failover. {@code b-direct} is a GET on the
     * backup connection; {@code b-failover} the same GET on a connection whose primary URL refuses
     * (a port on 127.0.0.1 held without listening for the whole run) and whose {@code failover} is
     * that backup.
     */
    static void failover(Options o) throws Exception {
        String base = "http://127.0.0.1:" + o.integer("port");
        try (SocketChannel refusing = refusingPort()) {
            failover(o, base, ((InetSocketAddress) refusing.getLocalAddress()).getPort());
        }
    }

    private static void failover(Options o, String base, int dead) throws Exception {
        Results out = new Results(o.path("out"));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("httpclient.keep_connections", "1");
        config.put("httpclient.httpcon[0]", "primary=>http://127.0.0.1:" + dead + ";failover=backup");
        config.put("httpclient.httpcon[1]", "backup=>" + base);
        try (Container container = Container.boot(config)) {
            HttpConnection primary = container.connection("primary");
            HttpConnection backup = container.connection("backup");
            HttpResult first = primary.get(PATH);
            if (!ok(first) || first.attempts().size() != 2 || first.attempts().get(0).code() != 7) {
                throw new IllegalStateException("failover setup: expected 7 then 200, got " + first.attempts());
            }
            Map<String, Subject> subjects = Map.of(
                    "b-direct", () -> ok(backup.get(PATH)),
                    "b-failover", () -> ok(primary.get(PATH)));
            for (String t : o.list("threads", "1,8")) {
                int threads = Integer.parseInt(t);
                rounds(o, out, "http-keep-failover", threads, List.of("b-direct", "b-failover"),
                        (s, warmup, measure) -> ClosedLoop.run(subjects.get(s), threads, warmup, measure));
            }
        }
    }

    @FunctionalInterface
    interface Runner {
        Measurement measure(String subject, double warmup, double measure) throws Exception;
    }

    static void rounds(Options o, Results out, String scenario, int threads, List<String> subjects,
                               Runner runner) throws Exception {
        int rounds = o.integer("rounds", 3);
        double warmup = o.decimal("warmup", 2);
        double measure = o.decimal("measure", 4);
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(subjects);
            Collections.rotate(order, -(round - 1));
            for (String s : order) {
                // The first round warms the JIT for longer.
                double w = round == 1 ? 2 * warmup : warmup;
                double before = Results.load1();
                Measurement m = runner.measure(s, w, measure);
                double after = Results.load1();
                out.load(scenario, threads, s, round, m, before, after);
                System.out.printf("%-20s %3d threads  round %d  %-10s %s  load %.2f/%.2f%n", scenario, threads, round,
                        s, m, before, after);
            }
        }
    }

    /** One request per in-process subject before measuring: a broken setup fails loudly, not as a slow subject. */
    private static void check(Map<String, Subject> inProcess, List<String> wanted) throws Exception {
        for (String s : wanted) {
            Subject subject = inProcess.get(s);
            if (subject != null && !subject.call()) {
                throw new IllegalStateException("subject " + s + " did not get a 200 with " + BODY_LENGTH + " bytes");
            }
        }
    }

    static boolean ok(HttpResult r) {
        return r.code() == 200 && r.bodyLength() == BODY_LENGTH;
    }

    private static SSLContext trusting(Path caPem) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * A TCP socket bound to a port of 127.0.0.1 and never listening: connecting to the port is
     * refused at once, and nothing else can take the port while the socket is open (a port closed
     * again could be taken by another program in the middle of the run). The library's tests have
     * the same in their support code (RefusedPort), which this separate project cannot use.
     */
    private static SocketChannel refusingPort() throws IOException {
        SocketChannel s = SocketChannel.open();
        try {
            s.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
