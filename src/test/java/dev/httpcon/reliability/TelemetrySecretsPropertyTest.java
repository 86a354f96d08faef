package dev.httpcon.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.httpcon.HttpResult;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.micrometer.MicrometerRecorder;
import dev.httpcon.otel.OtelRecorder;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.OtelSdk;
import dev.httpcon.testing.ReferenceServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * No secret in any span or metric attribute, whatever the secret: random passwords and query
 * values over the printable ASCII range (the characters that break URLs made frequent), as the
 * password of a connection's URL, as query values and the fragment of the request's path, and as
 * the password and query values of a redirect's {@code Location}. Everything the OpenTelemetry and
 * Micrometer back ends produce is collected: span names, every span attribute, status
 * descriptions, every metric point's attributes, every Micrometer tag.
 *
 * <p>How a leak is told from httpcon's own text: the same requests are made a second time with the
 * secret's letters rotated by 13 (ROT13), which parses exactly the same way. Every collected text
 * must be the same in both runs: one that depends on the secret shows (some of) it. And neither
 * run's text may contain the secret, raw or percent-encoded.
 */
class TelemetrySecretsPropertyTest {

    private static ReferenceServer server;

    @BeforeContainer
    static void start() {
        server = ReferenceServer.start();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<String> secrets() {
        Arbitrary<Character> hostile = Arbitraries.of(';', ',', '/', '?', '#', '@', '%', ':', '\\', '"', ' ', '=', '&',
                '+', '\'', '<', '>', '[', ']');
        Arbitrary<Character> printable = Arbitraries.chars().range(' ', '~');
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, printable), net.jqwik.api.Tuple.of(2, hostile),
                        net.jqwik.api.Tuple.of(2, Arbitraries.chars().alpha()))
                .list().ofMinSize(4).ofMaxSize(24)
                .map(cs -> {
                    StringBuilder sb = new StringBuilder();
                    cs.forEach(sb::append);
                    return sb.toString();
                })
                .filter(s -> s.chars().anyMatch(Character::isLetter));
    }

    @Property(tries = 60)
    void noSecretInAnyAttribute(@ForAll("secrets") String secret) {
        List<String> first = telemetry(secret);
        List<String> rotated = telemetry(rot13(secret));
        assertEquals(first, rotated, "some span or metric text depends on the secret '" + secret + "'");
        String encoded = enc(secret);
        for (String text : first) {
            assertFalse(text.contains(secret) || text.contains(encoded), () -> "the secret in: " + text);
        }
    }

    /** Everything the back ends made of three calls carrying {@code secret}, in a stable order. */
    private static List<String> telemetry(String secret) {
        List<String> out = new ArrayList<>();
        String s = enc(secret);
        String base = server.url().toString().replace("http://", "http://ann:" + s + "@");
        HttpConSettings settings = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                "api=>" + base + ";timeout=5s")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (OtelSdk otel = new OtelSdk()) {
            MetricsRecorder recorder = MetricsRecorder.all(List.of(
                    new OtelRecorder(otel.sdk(), settings.connections().keySet()),
                    MicrometerRecorder.bound(registry, settings.connections().keySet())));
            try (StandaloneHttpCon http = dev.httpcon.standalone.StandaloneTesting.start(settings, recorder)) {
                List<HttpResult> results = new ArrayList<>();
                results.add(http.connection("api").get("/json?token=" + s + "&user=" + s + "&" + s + "#" + s));
                String target = server.url("/json").toString().replace("http://", "http://bob:" + s + "@")
                        + "?sig=" + s + "#" + s;
                results.add(http.connection("api").get("/redirect-to?url=" + enc(target) + "&status=302"));
                results.add(http.connection("api").get("/notfound?q=" + s + "&" + s));   // a bare value is masked too
                for (HttpResult r : results) {
                    out.add("code " + r.code());
                }
            }
            for (SpanData span : otel.spans()) {
                out.add("span " + span.getName() + " " + span.getStatus());
                span.getAttributes().forEach((k, v) -> out.add(portless(k, v)));
            }
            for (MetricData m : otel.metrics()) {
                for (PointData p : m.getData().getPoints()) {
                    p.getAttributes().forEach((k, v) -> out.add(m.getName() + " " + portless(k, v)));
                }
            }
        }
        for (Meter m : registry.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                out.add(m.getId().getName() + " " + t.getKey() + "=" + t.getValue());
            }
        }
        registry.close();
        out.sort(null);
        return out;
    }

    /** An attribute as text (the server's port is the same in both runs, so it stays). */
    private static String portless(AttributeKey<?> key, Object value) {
        return key.getKey() + "=" + value;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String rot13(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                sb.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                sb.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
