package dev.httpcon.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConfigValidationException;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.management.HttpClientManagement;
import dev.httpcon.metrics.MpMetricsRecorder;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.LogCapture;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.TestCerts;
import io.smallrye.metrics.SharedMetricRegistries;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords, the Basic token and client key material never show: not in any log at any level
 * (HttpClient's wire and header loggers included), not in {@code toString} of settings, results
 * or connections, not in exceptions, not in listcon (Java and JMX), not in metric tags. And
 * Authorization never follows a redirect to another host, nor from https to http.
 */
class SecretsTest {

    private static final String USER = "sip-router";
    private static final String PASSWORD = "Wr0ng-Kn0ck-77";
    private static final TestCerts.Ca CA = TestCerts.ca("Secrets CA");
    private static final TestCerts.Issued CLIENT = CA.client("sip-proxy-7");

    @TempDir
    static Path dir;

    private static ReferenceServer server;
    private static ReferenceServer other;
    private static ReferenceServer tls;
    private static Map<String, String> config;

    @BeforeAll
    static void start() throws Exception {
        server = ReferenceServer.builder().credentials(USER, PASSWORD).start();
        other = ReferenceServer.builder().credentials(USER, PASSWORD).start();
        tls = ReferenceServer.builder().tls(CA.server("127.0.0.1")).requireClientCert(CA).protocols("TLSv1.2")
                .credentials(USER, PASSWORD).start();
        Path ca = CA.writeCert(dir.resolve("ca.pem"));
        Path cert = CLIENT.writeCert(dir.resolve("client.pem"));
        Path key = CLIENT.writeKey(dir.resolve("client.key"));
        String userinfo = USER + ":" + PASSWORD + "@";
        config = new LinkedHashMap<>();
        config.put("httpclient.httpcon", String.join(",",
                "preemptive=>http://" + userinfo + "127.0.0.1:" + server.port() + ";authmethod=1",
                "challenged=>" + server.url() + ";username=" + USER + ";password=" + PASSWORD,
                "failing=>http://" + userinfo + "127.0.0.1:" + RefusedPort.shared().port() + ";failover=challenged",
                "slow=>" + server.url() + ";username=" + USER + ";password=" + PASSWORD + ";timeout=300ms",
                "wrong=>" + server.url() + ";username=" + USER + ";password=" + PASSWORD + "x",
                "mtls=>https://" + userinfo + "127.0.0.1:" + tls.port() + ";authmethod=1;cacert=" + ca
                        + ";client_cert=" + cert + ";client_key=" + key));
        config.put("httpclient.connection.props.url", server.url().toString());
        config.put("httpclient.connection.props.username", USER);
        config.put("httpclient.connection.props.password", PASSWORD);
    }

    @AfterAll
    static void stop() {
        tls.close();
        other.close();
        server.close();
    }

    /** Every form a secret could leak in. */
    private static List<String> secrets() throws Exception {
        List<String> s = new ArrayList<>();
        s.add(PASSWORD);
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        s.add(basic);
        s.add(basic.substring(0, basic.length() - 4));   // a prefix, in case of a cut or a line break
        s.add(URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
        String pkcs8 = Base64.getEncoder().encodeToString(CLIENT.keys().getPrivate().getEncoded());
        for (int i = 0; i + 32 <= pkcs8.length(); i += 32) {
            s.add(pkcs8.substring(i, i + 32));   // any 32 characters of the key file's base64
        }
        if (CLIENT.keys().getPrivate() instanceof ECPrivateKey ec) {
            s.add(ec.getS().toString());
            s.add(ec.getS().toString(16));
        }
        return s;
    }

    private static void assertNoSecret(String where, String text) throws Exception {
        for (String secret : secrets()) {
            assertFalse(text.contains(secret), "a secret (" + secret + ") in " + where + ":\n" + text);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void notInLogsAtAnyLevelNorInResults() throws Exception {
        List<HttpResult> results = new ArrayList<>();
        String texts;
        try (LogCapture logs = LogCapture.start(); StandaloneHttpCon http = StandaloneHttpCon.start(config)) {
            HttpConnection preemptive = http.connection("preemptive");
            results.add(preemptive.get("/basic"));
            results.add(preemptive.get("/redir302a"));
            results.add(preemptive.get("/redirect-to?url=" + enc(other.url("/basic").toString())));
            results.add(http.connection("challenged").get("/digest"));
            results.add(http.connection("challenged").post("/digest", "text/plain", "with a body"));
            results.add(http.connection("failing").get("/basic"));
            results.add(http.connection("slow").get("/slow?s=2"));
            results.add(http.connection("wrong").get("/digest"));
            results.add(http.connection("props").get("/basic"));
            results.add(http.connection("mtls").get("/basic"));
            results.add(http.connection("mtls").get("/redirect-to?url=" + enc(server.url("/basic").toString())));
            results.add(http.query().query("http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.port()
                    + "/basic"));
            results.add(http.connections().connect("challenged", "/basic", "text/plain", "x"));
            texts = logs.text();
            assertTrue(texts.contains("org.apache.hc.client5.http"), "HttpClient's debug logging was captured");
            assertTrue(logs.records().size() > 100, "records: " + logs.records().size());
        }

        assertEquals(List.of(200, 200, 401, 200, 200, 200, 28, 401, 200, 200, 401, 200, 200),
                results.stream().map(HttpResult::code).toList(), results.toString());
        assertNoSecret("the logs", texts);
        assertFalse(texts.contains("Authorization: Basic"), "an Authorization header in the logs");
        for (HttpResult r : results) {
            assertNoSecret("a result", r + " " + r.message() + " " + r.effectiveUrl() + " " + r.redirects() + " "
                    + r.attempts());
        }
    }

    @Test
    void notInSettingsConnectionsListconJmxOrMetricTags() throws Exception {
        HttpConSettings settings = SettingsLoader.load(new MapConfigView(config));
        assertNotNull(settings.connection("mtls").tls().keyMaterial());
        assertEquals(PASSWORD, settings.connection("props").password().reveal());
        assertNoSecret("settings", settings + " " + settings.globals() + " " + settings.connections());

        try (dev.httpcon.core.HttpConCore http = dev.httpcon.core.HttpConCore.start(settings, dev.httpcon.core.MetricsRecorder.NOOP)) {
            List<String> texts = new ArrayList<>();
            for (String name : http.connections().names()) {
                HttpConnection c = http.connection(name);
                texts.add(c + " " + c.info());
            }
            texts.add(http.connections().list().toString());
            assertNoSecret("connections and listcon", String.join("\n", texts));
            assertEquals("****", http.connections().get("props").info().password());
        }

        MetricRegistry metrics = SharedMetricRegistries.getOrCreate("httpcon-secrets-test");
        try (HttpConCore core = HttpConCore.start(settings, MetricsRecorder.NOOP);
             HttpClientManagement jmx = new HttpClientManagement(core);
             dev.httpcon.core.HttpConCore measured = dev.httpcon.core.HttpConCore.start(settings,
                     new MpMetricsRecorder(metrics, settings.connections().keySet()))) {
            ObjectName name = jmx.register();
            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            String shown = mbeans.invoke(name, "listconText", null, null) + "\n"
                    + java.util.Arrays.deepToString((Object[]) mbeans.invoke(name, "listcon", null, null));
            assertTrue(shown.contains("props") && shown.contains("mtls"), shown);
            assertNoSecret("JMX listcon", shown);

            measured.connections().names().forEach(n -> measured.connection(n).get("/basic"));
            for (MetricID id : metrics.getMetricIDs()) {
                for (Tag tag : id.getTagsAsArray()) {
                    // connection=<name>, and on httpcon.failovers also failover=<name>: names only
                    assertTrue(List.of("connection", "failover").contains(tag.getTagName()), id.toString());
                    assertTrue(core.registry().names().contains(tag.getTagValue()), "a tag that is not a name: " + id);
                }
                assertNoSecret("a metric id", id.toString());
            }
        }
    }

    @Test
    void notInDeploymentErrorsNorTheirLogs() throws Exception {
        Map<String, String> bad = new LinkedHashMap<>(config);
        bad.put("httpclient.connection.props.timeout", "soon");
        bad.put("httpclient.connection.broken.url", "http://" + USER + ":" + PASSWORD + "@bad host/");
        bad.put("httpclient.connection.broken.password", PASSWORD + "\n");
        bad.put("httpclient.passwrod", PASSWORD);
        bad.put("httpclient.httpcon", config.get("httpclient.httpcon") + ",x=>http://u:" + PASSWORD + "@h;tiemout=1;"
                + "password=" + PASSWORD);
        ConfigValidationException e;
        try (LogCapture logs = LogCapture.start()) {
            e = assertThrows(ConfigValidationException.class, () -> StandaloneHttpCon.start(bad));
            assertNoSecret("the logs of a failed deployment", logs.text());
        }
        assertTrue(e.problems().size() >= 4, e.getMessage());
        StringBuilder all = new StringBuilder(e.toString()).append(e.problems());
        for (StackTraceElement el : e.getStackTrace()) {
            all.append(el);
        }
        assertNoSecret("the deployment error", all.toString());
    }

    @Test
    void authorizationNeverFollowsARedirectToAnotherHostNorFromHttpsToHttp() {
        try (StandaloneHttpCon http = StandaloneHttpCon.start(config)) {
            server.reset();
            other.reset();
            HttpResult toOtherHost = http.connection("preemptive").get("/redirect-to?url="
                    + enc(other.url("/echo").toString()));
            assertEquals(200, toOtherHost.code(), toOtherHost.toString());
            assertNotNull(server.lastRequest().header("Authorization"), "the origin got it");
            assertNull(other.lastRequest().header("Authorization"), "another host (port) did not");

            HttpResult toHttp = http.connection("mtls").get("/redirect-to?url=" + enc(server.url("/echo").toString()));
            assertEquals(200, toHttp.code(), toHttp.toString());
            assertNotNull(tls.lastRequest().header("Authorization"), "the https origin got it");
            assertNull(server.lastRequest().header("Authorization"), "plain http did not");
        }
    }

    /** Written so the test's own files can be checked: the key file really holds the key. */
    @Test
    void theKeyMaterialCheckedForIsTheKeyInUse() throws Exception {
        String keyFile = Files.readString(dir.resolve("client.key"));
        String pkcs8 = Base64.getEncoder().encodeToString(CLIENT.keys().getPrivate().getEncoded());
        assertTrue(keyFile.replace("\n", "").replace("\r", "").contains(pkcs8.substring(0, 64)));
    }
}
