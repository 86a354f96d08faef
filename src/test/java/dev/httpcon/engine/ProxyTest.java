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
import dev.httpcon.config.AuthMethod;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.TestCerts;
import dev.httpcon.testing.TestProxy;
import dev.httpcon.testing.TestSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** httpproxy: http targets in absolute form through the proxy, https tunnelled with CONNECT. */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Via.class, names = {"CLASSIC", "ASYNC"})
class ProxyTest extends EngineTestBase {

    /** The classic and the asynchronous attempt, with the same expectations. */
    @Parameter
    Via via;

    @Override
    protected Via via() {
        return via;
    }

    @Test
    void httpGoesThroughTheProxyInAbsoluteForm() {
        ReferenceServer server = use(ReferenceServer.start());
        TestProxy proxy = use(TestProxy.start());
        ConnectionSettings c = TestSettings.connection("px", server.url()).proxy("127.0.0.1", proxy.port()).build();

        HttpResult r = send(engine(), c, HttpRequest.post("/echo?via=proxy", "text/plain", "through"));

        assertEquals(200, r.code(), r.toString());
        assertEquals(List.of("POST http://127.0.0.1:" + server.port() + "/echo?via=proxy HTTP/1.1"),
                proxy.requestLines());
        assertEquals("through", server.lastRequest().bodyText());
        assertEquals(server.url("/echo?via=proxy"), r.effectiveUrl());
    }

    @Test
    void httpsIsTunnelledWithConnect() {
        TestCerts.Ca ca = TestCerts.ca("Proxy CA");
        ReferenceServer server = use(ReferenceServer.builder().tls(ca.server("localhost", "127.0.0.1")).start());
        TestProxy proxy = use(TestProxy.start());
        ConnectionSettings c = TestSettings.connection("px", server.url("localhost", "")).proxy("127.0.0.1", proxy.port())
                .tls(TestSettings.tls(true, true, ca)).credentials("oracle", "secret").auth(AuthMethod.BASIC).build();

        HttpResult r = send(engine(), c, HttpRequest.get("/basic"));

        assertEquals(200, r.code(), r.toString());
        assertEquals(List.of("CONNECT localhost:" + server.port() + " HTTP/1.1"), proxy.requestLines());
        assertTrue(!proxy.heads().get(0).contains("Authorization"), "credentials never reach the proxy");
        assertEquals("localhost", server.lastRequest().sni());
    }

    @Test
    void aProxyRedirectHopStaysOnTheProxy() {
        ReferenceServer server = use(ReferenceServer.start());
        TestProxy proxy = use(TestProxy.start());
        ConnectionSettings c = TestSettings.connection("px", server.url()).proxy("127.0.0.1", proxy.port()).build();

        HttpResult r = send(engine(), c, HttpRequest.get("/redir302a"));

        assertEquals(200, r.code());
        assertEquals(3, proxy.requestLines().size());
    }

    @Test
    void aRefusingProxyIsCode7() {
        ConnectionSettings c = TestSettings.connection("px", "http://127.0.0.1:9/")
                .proxy("127.0.0.1", RefusedPort.shared().port()).build();

        HttpResult r = send(engine(), c, HttpRequest.get("/"));

        assertEquals(7, r.code());
        assertTrue(r.message().contains("proxy"), r.message());
    }

    @Test
    void anUnknownProxyHostIsCode5() {
        ConnectionSettings c = TestSettings.connection("px", "http://127.0.0.1:9/").proxy("no-such-proxy.invalid", 3128)
                .build();

        HttpResult r = send(engine(), c, HttpRequest.get("/"));

        assertEquals(5, r.code(), r.toString());
        assertEquals(CurlError.COULDNT_RESOLVE_PROXY, r.error());
    }

    @Test
    void systemPropertyProxiesAreIgnored() {
        ReferenceServer server = use(ReferenceServer.start());
        TestProxy proxy = use(TestProxy.start());
        String before = System.getProperty("http.proxyHost");
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", String.valueOf(proxy.port()));
        try {
            HttpResult r = get(TestSettings.connection("direct", server.url()).build(), "/json");

            assertEquals(200, r.code());
            assertTrue(proxy.requestLines().isEmpty());
            assertNull(server.lastRequest().header("Via"));
        } finally {
            if (before == null) {
                System.clearProperty("http.proxyHost");
            } else {
                System.setProperty("http.proxyHost", before);
            }
            System.clearProperty("http.proxyPort");
        }
    }
}
