package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Base URLs, proxies and masking. */
class UrlsTest {

    /**
     * The message naming what was made of the value (shown for values without a password); the
     * other one must not name the port or scheme it complains about.
     */
    private static String problem(Runnable parse) {
        BadValue e = assertThrows(BadValue.class, parse::run);
        for (String detail : new String[] {"'ftp'", "'socks5'", "70000", "port 0"}) {
            org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains(detail), e.getMessage());
        }
        return e.withValue();
    }

    @ParameterizedTest
    @CsvSource({
        "http://h,http://h",
        "HTTPS://Host.Example:8443/a/b?x=1&y=2,https://Host.Example:8443/a/b?x=1&y=2",
        "http://[::1]:8080/api,http://[::1]:8080/api",
        "http://u:p@h:81/p,http://h:81/p",
        "http://127.0.0.1/api/,http://127.0.0.1/api/"})
    void urls(String written, String kept) {
        assertEquals(URI.create(kept), Urls.parse(written).url());
    }

    @Test
    void userWithoutPassword() {
        Urls.UrlParts p = Urls.parse("http://only-user@h/");
        assertEquals("only-user", p.username());
        assertNull(p.password());
    }

    @Test
    void passwordsMayHoldColonsAndEncodedCharacters() {
        Urls.UrlParts p = Urls.parse("http://u:a:b%40c%C3%A4@h/");
        assertEquals("u", p.username());
        assertEquals("a:b@c\u00e4", p.password());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://h/x|unsupported scheme 'ftp': httpcon speaks http and https",
        "h/x|expected an absolute URL like http(s)://host[:port][/path][?query]",
        "/x|expected an absolute URL like http(s)://host[:port][/path][?query]",
        "http:x|expected an absolute URL like http(s)://host[:port][/path][?query]",
        "http://h/x#frag|a base URL must not have a fragment (#...); expected http(s)://host[:port][/path][?query]",
        "http://h/a b|a URL must not contain spaces or control characters; percent-encode them (%20)",
        "http://h:0/|port 0 is out of range 1..65535",
        "http://h:70000/|port 70000 is out of range 1..65535",
        "http://|not a valid URL (Expected authority at index 7); expected http(s)://host[:port][/path][?query]",
        "http://a_b/|no host name could be read (letters, digits, '-' and '.'; IPv6 in [brackets]); "
                + "expected http(s)://host[:port][/path][?query]; write an '@' inside a password as %40",
        "http://u:p@ss@h/|no host name could be read (letters, digits, '-' and '.'; IPv6 in [brackets]); "
                + "expected http(s)://host[:port][/path][?query]; write an '@' inside a password as %40"})
    void badUrls(String written, String expected) {
        assertEquals(expected, problem(() -> Urls.parse(written)));
    }

    @Test
    void aSyntaxErrorDoesNotRepeatThePassword() {
        String message = problem(() -> Urls.parse("http://u:top%zzsecret@h/"));
        assertTrue(message.startsWith("not a valid URL (Malformed escape pair at index"), message);
        assertTrue(!message.contains("top"), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"proxy|proxy|", "proxy:3128|proxy|3128", "http://proxy:8080|proxy|8080",
        "HTTP://proxy/|proxy|", "10.0.0.1:3128|10.0.0.1|3128", "[::1]:3128|[::1]|3128"})
    void proxies(String written, String host, Integer port) {
        assertEquals(new Urls.ProxyAddress(host, port), Urls.proxy(written));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://superproxy.example.com|an https:// proxy (TLS to the proxy itself) is not supported; use "
                + "http://host:port (https URLs still go through it, tunnelled with CONNECT)",
        "socks5://p:1080|unsupported proxy scheme 'socks5'; expected host, host:port or http://host[:port]",
        "http://u:p@proxy:3128|proxy credentials are not supported; expected host, host:port or http://host[:port]",
        "proxy:3128/path|a proxy has no path, query or fragment; expected host, host:port or http://host[:port]",
        "proxy:0|port 0 is out of range 1..65535"})
    void badProxies(String written, String expected) {
        assertEquals(expected, problem(() -> Urls.proxy(written)));
    }
}
