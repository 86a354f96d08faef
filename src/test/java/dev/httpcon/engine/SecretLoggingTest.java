package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.AuthMethod;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.LogCapture;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.TestSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With every logger at ALL (HttpClient's header and wire loggers included; slf4j goes to
 * java.util.logging here), nothing httpcon does writes a password or its Base64 form to a log.
 */
class SecretLoggingTest extends EngineTestBase {

    private static final String USER = "vault-user";
    private static final String PASSWORD = "Pa55-w0rd-XYZ";

    @Test
    void credentialsNeverReachTheLogs() {
        ReferenceServer server = use(ReferenceServer.builder().credentials(USER, PASSWORD).start());
        LogCapture capture = use(LogCapture.start());
        HttpEngine engine = engine();
        ConnectionSettings challenged = TestSettings.connection("c", server.url()).credentials(USER, PASSWORD).build();
        ConnectionSettings preemptive = TestSettings.connection("p", server.url()).credentials(USER, PASSWORD)
                .auth(AuthMethod.BASIC).keepConnections(true).build();
        ConnectionSettings ntlm = TestSettings.connection("n", server.url()).credentials("TESTDOM\\" + USER, PASSWORD)
                .auth(AuthMethod.NTLM).build();
        ConnectionSettings wrong = TestSettings.connection("w", server.url()).credentials(USER, PASSWORD + "x").build();

        List<HttpResult> results = new ArrayList<>();
        results.add(engine.execute(challenged, HttpRequest.get("/basic")));
        results.add(engine.execute(challenged, HttpRequest.post("/digest", "text/plain", "body")));
        results.add(engine.execute(preemptive, HttpRequest.get("/basic")));
        results.add(engine.execute(preemptive, HttpRequest.get("/redir302a")));
        results.add(engine.execute(ntlm, HttpRequest.get("/ntlm")));
        results.add(engine.execute(wrong, HttpRequest.get("/digest")));
        results.add(engine.query("http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.port() + "/basic", null,
                null));
        results.add(engine.query("http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + RefusedPort.shared().port() + "/basic", null, null));
        capture.close();

        assertEquals(List.of(200, 200, 200, 200, 200, 401, 200, 7), results.stream().map(HttpResult::code).toList());
        String log = capture.text();
        assertTrue(log.contains("org.apache.hc.client5.http.impl.classic"), "HttpClient's debug logging was on");
        assertTrue(capture.records().size() > 50, "records captured: " + capture.records().size());
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String secret : List.of(PASSWORD, basic, basic.substring(0, basic.length() - 4))) {
            assertFalse(log.contains(secret), "found in the log: " + secret);
            results.forEach(r -> assertFalse(r.toString().contains(secret) || String.valueOf(r.message()).contains(secret)));
        }
        assertFalse(log.contains("Authorization: Basic"), "no Authorization header in any log line");
    }
}
