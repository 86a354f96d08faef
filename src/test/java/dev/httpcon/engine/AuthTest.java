package dev.httpcon.engine;

import dev.httpcon.testing.Via;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.AuthMethod;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authentication as curl does it: challenge first, Basic preemptive only when it is the only method. */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Via.class, names = {"CLASSIC", "ASYNC"})
class AuthTest extends EngineTestBase {

    /** The classic and the asynchronous attempt, with the same expectations. */
    @Parameter
    Via via;

    @Override
    protected Via via() {
        return via;
    }

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();

    private final HttpEngine engine = engine();

    private ConnectionSettings auth(String user, String password, AuthMethod... methods) {
        TestSettings.ConnectionBuilder b = TestSettings.connection("auth", server.url()).credentials(user, password);
        return (methods.length == 0 ? b : b.auth(methods)).build();
    }

    @Test
    void basicAfterTheChallenge() {
        HttpResult r = send(engine, auth("oracle", "secret"), HttpRequest.get("/basic"));

        assertEquals(200, r.code());
        assertTrue(r.bodyText().contains("\"auth\": \"basic\""), r.bodyText());
        List<RecordedRequest> seen = server.requests();
        assertEquals(2, seen.size());
        assertNull(seen.get(0).header("Authorization"), "challenge first: nothing sent unprompted");
        assertEquals("Basic b3JhY2xlOnNlY3JldA==", seen.get(1).header("Authorization"));
    }

    @Test
    void digestAfterTheChallenge() {
        HttpResult r = send(engine, auth("oracle", "secret"), HttpRequest.get("/digest"));

        assertEquals(200, r.code());
        assertEquals("{\"auth\": \"digest\", \"user\": \"oracle\", \"qop\": \"auth\", \"nc\": \"00000001\", "
                + "\"algorithm\": \"MD5\"}", r.bodyText());
        List<RecordedRequest> seen = server.requests();
        assertNull(seen.get(0).header("Authorization"));
        assertTrue(seen.get(1).header("Authorization").startsWith("Digest username=\"oracle\""));
        assertEquals(seen.get(0).connection(), seen.get(1).connection(), "the round trip stays on its connection");
    }

    @Test
    void nothingIsCachedBetweenRequests() {
        ConnectionSettings kept = TestSettings.connection("kept", server.url()).credentials("oracle", "secret")
                .keepConnections(true).build();

        assertEquals(200, send(engine, kept, HttpRequest.get("/digest")).code());
        assertEquals(200, send(engine, kept, HttpRequest.get("/digest")).code());

        List<RecordedRequest> seen = server.requests();
        assertEquals(4, seen.size());
        assertNull(seen.get(2).header("Authorization"), "each request starts with a challenge, as curl's does");
        assertEquals(1, seen.stream().map(RecordedRequest::connection).distinct().count());
    }

    @Test
    void digestResendsThePostBody() {
        HttpResult r = send(engine, auth("oracle", "secret"), HttpRequest.post("/digest", "text/plain", "hello"));

        assertEquals(200, r.code());
        List<RecordedRequest> seen = server.requests();
        assertEquals(2, seen.size());
        seen.forEach(q -> {
            assertEquals("POST", q.method());
            assertEquals("hello", q.bodyText());
            assertEquals("text/plain", q.header("Content-Type"));
        });
    }

    @Test
    void digestIeIsDigest() {
        assertEquals(200, send(engine, auth("oracle", "secret", AuthMethod.DIGEST_IE), HttpRequest.get("/digest"))
                .code());
    }

    @Test
    void wrongCredentialsGiveTheServers401() {
        HttpResult basic = send(engine, auth("oracle", "wrong"), HttpRequest.get("/basic"));
        HttpResult digest = send(engine, auth("oracle", "wrong"), HttpRequest.get("/digest"));

        assertEquals(401, basic.code());
        assertEquals("unauthorized basic\n", basic.bodyText());
        assertEquals(401, digest.code());
        assertEquals("unauthorized digest\n", digest.bodyText());
        assertEquals(4, server.requests().size(), "one challenge and one answer each, no retry loop");
        assertEquals("Basic b3JhY2xlOndyb25n", server.requests().get(1).header("Authorization"));
    }

