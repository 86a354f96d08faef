package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.TestSettings;
import dev.httpcon.testing.Timing;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import dev.httpcon.testing.Via;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cases of {@code shared/conformance/cases.tsv} that are about one connection and one
 * request, with httpcon's expected behaviour (the file's last column). Failover and INI cases need
 * the configuration loader and CDI and are ported with them.
 *
 * <p>Times keep every relation of the recording (slower or faster than the timeout) with a
 * margin a busy machine cannot eat ({@link Timing}): the recording's {@code connection_timeout=2}
 * is {@link #DEFAULT_TIMEOUT} here, so that a response of half a second (the recording's 1 s) is
 * 2.5 s early; {@code t1}'s 1 s is 500 ms; and a "slow 3" endpoint, slower than the timeout,
 * sleeps {@link Timing#STALL}, so only the deadline ends it. The default user agent is the test
 * one, not Kamailio's.
 *
 * <p>Every case runs each {@link Via}: the blocking and the asynchronous attempt over HTTP/1.1,
 * and HTTP/2 in cleartext (prior knowledge) and over TLS, with the same expected codes. Over
 * HTTP/2 the server sees header names in lower case and no {@code Host} (HTTP/2 carries the
 * authority in a pseudo-header); nothing else differs.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Via.class)
class ConformanceTest extends EngineTestBase {

    private static final String JSON = "{\"status\":\"ok\",\"n\":1}";

    /** The default timeout of these connections and of the query: half a second plus the slack. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500).plus(Timing.SLACK);
    /** A slow endpoint slower than any timeout here. */
    private static final String SLOWER_THAN_TIMEOUT = "/slow?s=" + Timing.STALL.toSeconds();

    private static ReferenceServer h;
    private static HttpEngine engine;

    @Parameter
    Via via;

    @BeforeParameterizedClassInvocation
    static void start(Via via) {
        h = via.startServer();
        engine = new HttpEngine(TestSettings.settings(via.globals().timeout(DEFAULT_TIMEOUT).build()));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        engine.close();
        h.close();
    }

    @BeforeEach
    void forget() {
        h.reset();
    }

    private TestSettings.ConnectionBuilder con(String name, String path) {
        return via.connection(name, h.url(path)).timeout(DEFAULT_TIMEOUT);
    }

    private ConnectionSettings srv() {
        return con("srv", "").build();
    }

    private HttpResult connect(ConnectionSettings c, String path) {
        return via.send(engine, c, HttpRequest.get(path));
    }

    private HttpResult connect(ConnectionSettings c, String path, String contentType, String body) {
        return via.send(engine, c, HttpRequest.post(path, contentType, body));
    }

    private HttpResult query(String path) {
        return query(h.url(path).toString(), null);
    }

    private HttpResult query(String url, String postData) {
        return via.query(engine, url, postData, null);
    }

    private void assertOk(HttpResult r, int code, String body, String effectivePath) {
        assertEquals(code, r.code(), r.toString());
        assertEquals(body, r.bodyText());
        assertEquals(h.url(effectivePath), r.effectiveUrl());
        assertEquals(via.protocol(), r.protocol(), r.toString());
    }

    /** The header names the engine sends for a plain GET, as the server sees them. */
    private List<String> standardHeaderNames() {
        return via.http2() ? List.of("user-agent", "accept") : List.of("User-Agent", "Accept", "Host");
    }

    /** One request seen, with the standard headers: {@code GET /json {User-Agent|Accept}}. */
    private static RecordedRequest assertSawOne(String method, String target) {
        List<RecordedRequest> seen = h.requests();
        assertEquals(1, seen.size(), seen.toString());
        RecordedRequest r = seen.get(0);
        assertEquals(method, r.method());
        assertEquals(target, r.target());
        assertEquals(TestSettings.USER_AGENT, r.header("User-Agent"));
        assertEquals("*/*", r.header("Accept"));
        return r;
    }

    private static void assertError(HttpResult r, int code, String text) {
        assertEquals(code, r.code(), r.toString());
        assertEquals(text, r.errorText());
        assertEquals(0, r.bodyLength());
        assertNull(r.effectiveUrl());
    }

    // ---- GET ----

    @Test @DisplayName("get_json")
    void getJson() {
        assertOk(connect(srv(), "/json"), 200, JSON, "/json");
        assertEquals(standardHeaderNames(), assertSawOne("GET", "/json").headerNames());
    }

    @Test @DisplayName("get_multiline")
    void getMultiline() {
        assertOk(connect(srv(), "/multiline"), 200, "line1\nline2\nline3\n", "/multiline");
        assertSawOne("GET", "/multiline");
    }

    @Test @DisplayName("get_204")
    void get204() {
        assertOk(connect(srv(), "/empty204"), 204, "", "/empty204");
        assertSawOne("GET", "/empty204");
    }

    @Test @DisplayName("get_404")
    void get404() {
        assertOk(connect(srv(), "/notfound"), 404, "not found body\nsecond line\n", "/notfound");
    }

    @Test @DisplayName("get_500: same code; body kept")
    void get500() {
        assertOk(connect(srv(), "/error500"), 500, "internal error body\nsecond line\n", "/error500");
    }

    @Test @DisplayName("get_503: same code; body kept")
    void get503() {
        assertOk(connect(srv(), "/unavail503"), 503, "service unavailable body\n", "/unavail503");
    }

    @Test @DisplayName("get_large_full")
    void getLargeFull() {
        assertOk(connect(srv(), "/large?n=10240"), 200, "x".repeat(10240), "/large?n=10240");
    }

    @Test @DisplayName("get_echo_query")
    void getEchoQuery() {
        HttpResult r = connect(srv(), "/echo?a=1&b=x%20y");
        assertEquals(200, r.code());
        assertEquals(h.url("/echo?a=1&b=x%20y"), r.effectiveUrl());
        assertSawOne("GET", "/echo?a=1&b=x%20y");
    }

    @Test @DisplayName("get_echo_emptyurl")
    void getEchoEmptyUrl() {
        assertOk(connect(srv(), ""), 200, "root\n", "/");
        assertSawOne("GET", "/");
    }

    @Test @DisplayName("get_base_echo")
    void getBaseEcho() {
        HttpResult r = connect(con("srvbase", "/base").build(), "/echo");
        assertEquals(200, r.code());
        assertEquals(h.url("/base/echo"), r.effectiveUrl());
        assertSawOne("GET", "/base/echo");
    }

    @Test @DisplayName("get_baseslash_echo: 200, exactly one slash")
    void getBaseSlashEcho() {
        HttpResult r = connect(con("srvslash", "/base/").build(), "/echo");
        assertEquals(200, r.code());
        assertEquals(h.url("/base/echo"), r.effectiveUrl());
        assertSawOne("GET", "/base/echo");
    }

    @Test @DisplayName("get_ua_override")
    void getUaOverride() {
        connect(con("uacon", "").userAgent("OracleAgent/1.0").build(), "/echo");
        assertEquals("OracleAgent/1.0", h.lastRequest().header("User-Agent"));
        assertEquals("*/*", h.lastRequest().header("Accept"));
    }

    // ---- POST ----

    @Test @DisplayName("post_json")
    void postJson() {
        HttpResult r = connect(srv(), "/echo", "application/json", "{\"k\":\"v\"}");
        assertEquals(200, r.code());
        assertTrue(r.bodyText().contains("\"body\": \"{\\\"k\\\":\\\"v\\\"}\""), r.bodyText());
        RecordedRequest seen = assertSawOne("POST", "/echo");
        assertEquals("application/json", seen.header("Content-Type"));
        assertEquals("9", seen.header("Content-Length"));
        assertEquals("{\"k\":\"v\"}", seen.bodyText());
    }

    @Test @DisplayName("post_404")
    void post404() {
        assertOk(connect(srv(), "/notfound", "text/plain", "x"), 404, "not found body\nsecond line\n", "/notfound");
        RecordedRequest seen = assertSawOne("POST", "/notfound");
        assertEquals("text/plain", seen.header("Content-Type"));
        assertEquals("x", seen.bodyText());
    }

    @Test @DisplayName("client_get_body_hdrs: a GET with a body and a header")
    void clientGetBodyHeaders() {
        HttpResult r = via.send(engine, srv(), HttpRequest.builder("GET", "/echo").header("X-G", "1")
                .body("application/x-www-form-urlencoded", "bodyX").build());
        assertEquals(200, r.code());
        RecordedRequest seen = assertSawOne("GET", "/echo");
        assertEquals("1", seen.header("X-G"));
        assertEquals("bodyX", seen.bodyText());
        assertEquals("5", seen.header("Content-Length"));
        assertEquals("application/x-www-form-urlencoded", seen.header("Content-Type"));
    }

    // ---- redirects ----

    @Test @DisplayName("redir_default_302: redirects are on by default")
    void redirDefault302() {
        assertOk(connect(srv(), "/redir302a"), 200, JSON, "/json");
    }

    @Test @DisplayName("redir_on_302chain")
    void redirOn302Chain() {
        assertOk(connect(con("redir", "").followRedirects(true).build(), "/redir302a"), 200, JSON, "/json");
        List<RecordedRequest> seen = h.requests();
        assertEquals(List.of("/redir302a", "/redir302b", "/json"), seen.stream().map(RecordedRequest::target).toList());
        assertEquals(List.of(1, 2, 3), seen.stream().map(RecordedRequest::requestOnConnection).toList());
        seen.forEach(r -> assertEquals(TestSettings.USER_AGENT, r.header("User-Agent")));
    }

    @Test @DisplayName("redir_off_302chain")
    void redirOff302Chain() {
        assertOk(connect(con("noredir", "").followRedirects(false).build(), "/redir302a"), 302, "moving a\n",
                "/redir302a");
        assertSawOne("GET", "/redir302a");
    }

    @Test @DisplayName("redir_on_301")
    void redirOn301() {
        assertOk(connect(con("redir", "").build(), "/redir301"), 200, JSON, "/json");
        assertEquals(List.of(1, 2), h.requests().stream().map(RecordedRequest::requestOnConnection).toList());
    }

    @Test @DisplayName("redir_on_chain100: 47 after 30 hops")
    void redirOnChain100() {
        HttpResult r = connect(con("redir", "").build(), "/chain?max=100");
        assertError(r, 47, "Number of redirects hit maximum amount");
        assertEquals(31, h.requests().size());
        assertEquals("/chain?n=30&max=100", h.lastRequest().target());
    }

    @Test @DisplayName("redir_on_loop_slow: 47 after 30 hops, under the timeout")
    void redirOnLoopSlow() {
        // 31 requests of 20 ms: 620 ms, well under the timeout (over TLS without keep_connections,
        // 31 handshakes too: a busy machine needs the margin of an answer that must come in time)
        HttpResult r = connect(con("redir", "").timeout(Timing.IN_TIME).build(), "/loop?delay=0.02");
        assertError(r, 47, "Number of redirects hit maximum amount");
        assertEquals(31, h.requests().size());
    }

    @Test @DisplayName("redir_after_plain")
    void redirAfterPlain() {
        assertOk(connect(con("redir", "").build(), "/json"), 200, JSON, "/json");
    }

    // ---- timeouts ----

    @Test @DisplayName("timeout_t1_slow3")
    void timeoutT1Slow3() {
        assertError(connect(con("t1", "").timeoutMillis(500).build(), SLOWER_THAN_TIMEOUT), 28, "Timeout was reached");
        assertSawOne("GET", SLOWER_THAN_TIMEOUT);
    }

    @Test @DisplayName("timeout_default_slow1")
    void timeoutDefaultSlow1() {
        assertOk(connect(srv(), "/slow?s=0.5"), 200, "slow done\n", "/slow?s=0.5");
    }

    @Test @DisplayName("timeout_default_slow3")
    void timeoutDefaultSlow3() {
        assertError(connect(srv(), SLOWER_THAN_TIMEOUT), 28, "Timeout was reached");
    }

    // ---- maxdatasize ----

    @Test @DisplayName("maxsize_small_large: 63, first 100 bytes kept")
    void maxsizeSmallLarge() {
        HttpResult r = connect(con("small", "").maxDataSize(100).build(), "/large?n=10240");
        assertEquals(63, r.code());
        assertEquals("Maximum file size exceeded", r.errorText());
        assertEquals(200, r.status());
        assertEquals("x".repeat(100), r.bodyText());
    }

    @Test @DisplayName("maxsize_small_lines: 63, first 100 bytes kept")
    void maxsizeSmallLines() {
        HttpResult r = connect(con("small", "").maxDataSize(100).build(), "/largelines?n=1000");
        assertEquals(63, r.code());
        assertEquals("y".repeat(63) + "\n" + "y".repeat(36), r.bodyText());
    }

    @Test @DisplayName("maxsize_small_404")
    void maxsizeSmall404() {
        assertOk(connect(con("small", "").maxDataSize(100).build(), "/notfound"), 404, "not found body\nsecond line\n",
                "/notfound");
    }

    // ---- auth ----

    private ConnectionSettings auth(String password) {
        return con("auth", "").credentials("oracle", password).build();
    }

    @Test @DisplayName("auth_basic")
    void authBasic() {
        assertOk(connect(auth("secret"), "/basic"), 200, "{\"auth\": \"basic\", \"user\": \"oracle\"}", "/basic");
        List<RecordedRequest> seen = h.requests();
        assertEquals(2, seen.size());
        assertNull(seen.get(0).header("Authorization"));
        assertEquals("Basic b3JhY2xlOnNlY3JldA==", seen.get(1).header("Authorization"));
        assertEquals(seen.get(0).connection(), seen.get(1).connection());
    }

    @Test @DisplayName("auth_digest")
    void authDigest() {
        assertOk(connect(auth("secret"), "/digest"), 200, "{\"auth\": \"digest\", \"user\": \"oracle\", \"qop\": \"auth\", "
                + "\"nc\": \"00000001\", \"algorithm\": \"MD5\"}", "/digest");
        List<RecordedRequest> seen = h.requests();
        assertEquals(2, seen.size());
        assertTrue(seen.get(1).header("Authorization").startsWith("Digest username=\"oracle\", realm=\"oracle-digest\""),
                seen.get(1).header("Authorization"));
    }

    @Test @DisplayName("auth_digest_post")
    void authDigestPost() {
        assertEquals(200, connect(auth("secret"), "/digest", "text/plain", "hello").code());
        List<RecordedRequest> seen = h.requests();
        assertEquals(2, seen.size());
        seen.forEach(r -> {
            assertEquals("POST", r.method());
            assertEquals("hello", r.bodyText());
            assertEquals("text/plain", r.header("Content-Type"));
            assertEquals("5", r.header("Content-Length"));
        });
    }

    @Test @DisplayName("auth_wrong_basic")
    void authWrongBasic() {
        assertOk(connect(auth("wrong"), "/basic"), 401, "unauthorized basic\n", "/basic");
        assertEquals("Basic b3JhY2xlOndyb25n", h.requests().get(1).header("Authorization"));
        assertEquals(2, h.requests().size());
    }

    @Test @DisplayName("auth_wrong_digest")
    void authWrongDigest() {
        assertOk(connect(auth("wrong"), "/digest"), 401, "unauthorized digest\n", "/digest");
        assertEquals(2, h.requests().size());
    }

    @Test @DisplayName("auth_none_basic")
    void authNoneBasic() {
        assertOk(connect(srv(), "/basic"), 401, "unauthorized basic\n", "/basic");
        assertSawOne("GET", "/basic");
    }

    // ---- errors ----

    @Test @DisplayName("err_refused")
    void errRefused() {
        HttpResult r = connect(via.connection("refused", RefusedPort.shared().url("")).build(), "/json");
        assertError(r, 7, "Couldn't connect to server");
    }

    // ---- http_client_query ----

    @Test @DisplayName("query_json")
    void queryJson() {
        HttpResult r = query("/json");
        assertEquals(200, r.code());
        assertEquals(JSON, r.firstLine());
        assertSawOne("GET", "/json");
    }

    @Test @DisplayName("query_multiline")
    void queryMultiline() {
        assertEquals("line1", query("/multiline").firstLine());
    }

    @Test @DisplayName("query_204")
    void query204() {
        HttpResult r = query("/empty204");
        assertEquals(204, r.code());
        assertEquals("", r.firstLine());
    }

    @Test @DisplayName("query_404")
    void query404() {
        HttpResult r = query("/notfound");
        assertEquals(404, r.code());
        assertEquals("not found body", r.firstLine());
    }

    @Test @DisplayName("query_500: first line of the body")
    void query500() {
        HttpResult r = query("/error500");
        assertEquals(500, r.code());
        assertEquals("internal error body", r.firstLine());
    }

    @Test @DisplayName("query_302: redirects are on by default")
    void query302() {
        HttpResult r = query("/redir302a");
        assertEquals(200, r.code());
        assertEquals(JSON, r.firstLine());
    }

    @Test @DisplayName("query_largelines")
    void queryLargeLines() {
        assertEquals("y".repeat(63), query("/largelines?n=1000").firstLine());
    }

    @Test @DisplayName("query_echo_get")
    void queryEchoGet() {
        assertEquals(200, query("/echo?x=1").code());
        assertSawOne("GET", "/echo?x=1");
    }

    @Test @DisplayName("query_post")
    void queryPost() {
        HttpResult r = query(h.url("/echo").toString(), "a=1&b=2");
        assertEquals(200, r.code());
        RecordedRequest seen = assertSawOne("POST", "/echo");
        assertEquals("a=1&b=2", seen.bodyText());
        assertEquals("7", seen.header("Content-Length"));
        assertEquals("application/x-www-form-urlencoded", seen.header("Content-Type"));
    }

    @Test @DisplayName("query_timeout")
    void queryTimeout() {
        assertError(query(SLOWER_THAN_TIMEOUT), 28, "Timeout was reached");
    }

    @Test @DisplayName("query_refused")
    void queryRefused() {
        assertError(query(RefusedPort.shared().url("/").toString(), null), 7, "Couldn't connect to server");
    }

    @Test @DisplayName("query_empty_url")
    void queryEmptyUrl() {
        HttpResult r = query("", null);
        assertEquals(-1, r.code());
        assertEquals("Bad CURL error code", r.errorText());
    }

    @Test @DisplayName("query_basic_inurl: Basic on the first request")
    void queryBasicInUrl() {
        HttpResult r = query(withCredentials("/basic"), null);
        assertEquals(200, r.code());
        assertEquals("{\"auth\": \"basic\", \"user\": \"oracle\"}", r.firstLine());
        assertEquals("Basic b3JhY2xlOnNlY3JldA==", assertSawOne("GET", "/basic").header("Authorization"));
        assertEquals(h.url("/basic"), r.effectiveUrl());
    }

    @Test @DisplayName("query_digest_inurl: URL credentials are Basic only, so 401")
    void queryDigestInUrl() {
        HttpResult r = query(withCredentials("/digest"), null);
        assertEquals(401, r.code());
        assertEquals("unauthorized digest", r.firstLine());
        assertEquals("Basic b3JhY2xlOnNlY3JldA==", assertSawOne("GET", "/digest").header("Authorization"));
    }

    private static String withCredentials(String path) {
        return h.url(path).toString().replace("://", "://oracle:secret@");
    }
}
