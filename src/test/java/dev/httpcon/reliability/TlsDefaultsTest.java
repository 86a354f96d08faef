package dev.httpcon.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.LogCapture;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.TestCerts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe TLS defaults, from configuration to the wire: peer and host verification are on unless a
 * connection turns them off; a self-signed or wrong-host certificate is code 60 until then; and
 * turning verification off logs exactly one warning per connection, at deployment, never per request.
 */
class TlsDefaultsTest {

    private static final TestCerts.Ca CA = TestCerts.ca("Defaults CA");

    @TempDir
    static Path dir;

    private static ReferenceServer selfSigned;
    private static ReferenceServer wrongHost;
    private static Path caFile;

    @BeforeAll
    static void start() throws Exception {
        selfSigned = ReferenceServer.builder().tls(TestCerts.selfSigned("self", "127.0.0.1")).start();
        wrongHost = ReferenceServer.builder().tls(CA.server("localhost")).start();   // reached as 127.0.0.1
        caFile = CA.writeCert(dir.resolve("ca.pem"));
    }

    @AfterAll
    static void stop() {
        wrongHost.close();
        selfSigned.close();
    }

    @Test
    void verificationIsOnUnlessTurnedOff() {
        HttpConSettings s = SettingsLoader.load(new MapConfigView(Map.of("httpclient.httpcon",
                "plain=>https://127.0.0.1:1/x,nopeer=>https://127.0.0.1:1/x;verify_peer=0")));
        ConnectionSettings plain = s.connection("plain");
        assertTrue(plain.tls().verifyPeer() && plain.tls().verifyHost(), plain.tls().toString());
        assertTrue(s.globals().tls().verifyPeer() && s.globals().tls().verifyHost());
        assertEquals(false, s.connection("nopeer").tls().verifyPeer());
        assertEquals(true, s.connection("nopeer").tls().verifyHost(), "one switch does not turn off the other");
    }

    @Test
    void aSelfSignedCertificateIs60UnlessThatConnectionTurnsPeerVerificationOff() {
        try (StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                "strict=>" + selfSigned.url() + ",lax=>" + selfSigned.url() + ";verify_peer=0"))) {
            HttpResult strict = http.connection("strict").get("/json");
            assertEquals(60, strict.code(), strict.toString());
            assertEquals("SSL peer certificate or SSH remote key was not OK", strict.errorText());

            assertEquals(200, http.connection("lax").get("/json").code());
            assertEquals(60, http.connection("strict").get("/json").code(), "the other connection stays strict");
        }
    }

    @Test
    void aWrongHostIs60UnlessThatConnectionTurnsHostVerificationOff() {
        String trusted = ";cacert=" + caFile;
        try (StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon",
                "strict=>" + wrongHost.url() + trusted + ",nohost=>" + wrongHost.url() + trusted + ";verify_host=0,"
                        + "nopeer=>" + wrongHost.url() + trusted + ";verify_peer=0"))) {
            HttpResult strict = http.connection("strict").get("/json");
            assertEquals(60, strict.code(), strict.toString());
            assertTrue(strict.message().contains("127.0.0.1"), strict.message());

            assertEquals(200, http.connection("nohost").get("/json").code());
            assertEquals(60, http.connection("nopeer").get("/json").code(), "verify_peer=0 still checks the host");
            assertEquals(60, http.connection("strict").get("/json").code());
        }
    }

    @Test
    void turningVerificationOffWarnsOncePerConnectionAtDeploymentOnly() {
        String url = selfSigned.url().toString();
        List<LogRecord> atDeployment;
        List<LogRecord> afterRequests;
        try (LogCapture logs = LogCapture.start();
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon", String.join(",",
                     "nopeer=>" + url + ";verify_peer=0",
                     "nohost=>" + url + ";verify_host=0",
                     "neither=>" + url + ";verify_peer=0;verify_host=0",
                     "verified=>" + url,
                     "plainhttp=>http://127.0.0.1:1/;verify_peer=0")))) {
            atDeployment = warnings(logs);
            for (int i = 0; i < 5; i++) {
                for (String name : List.of("nopeer", "nohost", "neither", "verified")) {
                    http.connection(name).get("/json");
                }
            }
            afterRequests = warnings(logs);
        }

        assertEquals(3, atDeployment.size(), atDeployment.stream().map(LogRecord::getMessage).toList().toString());
        for (String name : List.of("nopeer", "nohost", "neither")) {
            assertEquals(1, atDeployment.stream().filter(r -> r.getMessage().contains("'" + name + "'")).count(), name);
        }
        assertTrue(atDeployment.get(0).getMessage().contains("verify_peer=0"), atDeployment.get(0).getMessage());
        assertEquals(atDeployment.size(), afterRequests.size(), "no warning per request");
    }

    @Test
    void globalVerificationOffWarnsForEachConnectionAndTheQueries() {
        try (LogCapture logs = LogCapture.start();
             StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.verify_peer", "0",
                     "httpclient.httpcon", "a=>" + selfSigned.url() + ",b=>" + selfSigned.url() + ",c=>" + selfSigned.url() + ";verify_peer=1"))) {
            List<String> messages = warnings(logs).stream().map(LogRecord::getMessage).toList();
            assertEquals(3, messages.size(), messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.contains("'a'")), messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.contains("'b'")), messages.toString());
            assertTrue(messages.stream().anyMatch(m -> m.contains("http_client_query")), messages.toString());
            assertEquals(200, http.connection("a").get("/json").code());
            assertEquals(60, http.connection("c").get("/json").code());
        }
    }

    /** httpcon's own warnings so far. */
    private static List<LogRecord> warnings(LogCapture logs) {
        return logs.records().stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("dev.httpcon")).toList();
    }
}