    @Test
    void noCredentialsGiveThe401() {
        ConnectionSettings none = TestSettings.connection("srv", server.url()).build();

        HttpResult r = send(engine, none, HttpRequest.get("/basic"));

        assertEquals(401, r.code());
        assertEquals(1, server.requests().size());
    }

    @Test
    void basicOnlyIsSentPreemptively() {
        HttpResult r = send(engine, auth("oracle", "secret", AuthMethod.BASIC), HttpRequest.get("/basic"));

        assertEquals(200, r.code());
        assertEquals(1, server.requests().size());
        assertEquals("Basic b3JhY2xlOnNlY3JldA==", server.lastRequest().header("Authorization"));
    }

    @Test
    void preemptiveBasicIsNotRetriedAfterA401() {
        HttpResult wrong = send(engine, auth("oracle", "wrong", AuthMethod.BASIC), HttpRequest.get("/basic"));
        HttpResult digestServer = send(engine, auth("oracle", "secret", AuthMethod.BASIC), HttpRequest.get("/digest"));

        assertEquals(401, wrong.code());
        assertEquals(401, digestServer.code());
        assertEquals(2, server.requests().size());
    }

    @Test
    void aMethodNotAllowedIsNotUsed() {
        HttpResult digestOnly = send(engine, auth("oracle", "secret", AuthMethod.DIGEST), HttpRequest.get("/basic"));

        assertEquals(401, digestOnly.code());
        assertEquals(1, server.requests().size());
        assertNull(server.lastRequest().header("Authorization"), "Basic is not allowed, so nothing is sent");
    }

    @Test
    void ntlmHandshakeOnOneConnection() {
        HttpResult r = send(engine, auth("TESTDOM\\oracle", "secret", AuthMethod.NTLM), HttpRequest.get("/ntlm"));

        assertEquals(200, r.code(), r.bodyText());
        assertTrue(r.bodyText().contains("\"auth\": \"ntlm\""), r.bodyText());
        List<RecordedRequest> seen = server.requests();
        assertEquals(3, seen.size());
        assertNull(seen.get(0).header("Authorization"));
        assertTrue(seen.get(1).header("Authorization").startsWith("NTLM "));
        assertTrue(seen.get(2).header("Authorization").startsWith("NTLM "));
        assertEquals(1, seen.stream().map(RecordedRequest::connection).distinct().count());
    }

    @Test
    void ntlmWithAWrongPasswordIs401() {
        HttpResult r = send(engine, auth("TESTDOM\\oracle", "wrong", AuthMethod.NTLM), HttpRequest.get("/ntlm"));

        assertEquals(401, r.code());
    }

    @Test
    void negotiateIsNotPerformed() {
        HttpResult r = send(engine, auth("oracle", "secret", AuthMethod.NEGOTIATE, AuthMethod.BASIC),
                HttpRequest.get("/negotiate"));

        assertEquals(401, r.code());
        assertEquals(1, server.requests().size());
    }

    @Test
    void negotiateAloneAnswersNoChallengeAtAll() {
        HttpResult r = send(engine, auth("oracle", "secret", AuthMethod.NEGOTIATE), HttpRequest.get("/basic"));

        assertEquals(401, r.code());
        assertEquals(1, server.requests().size(), "no fallback to HttpClient's default schemes");
    }

    @Test
    void theStrongestOfferedMethodWins() {
        server.route("/both", ex -> {
            String a = ex.recorded.header("Authorization");
            if (a == null) {
                ex.respond(401, "text/plain", new byte[0], "WWW-Authenticate", "Basic realm=\"r\"",
                        "WWW-Authenticate", "Digest realm=\"r\", qop=\"auth\", nonce=\"abc\", algorithm=MD5");
            } else {
                ex.text(200, a.substring(0, a.indexOf(' ')) + "\n");
            }
        });

        HttpResult r = send(engine, auth("oracle", "secret"), HttpRequest.get("/both"));

        assertEquals("Digest\n", r.bodyText());
    }
}
