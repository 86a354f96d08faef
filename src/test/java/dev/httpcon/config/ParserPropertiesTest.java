package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based tests of the two hand-written parsers, the {@code httpcon} line and the INI
 * {@code config_file}, through the whole loader: whatever the text, the result is valid settings
 * or a {@link ConfigValidationException} whose every problem names the line or the file; never
 * another exception, and never a password in a message.
 */
class ParserPropertiesTest {

    private static final String LINE_KEY = "httpclient.httpcon[0]";
    private static final Path INI = tempFile();

    @Property(tries = 1500)
    void anyHttpconLineIsValidOrAProblemAtThatLine(@ForAll("lines") String line) {
        Statistics.collect(check(Map.of(LINE_KEY, line), LINE_KEY));
        // The generator must reach both outcomes, or the property would prove little.
        Statistics.coverage(c -> {
            c.check("valid").percentage(p -> p > 2);
            c.check("problems").percentage(p -> p > 50);
        });
    }

    @Property(tries = 500)
    void anyTextAtAllAsAnHttpconLine(@ForAll String line) {
        check(Map.of(LINE_KEY, line), LINE_KEY);
    }

    @Property(tries = 1000)
    void aPasswordInALineNeverShowsInAProblem(@ForAll("lines") String line, @ForAll("secrets") String secret,
                                               @ForAll boolean inUrl) {
        String withSecret = inUrl ? "p=>http://user:" + secret + "@" + line : line + ";password=" + secret;
        try {
            SettingsLoader.load(new MapConfigView(Map.of(LINE_KEY, withSecret)));
        } catch (ConfigValidationException e) {
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
    }

    @Property(tries = 1000)
    void anyIniFileIsValidOrAProblemInThatFile(@ForAll("iniFiles") String content) {
        Statistics.collect(check(iniConfig(content.getBytes(StandardCharsets.UTF_8)), INI.toString()));
        Statistics.coverage(c -> {
            c.check("valid").percentage(p -> p > 2);
            c.check("problems").percentage(p -> p > 50);
        });
    }

    @Property(tries = 300)
    void anyBytesAtAllAsAnIniFile(@ForAll byte[] content) {
        check(iniConfig(content), INI.toString());
    }

    /**
     * Loads; valid settings must hold valid connections, a failure must name only {@code place}.
     * Returns which of the two it was.
     */
    private static String check(Map<String, String> config, String place) {
        HttpConSettings settings;
        try {
            settings = SettingsLoader.load(new MapConfigView(config));
        } catch (ConfigValidationException e) {
            assertFalse(e.problems().isEmpty());
            for (ConfigProblem p : e.problems()) {
                assertTrue(p.key().startsWith(place), "a problem elsewhere than " + place + ": " + p);
                assertFalse(p.expected().isBlank(), p.toString());
            }
            return "problems";
        }
        for (ConnectionSettings c : settings.connections().values()) {
            assertTrue(Values.isName(c.name()), c.name());
            assertTrue(List.of("http", "https").contains(c.url().getScheme()), c.url().toString());
            assertTrue(c.url().getHost() != null && !c.url().getHost().isEmpty(), c.url().toString());
            assertEquals(null, c.url().getRawUserInfo());
        }
        return "valid";
    }

    private static Map<String, String> iniConfig(byte[] content) {
        try {
            Files.write(INI, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("httpclient.config_file", INI.toString());
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> anything = Combinators.combine(names(), Arbitraries.of("=>", "=>", "=>", "=> ", "=", ""),
                urls(), parameters().list().ofMaxSize(5)).as((name, arrow, url, params) ->
                name + arrow + url + params.stream().map(p -> ";" + p).collect(Collectors.joining()));
        // Mostly right, so that valid lines are common and a single bad part is the usual mistake.
        Arbitrary<String> nearlyRight = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("http://h", "https://127.0.0.1:8443/api", "http://[::1]:80/x?y=1", "http://u:p@h/a"),
                Arbitraries.oneOf(goodParameters(), goodParameters(), goodParameters(), parameters())
                        .list().ofMaxSize(4))
                .as((name, url, params) -> name + "=>" + url
                        + params.stream().map(p -> ";" + p).collect(Collectors.joining()));
        return Arbitraries.oneOf(anything, nearlyRight);
    }

    private static Arbitrary<String> goodParameters() {
        return Arbitraries.of("timeout=2s", "keep_connections=1", "useragent=\"ua 1\"", "maxdatasize=64k",
                "verify_peer=0", "tlsversion=TLSv1.2", "httpredirect=no", "max_redirects=3", "authmethod=3",
                "httpproxy=proxy:3128", "username=u", "password=p", "cipher_suites=TLS_AES_128_GCM_SHA256");
    }

    @Provide
    Arbitrary<String> iniFiles() {
        Arbitrary<String> section = names().map(n -> "[" + n + "]");
        Arbitrary<String> keyValue = Combinators.combine(keys(), Arbitraries.of(" = ", "=", " =", ": ", " "),
                values()).as((k, sep, v) -> k + sep + v);
        Arbitrary<String> url = urls().map(u -> "url = " + u);
        Arbitrary<String> other = Arbitraries.oneOf(Arbitraries.of("", "# comment", "; comment", "[", "]", "[]",
                "\uFEFF[bom]", "url"), Arbitraries.strings().ofMaxLength(30));
        Arbitrary<String> fileLine = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, section), net.jqwik.api.Tuple.of(4, url), net.jqwik.api.Tuple.of(5, keyValue),
                net.jqwik.api.Tuple.of(2, other));
        return Combinators.combine(fileLine.list().ofMaxSize(20), Arbitraries.of("\n", "\r\n", "\r"))
                .as((lines, eol) -> String.join(eol, lines));
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(10).ofMaxLength(20).map(s -> "PW" + s + "Zq");
    }

