package dev.httpcon.engine;

import dev.httpcon.testing.Via;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.RedirectHop;
import dev.httpcon.config.AuthMethod;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestCerts;
import dev.httpcon.testing.TestSettings;
import dev.httpcon.testing.Timing;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Following redirects like curl with CURLOPT_FOLLOWLOCATION, and never leaking credentials. */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Via.class, names = {"CLASSIC", "ASYNC"})
class RedirectTest extends EngineTestBase {

    /** The classic and the asynchronous attempt, with the same expectations. */
    @Parameter
    Via via;

    @Override
    protected Via via() {
        return via;
    }

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    @RegisterExtension
    static final ReferenceServerExtension OTHER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();
    private final ReferenceServer other = OTHER.server();
    private final HttpEngine engine = engine();
    private final ConnectionSettings redir = TestSettings.connection("redir", server.url()).build();

    @Test
    void followsAChainOnOneConnectionAndRecordsEveryHop() {
        HttpResult r = send(engine, redir, HttpRequest.get("/redir302a"));

        assertEquals(200, r.code());
        assertEquals("{\"status\":\"ok\",\"n\":1}", r.bodyText());
        assertEquals(server.url("/json"), r.effectiveUrl());
        assertEquals(List.of(new RedirectHop(server.url("/redir302a"), 302, server.url("/redir302b")),
                new RedirectHop(server.url("/redir302b"), 302, server.url("/json"))), r.redirects());
        List<RecordedRequest> seen = server.requests();
        assertEquals(List.of("/redir302a", "/redir302b", "/json"), seen.stream().map(RecordedRequest::path).toList());
        // curl keeps the connection for the hops of one request, even without keep_connections.
        assertEquals(1, seen.stream().map(RecordedRequest::connection).distinct().count());
    }

    @Test
    void withoutFollowingTheRedirectIsTheAnswer() {
        ConnectionSettings noredir = TestSettings.connection("noredir", server.url()).followRedirects(false).build();

        HttpResult r = send(engine, noredir, HttpRequest.get("/redir302a"));

        assertEquals(302, r.code());
        assertEquals("moving a\n", r.bodyText());
        assertEquals("/redir302b", r.header("Location"));
        assertEquals(server.url("/redir302a"), r.effectiveUrl());
        assertTrue(r.redirects().isEmpty());
        assertEquals(1, server.requests().size());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}, body kept: {3}")
    @CsvSource({
        "POST, /redir301,     GET,  false",
        "POST, /redir302post, GET,  false",
        "POST, /redir303,     GET,  false",
        "PUT,  /redir303,     GET,  false",
        "HEAD, /redir303,     HEAD, false",
        "PUT,  /redir302post, PUT,  true",
        "POST, /redir307,     POST, true",
        "POST, /redir308,     POST, true",
        "PUT,  /redir307,     PUT,  true",
    })
    void methodRules(String method, String path, String expectedMethod, boolean bodyKept) {
        HttpRequest req = method.equals("HEAD") ? HttpRequest.builder("HEAD", path).build()
                : HttpRequest.builder(method, path).body("text/plain", "payload").build();

        HttpResult r = send(engine, redir, req);

        assertEquals(200, r.code());
        RecordedRequest last = server.lastRequest();
        assertEquals(expectedMethod, last.method());
        assertEquals(path.equals("/redir301") ? "/json" : "/echo", last.path());
        if (bodyKept) {
            assertEquals("payload", last.bodyText());
            assertEquals("text/plain", last.header("Content-Type"));
        } else {
            assertEquals(0, last.body().length);
            assertNull(last.header("Content-Type"));
            assertNull(last.header("Content-Length"));
        }
    }

    @Test
    void thirtyHopsThenCode47() {
        HttpResult r = send(engine, redir, HttpRequest.get("/chain?max=100"));

        assertEquals(47, r.code());
        assertEquals(CurlError.TOO_MANY_REDIRECTS, r.error());
        assertEquals("Number of redirects hit maximum amount", r.errorText());
        assertEquals(302, r.status());
        assertEquals(30, r.redirects().size());
        assertEquals(31, server.requests().size());
        assertNull(r.effectiveUrl());
    }

    @Test
    void theLimitIsConfigurableAndExact() {
        ConnectionSettings three = TestSettings.connection("three", server.url()).maxRedirects(3).build();

        HttpResult ok = send(engine, three, HttpRequest.get("/chain?max=3"));
        assertEquals(200, ok.code());
        assertEquals("chain end n=3\n", ok.bodyText());
        assertEquals(3, ok.redirects().size());

        server.reset();
        HttpResult over = send(engine, three, HttpRequest.get("/chain?max=4"));
        assertEquals(47, over.code());
        assertEquals(4, server.requests().size());
    }

