package dev.httpcon.config;

import static dev.httpcon.config.Load.failing;
import static dev.httpcon.config.Load.ok;
import static dev.httpcon.config.Load.problemAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** httpproxy and httpproxyport, globally and per connection. */
class ProxyTest {

    @Test
    void hostAloneUsesCurlsDefaultPort() {
        assertEquals(new ProxySettings("proxy.example.com", 1080),
                ok("httpclient.httpproxy", "proxy.example.com").globals().proxy());
    }

    @Test
    void httpproxyportGivesThePort() {
        assertEquals(new ProxySettings("proxy.example.com", 8042),
                ok("httpclient.httpproxy", "http://proxy.example.com", "httpclient.httpproxyport", "8042").globals().proxy());
    }

    @Test
    void aPortInHttpproxyWinsOverHttpproxyport() {
        HttpConSettings s = ok("httpclient.httpproxy", "proxy.example.com:3128", "httpclient.httpproxyport", "8042",
                "httpclient.httpcon", "a=>http://h;httpproxyport=9000");
        assertEquals(new ProxySettings("proxy.example.com", 3128), s.globals().proxy());
        assertEquals(new ProxySettings("proxy.example.com", 3128), s.connection("a").proxy());
    }

    @Test
    void aConnectionPortAppliesToTheGlobalHost() {
        HttpConSettings s = ok("httpclient.httpproxy", "proxy.example.com", "httpclient.httpproxyport", "8042",
                "httpclient.httpcon", "a=>http://h;httpproxyport=9000");
        assertEquals(new ProxySettings("proxy.example.com", 9000), s.connection("a").proxy());
    }

    @Test
    void portZeroDisablesTheProxy() {
        HttpConSettings s = ok("httpclient.httpproxy", "proxy.example.com:3128",
                "httpclient.httpcon", "off=>http://h;httpproxyport=0, on=>http://h");
        assertNull(s.connection("off").proxy(), "a connection's port 0 disables the global proxy");
        assertEquals(new ProxySettings("proxy.example.com", 3128), s.connection("on").proxy());
        assertNull(ok("httpclient.httpproxy", "proxy.example.com", "httpclient.httpproxyport", "0").globals().proxy());
    }

    @Test
    void aGlobalPortZeroDoesNotDisableAProxyAConnectionNamesItself() {
        HttpConSettings s = ok("httpclient.httpproxy", "proxy.example.com", "httpclient.httpproxyport", "0",
                "httpclient.httpcon", "own=>http://h;httpproxy=own.example.com, plain=>http://h");
        assertEquals(new ProxySettings("own.example.com", 1080), s.connection("own").proxy());
        assertNull(s.connection("plain").proxy());
    }

    @Test
    void aPortWithoutHostIsNoProxy() {
        assertNull(ok("httpclient.httpproxyport", "3128").globals().proxy());
    }

    @Test
    void unsupportedProxiesAreProblemsAndCredentialsAreMasked() {
        ConfigValidationException e = failing("httpclient.httpproxy", "https://superproxy.example.com",
                "httpclient.httpcon", "a=>http://h;httpproxy=http://user:hunter2@p:3128");
        ConfigProblem global = problemAt(e, "httpclient.httpproxy");
        assertEquals("https://superproxy.example.com", global.value());
        assertEquals("an https:// proxy (TLS to the proxy itself) is not supported; use http://host:port "
                + "(https URLs still go through it, tunnelled with CONNECT)", global.expected());
        ConfigProblem own = problemAt(e, "httpclient.httpcon[0] (a) httpproxy");
        // From the first ':' after '://' in the line (the proxy's own scheme) to the last '@' may be
        // a password: a ';' in it could have cut the line. The user name goes with it.
        assertEquals("http:****@p:3128", own.value());
        assertFalse(e.getMessage().contains("hunter2"));
    }
}