    private static Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_', '0').ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("api", "a.b", "my api", "k\u00e4se", "x".repeat(65), " api ", ""),
                Arbitraries.strings().ofMaxLength(12));
    }

    private static Arbitrary<String> urls() {
        Arbitrary<String> host = Arbitraries.of("h", "127.0.0.1", "[::1]", "example.com", "bad host", "", "h:0",
                "h:65536", "h:8080", "u:pw@h", "h\u00e9", "[::1", "h:-1");
        Arbitrary<String> path = Arbitraries.of("", "/", "/api", "/a b", "/x?q=1", "/x#frag", "/%zz", "/\u20ac");
        Arbitrary<String> structured = Combinators.combine(Arbitraries.of("http://", "https://", "ftp://", "HTTP://",
                "http:/", "//", ""), host, path).as((s, h, p) -> s + h + p);
        return Arbitraries.oneOf(structured, structured, Arbitraries.strings().ofMaxLength(40));
    }

    private static Arbitrary<String> parameters() {
        return Arbitraries.oneOf(
                Combinators.combine(keys(), values()).as((k, v) -> k + "=" + v),
                Arbitraries.strings().ofMaxLength(20));
    }

    private static Arbitrary<String> keys() {
        List<String> known = new ArrayList<>();
        for (Param p : Param.connectionParams()) {
            known.addAll(p.connectionSpellings());
        }
        known.addAll(List.of("tiemout", "Timeout", " timeout ", "connection_timeout", "config_file", "", "x"));
        return Arbitraries.oneOf(Arbitraries.of(known), Arbitraries.strings().ofMaxLength(10));
    }

    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of("1", "0", "yes", "maybe", "2s", "1500ms", "-1", "64k", "TLSv1.3", "SSLv3", "\"\"",
                        "\"quoted value\"", "\"unbalanced", "api", "a", "nosuch", "http://proxy:3128", "proxy",
                        "99999999999999999999", "1.5", "3", "31", "32", "TLS_AES_128_GCM_SHA256", "NOPE",
                        "com.example.Api", "/nonexistent/file.pem", "\u00e9t\u00e9", "line\nbreak", "tab\tbed"),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(30));
    }

    private static Path tempFile() {
        try {
            Path p = Files.createTempFile("httpcon-property", ".cfg").toAbsolutePath();
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