    @Test
    void aLoopIsFollowedUntilTheLimit() {
        HttpResult r = send(engine, redir, HttpRequest.get("/loop?delay=0.01"));

        assertEquals(47, r.code());
        assertEquals(31, server.requests("/loop").size());
        r.redirects().forEach(h -> assertEquals(server.url("/loop?delay=0.01"), h.to()));
    }

    @Test
    void hopsShareTheDeadline() {
        // 31 hops of 250 ms (the limit is 30) would take 7.75 s: a deadline per hop would let the
        // loop run into the limit (47); one deadline for all hops ends it after a few (28).
        Duration deadline = Duration.ofSeconds(2);
        ConnectionSettings t = TestSettings.connection("t", server.url()).timeout(deadline).build();

        Timing.Timed<HttpResult> timed = Timing.time(() -> send(engine, t, HttpRequest.get("/loop?delay=0.25")));
        HttpResult r = timed.value();

        assertEquals(28, r.code(), r.toString());
        assertTrue(r.redirects().size() >= 2, r.redirects().toString());
        Timing.assertEndedByDeadline(timed.elapsed(), deadline, r);
    }

    @Test
    void relativeLocationsResolve() {
        HttpResult r = send(engine, redir, HttpRequest.get("/pfx/redirect-to?url=json"));

        assertEquals(200, r.code());
        assertEquals(server.url("/pfx/json"), r.effectiveUrl());
    }

    @Test
    void threeXxWithoutLocationIsTheAnswer() {
        HttpResult r = send(engine, redir, HttpRequest.get("/status?code=302"));

        assertEquals(302, r.code());
        assertTrue(r.redirects().isEmpty());
    }

    @Test
    void aRedirectToAnotherSchemeIsCode1() {
        HttpResult r = send(engine, redir, HttpRequest.get("/redirect-to?url=ftp://127.0.0.1/x"));

        assertEquals(1, r.code());
        assertEquals(CurlError.UNSUPPORTED_PROTOCOL, r.error());
        assertTrue(r.message().contains("ftp"), r.message());
    }

    @Test
    void reportedUrlsNeverCarryUserinfo() {
        String target = "http://user:pw@127.0.0.1:" + server.port() + "/json";

        HttpResult r = send(engine, redir, HttpRequest.get("/redirect-to?url=" + enc(target)));

        assertEquals(200, r.code());
        assertEquals(server.url("/json"), r.effectiveUrl());
        assertEquals(server.url("/json"), r.redirects().get(0).to());
        assertNull(server.lastRequest().header("Authorization"));
    }

    @Test
    void aLargeRedirectBodyIsNotReadButTheHopStillWorks() {
        HttpResult r = send(engine, redir, HttpRequest.get("/redirect-to?url=/json&pad=2000000"));

        assertEquals(200, r.code());
        List<RecordedRequest> seen = server.requests();
        assertTrue(seen.get(0).connection() != seen.get(1).connection(), "the big body's connection was dropped");
    }

    @Test
    void preemptiveCredentialsFollowSameOriginHopsOnly() {
        ConnectionSettings basicOnly = TestSettings.connection("b", server.url()).credentials("oracle", "secret")
                .auth(AuthMethod.BASIC).build();

        HttpResult same = send(engine, basicOnly, HttpRequest.get("/redirect-to?url=/basic"));
        assertEquals(200, same.code());
        assertTrue(server.requests().stream().allMatch(q -> q.header("Authorization") != null));

        HttpResult cross = send(engine, basicOnly, HttpRequest.get("/redirect-to?url=" + enc(other.url("/basic")
                .toString())));
        assertEquals(401, cross.code());
        assertEquals(1, other.requests().size());
        assertNull(other.lastRequest().header("Authorization"));
    }

    @Test
    void challengedCredentialsAreNotGivenToAnotherHost() {
        ConnectionSettings auth = TestSettings.connection("auth", server.url()).credentials("oracle", "secret").build();

        HttpResult r = send(engine, auth, HttpRequest.get("/redirect-to?url="
                + enc(other.url("localhost", "/digest").toString())));

        assertEquals(401, r.code());
        assertEquals(1, other.requests().size(), "no second try with credentials");
        assertNull(other.lastRequest().header("Authorization"));
    }

