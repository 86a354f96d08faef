package dev.httpcon.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A corpus of malformed definitions: URLs, numbers, booleans, enums, durations, files, failover
 * cycles, duplicates, CR/LF, unicode names and huge values. Each case is one mistake among valid
 * definitions and must give exactly one problem, at a key that ends with {@link Case#key()}, whose
 * text contains {@link Case#expected()}. Used by {@code BadDefinitionCorpusTest} (the loader) and
 * by {@code DefinitionCorpusIT} (a real Weld SE deployment).
 */
public final class BadDefinitions {

    /** The password some cases carry: it must never show in a problem. */
    public static final String SECRET = "corpus-s3cret-pw";

    private BadDefinitions() {
    }

    /**
     * One malformed definition.
     *
     * @param category   what kind of value is wrong
     * @param name       the mistake
     * @param properties the whole configuration ({@code httpclient.*} keys)
     * @param key        how the key of the one problem ends (file problems start with the file's path); for
     *                   a problem about two keys, one of them, named in its text
     * @param expected   a fragment of the problem text
     */
    public record Case(String category, String name, Map<String, String> properties, String key, String expected) {
        @Override
        public String toString() {
            return category + ": " + name;
        }
    }

    /** Every case; the files some cases name are written into {@code dir}. */
    public static List<Case> all(Path dir) {
        Corpus c = new Corpus(dir);
        String line = "httpclient.httpcon[0]";

        c.add("url", "ftp scheme", "unsupported scheme 'ftp'", "httpclient.connection.a.url", "ftp://h/x");
        c.add("url", "no scheme", "expected an absolute URL", "httpclient.connection.a.url", "example.com/api");
        c.add("url", "space in the host", "must not contain spaces", "(a) url", line, "a=>http://bad host/x");
        c.add("url", "port out of range", "port 70000 is out of range 1..65535", "httpclient.connection.a.url",
                "http://h:70000/x");
        c.add("url", "a fragment", "must not have a fragment", "httpclient.connection.a.url", "http://h/x#top");
        c.add("url", "no host", "no host name could be read", "httpclient.connection.a.url", "http:///x");
        c.add("url", "password in a malformed URL", "must not contain spaces", "(a) url", line,
                "a=>http://u:" + SECRET + "@h/a b");
        c.add("url", "https proxy", "an https:// proxy", "httpclient.httpproxy", "https://proxy:3128");
        c.add("url", "proxy with credentials", "proxy credentials are not supported", "httpclient.httpproxy",
                "http://u:" + SECRET + "@proxy:3128");
        c.add("url", "proxy with a path", "a proxy has no path", "httpclient.connection.good.httpproxy",
                "http://proxy:3128/path");

        c.add("number", "maxdatasize in words", "expected a size in bytes", "httpclient.maxdatasize", "lots");
        c.add("number", "negative maxdatasize", "must not be negative", "(good) maxdatasize", line,
                "good=>http://h;maxdatasize=-1");
        c.add("number", "negative max_redirects", "expected a whole number from 0", "httpclient.max_redirects", "-2");
        c.add("number", "proxy port out of range", "expected a whole number from 0 to 65535",
                "httpclient.httpproxyport", "70000");
        c.add("number", "zero max_connections", "expected a whole number from 1", "httpclient.max_connections", "0");
        c.add("number", "fraction of a connection", "expected a whole number from 1",
                "httpclient.max_connections_per_host", "2.5");

        c.add("boolean", "maybe", "expected a boolean", "httpclient.keep_connections", "maybe");
        c.add("boolean", "verify_peer 2", "expected a boolean", "httpclient.connection.good.verify_peer", "2");
        c.add("boolean", "verify_host 3", "expected 0 (off), 1 or 2 (on)", "httpclient.verify_host", "3");
        c.add("boolean", "empty-looking yes", "expected a boolean", "(good) httpredirect", line,
                "good=>http://h;httpredirect=yes please");

        c.add("enum", "TLS 9", "expected DEFAULT, TLSv1", "httpclient.tlsversion", "TLSv9");
        c.add("enum", "SSLv3", "SSLv2/SSLv3 are not supported", "httpclient.connection.good.tlsversion", "SSLv3");
        c.add("enum", "authmethod 0", "expected a bitmap from 1 to 31", "httpclient.authmethod", "0");
        c.add("enum", "authmethod by name", "expected a bitmap from 1 to 31", "httpclient.connection.good.authmethod",
                "basic");
        c.add("enum", "unknown cipher suite", "TLS_NOT_A_CIPHER", "httpclient.cipher_suites", "TLS_NOT_A_CIPHER");

        c.add("duration", "soon", "expected a duration", "httpclient.connection.good.timeout", "soon");
        c.add("duration", "zero health_retry", "expected a duration above 0", "httpclient.health_retry", "0");
        c.add("duration", "total_timeout in words", "expected a duration", "httpclient.connection.good.total_timeout",
                "a second");
        c.add("number", "negative max_concurrent", "must not be negative", "httpclient.connection.good.max_concurrent",
                "-1");
        c.add("number", "health_failures in words", "expected a whole number from 0",
                "httpclient.health_failures", "three");
        c.add("boolean", "failover_unsafe maybe", "expected a boolean", "httpclient.connection.good.failover_unsafe",
                "maybe");
        c.add("path", "probe without a slash", "starting with / (e.g. /health)", "httpclient.connection.good.health_probe",
                "health");
        c.add("path", "probe with a space", "without spaces", "(good) health_probe", line,
                "good=>http://h/x;health_probe=/he alth");
        c.add("duration", "negative", "expected a duration", "httpclient.connection_timeout", "-5");
        c.add("duration", "hours", "expected a duration", "httpclient.connection.good.timeout", "1h");
        c.add("duration", "decimal seconds", "expected a duration", "(good) timeout", line,
                "good=>http://h;timeout=1.5");
        c.add("duration", "beyond 24 days", "at most 24 days", "httpclient.connection_timeout", "25000000s");

        c.add("file", "missing config_file", "file not found", "httpclient.config_file",
                dir.resolve("nowhere.cfg").toString());
        c.add("file", "config_file is a directory", "is a directory", "httpclient.config_file", dir.toString());
        c.add("file", "missing cacert", "file not found", "httpclient.connection.good.cacert",
                dir.resolve("missing-ca.pem").toString());
        c.add("file", "cacert not PEM", "not a PEM file", "httpclient.cacert",
                c.file("not-pem.crt", "just some text\n".getBytes(StandardCharsets.US_ASCII)));
        c.add("file", "config_file not UTF-8", "not a UTF-8 text file", "latin1.cfg",
                "httpclient.config_file", c.file("latin1.cfg", new byte[] {'[', 'a', ']', '\n', 'u', 'r', 'l', '=',
                        (byte) 0xe9, '\n'}));
        c.add("file", "config_dir not a directory", "not a directory", "httpclient.config_dir",
                dir.resolve("no-such-dir").toString());
        c.add("file", "INI key outside a section", "a key outside any section", "ini-nosection.cfg:1 url",
                "httpclient.config_file", c.file("ini-nosection.cfg", "url = http://h\n[b]\nurl = http://h\n"));

        c.add("cycle", "failover to itself", "failover cycle", "(a) failover", line, "a=>http://h;failover=a");
        c.add("cycle", "three-way cycle", "failover cycle", "failover", "httpclient.httpcon",
                "a=>http://h;failover=b,b=>http://h;failover=c,c=>http://h;failover=a");
        c.add("cycle", "failover to nowhere", "no connection named 'nosuch'", "(a) failover", line,
                "a=>http://h;failover=nosuch");

        c.add("duplicate", "one name in two lines", "is defined twice", "httpclient.httpcon[1]", "httpclient.httpcon",
                "dupe=>http://h/1,dupe=>http://h/2");
        c.add("duplicate", "one name in a line and a file", "is defined twice", "dupfile.cfg:1 [good]",
                "httpclient.config_file", c.file("dupfile.cfg", "[good]\nurl = http://h/again\n"));
        c.add("duplicate", "a parameter twice in a line", "set twice in this line", "(a) timeout", line,
                "a=>http://h;timeout=1;timeout=2");
        c.add("duplicate", "a key twice in a section", "duplicate key: timeout", "dupkey.cfg:4 [b] timeout",
                "httpclient.config_file", c.file("dupkey.cfg", "[b]\nurl = http://h\ntimeout = 1\ntimeout = 2\n"));
        Map<String, String> twoSpellings = new LinkedHashMap<>();
        twoSpellings.put("httpclient.connection.good.httpredirect", "1");
        twoSpellings.put("httpclient.connection.good.http_follow_redirect", "0");
        c.add("duplicate", "two spellings of one parameter", "is the same parameter",
                "httpclient.connection.good.httpredirect", twoSpellings);

        c.add("crlf", "LF in the user agent", "without control characters", "httpclient.connection.good.useragent",
                "agent\nX-Injected: 1");
        c.add("crlf", "CR in a password", "without control characters", "httpclient.connection.good.password",
                SECRET + "\r");
        c.add("crlf", "CRLF in a URL", "must not contain spaces or control characters", "httpclient.connection.a.url",
                "http://h/x\r\nHost: evil");
        c.add("crlf", "LF in a connection name", "invalid connection name", line, "a\nb=>http://h");

        c.add("unicode", "umlaut in a line name", "invalid connection name", line, "k\u00e4se=>http://h");
        c.add("unicode", "umlaut in a per-key name", "invalid connection name", "httpclient.connection.\u00fcber.url",
                "httpclient.connection.\u00fcber.url", "http://h");
        c.add("unicode", "CJK section name", "invalid section name", "cjk.cfg:1 [\u540d\u524d]",
                "httpclient.config_file", c.file("cjk.cfg", "[\u540d\u524d]\nurl = http://h\n"));
        c.add("unicode", "zero-width space in a name", "invalid connection name", line, "api\u200b=>http://h");
        c.add("unicode", "right-to-left override in a listed name", "invalid connection name", "httpclient.connections",
                "httpclient.connections", "api\u202eevil");

        c.add("huge", "a 65-character name", "1 to 64", line, "x".repeat(65) + "=>http://h");
        c.add("huge", "a timeout of 10^13 seconds", "at most 24 days", "httpclient.connection.good.timeout",
                "9999999999999");
        c.add("huge", "maxdatasize past 2^63", "expected a size in bytes", "httpclient.maxdatasize",
                "99999999999999999999");
        c.add("huge", "max_redirects past 2^31", "expected a whole number from 0", "httpclient.max_redirects",
                "9999999999");
        c.add("huge", "a 200 KiB user agent", "at most", "httpclient.useragent", "u".repeat(200 * 1024));
        return c.cases;
    }

    /** Builds cases: each one mistake over the valid connection {@code good}. */
    private static final class Corpus {
        private final Path dir;
        private final List<Case> cases = new ArrayList<>();

        Corpus(Path dir) {
            this.dir = dir;
        }

        /** One key set to a bad value, key and problem at that key. */
        void add(String category, String name, String expected, String key, String value) {
            add(category, name, expected, key, key, value);
        }

        /** {@code key} set to {@code value}; the problem at a key ending with {@code problemKey}. */
        void add(String category, String name, String expected, String problemKey, String key, String value) {
            add(category, name, expected, problemKey, Map.of(key, value));
        }

        void add(String category, String name, String expected, String problemKey, Map<String, String> bad) {
            Map<String, String> props = new LinkedHashMap<>(bad);
            boolean definesGood = bad.values().stream().anyMatch(v -> v.contains("good=>"));
            if (!definesGood && bad.containsKey("httpclient.httpcon")) {
                props.put("httpclient.httpcon", bad.get("httpclient.httpcon") + ",good=>http://127.0.0.1:1/x");
            } else if (!definesGood) {
                props.put("httpclient.httpcon[" + (bad.containsKey("httpclient.httpcon[0]") ? 1 : 0) + "]",
                        "good=>http://127.0.0.1:1/x");
            }
            cases.add(new Case(category, name, Collections.unmodifiableMap(props), problemKey, expected));
        }

        String file(String name, String text) {
            return file(name, text.getBytes(StandardCharsets.UTF_8));
        }

        String file(String name, byte[] content) {
            try {
                return Files.write(dir.resolve(name), content).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