    @Test
    void callerCredentialHeadersStayWithTheOrigin() {
        HttpRequest req = HttpRequest.builder("GET", "/redirect-to?url=" + enc(other.url("/echo").toString()))
                .header("Authorization", "Bearer token-123")
                .header("Cookie", "session=abc")
                .header("X-Trace", "kept")
                .build();

        send(engine, redir, req);

        assertEquals("Bearer token-123", server.lastRequest().header("Authorization"));
        RecordedRequest there = other.lastRequest();
        assertNull(there.header("Authorization"));
        assertNull(there.header("Cookie"));
        assertEquals("kept", there.header("X-Trace"));
    }

    /** Every header {@link HttpRequest.Header#isSensitive()} names, and two that are not. */
    private static final List<String> SENSITIVE = List.of("Authorization", "Proxy-Authorization", "Cookie",
            "X-Api-Key", "Api_Key", "X-Auth-Token", "Private-Token", "X-Client-Secret", "X-Session-Id");

    private static HttpRequest withEverySensitiveHeader(String path) {
        HttpRequest.Builder b = HttpRequest.builder("GET", path).header("X-Trace", "kept").header("Accept-Language", "sv");
        SENSITIVE.forEach(name -> b.header(name, "value-of-" + name));
        return b.build();
    }

    @Test
    void theSensitiveHeadersAreTheOnesToStringMasks() {
        for (String name : SENSITIVE) {
            HttpRequest.Header h = new HttpRequest.Header(name, "v");
            assertTrue(h.isSensitive(), name);
            assertEquals(name + ": ****", h.toString());
        }
        assertEquals("X-Trace: kept", new HttpRequest.Header("X-Trace", "kept").toString());
    }

    @Test
    void everySensitiveHeaderFollowsASameOriginRedirect() {
        send(engine, redir, withEverySensitiveHeader("/redirect-to?url=/echo"));

        RecordedRequest there = server.lastRequest();
        assertEquals("/echo", there.path());
        for (String name : SENSITIVE) {
            assertEquals("value-of-" + name, there.header(name), name);
        }
    }

    @ParameterizedTest(name = "to another {0}")
    @CsvSource({"port, 127.0.0.1", "host, localhost"})
    void noSensitiveHeaderFollowsARedirectToAnotherPortOrHost(String what, String host) {
        URI target = what.equals("port") ? other.url(host, "/echo") : server.url(host, "/echo");

        HttpResult r = send(engine, redir, withEverySensitiveHeader("/redirect-to?url=" + enc(target.toString())));

        assertEquals(200, r.code(), r.toString());
        ReferenceServer answered = what.equals("port") ? other : server;
        RecordedRequest there = answered.lastRequest();
        assertEquals("/echo", there.path());
        for (String name : SENSITIVE) {
            assertNull(there.header(name), name + " went to another " + what);
        }
        assertEquals("kept", there.header("X-Trace"));
        assertEquals("sv", there.header("Accept-Language"));
    }

    @Test
    void noSensitiveHeaderFollowsARedirectFromHttpsToHttp() {
        TestCerts.Ca ca = TestCerts.ca("Redirect CA");
        try (ReferenceServer tls = ReferenceServer.builder().tls(ca.server("localhost", "127.0.0.1")).start()) {
            ConnectionSettings secure = TestSettings.connection("s", tls.url()).tls(TestSettings.tls(true, true, ca))
                    .build();
            String plain = "http://127.0.0.1:" + server.port() + "/echo";

            HttpResult r = send(engine, secure, withEverySensitiveHeader("/redirect-to?url=" + enc(plain)));

            assertEquals(200, r.code(), r.toString());
            for (String name : SENSITIVE) {
                assertEquals("value-of-" + name, tls.lastRequest().header(name), "the https origin got " + name);
                assertNull(server.lastRequest().header(name), name + " went from https to http");
            }
        }
    }

    @Test
    void noCredentialsFromHttpsToHttp() {
        TestCerts.Ca ca = TestCerts.ca("Redirect CA");
        try (ReferenceServer tls = ReferenceServer.builder().tls(ca.server("localhost", "127.0.0.1")).start()) {
            ConnectionSettings secure = TestSettings.connection("s", tls.url()).credentials("oracle", "secret")
                    .auth(AuthMethod.BASIC).tls(TestSettings.tls(true, true, ca)).build();
            String plain = "http://127.0.0.1:" + server.port() + "/basic";

            HttpResult r = send(engine, secure, HttpRequest.get("/redirect-to?url=" + enc(plain)));

            assertEquals(401, r.code());
            assertTrue(tls.lastRequest().header("Authorization") != null);
            assertNull(server.lastRequest().header("Authorization"));
            assertEquals(URI.create(plain), r.effectiveUrl());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
