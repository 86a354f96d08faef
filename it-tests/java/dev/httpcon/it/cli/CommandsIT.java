package dev.httpcon.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.testing.Json;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * listcon, connect and query run as {@code java -jar target/httpcon-cli.jar} against the reference
 * server, with {@code --config} files and {@code -D}; usage errors exit 2, invalid configuration 3.
 */
class CommandsIT {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();

    private static final String SECRET = "pw-Xq7-never-shown";

    private final ReferenceServer server = SERVER.server();

    @TempDir
    Path dir;

    private Path config(String name, String properties) {
        try {
            return Files.writeString(dir.resolve(name), properties, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A config file defining {@code ref} on the reference server's {@code /base}. */
    private String refConfig() {
        return config("ref.properties", "httpclient.httpcon=ref=>" + server.url("/base") + "\n").toString();
    }

    @Test
    void connectWithJsonGivesTheResultLine() {
        Cli.Run run = Cli.run("--config", refConfig(), "connect", "ref", "/json", "--json");
        assertEquals(0, run.exit(), run::describe);
        assertEquals("", run.err(), run::describe);
        Map<String, Object> m = run.json();
        assertEquals(List.of("cmd", "code", "status", "error", "body", "contentType", "protocol", "effectiveUrl",
                "redirects", "servedBy", "elapsedMs", "message", "sent", "attempts"), List.copyOf(m.keySet()));
        assertEquals("HTTP/1.1", m.get("protocol"));
        assertEquals("connect ref /json --json", m.get("cmd"));
        assertEquals(200L, m.get("code"));
        assertEquals(200L, m.get("status"));
        assertEquals("HTTP result code", m.get("error"));
        assertEquals("{\"status\":\"ok\",\"n\":1}", m.get("body"));
        assertEquals("application/json", m.get("contentType"));
        assertEquals(server.url("/base/json").toString(), m.get("effectiveUrl"));
        assertEquals(List.of(), m.get("redirects"));
        assertEquals("ref", m.get("servedBy"));
        assertTrue(((Long) m.get("elapsedMs")) >= 0);
        assertNull(m.get("message"));
        assertEquals("/base/json", server.lastRequest().path());
        assertEquals(1, server.requests().size(), "one request, nothing else sent");
    }

    @Test
    void connectSendsTheMethodHeadersAndBodyGiven() {
        Cli.Run run = Cli.run("--config", refConfig(), "connect", "ref", "/echo", "--method", "PUT",
                "--content-type", "text/plain; charset=utf-8", "--data", "héllo 😀", "--header", "X-Trace: 7",
                "--header", "X-Other:  two ", "--json");
        assertEquals(0, run.exit(), run::describe);
        Map<String, Object> echo = Json.parseObject((String) run.json().get("body"));
        assertEquals("PUT", echo.get("method"));
        assertEquals("/base/echo", echo.get("path"));
        assertEquals("héllo 😀", echo.get("body"));
        assertEquals("text/plain; charset=utf-8", echo.get("content_type"));
        RecordedRequest r = server.lastRequest();
        assertEquals("7", r.header("X-Trace"));
        assertEquals("two", r.header("X-Other"));
        assertEquals("héllo 😀", r.bodyText());
    }

    @Test
    void includeShowsEveryResponseHeaderRepeatsIncluded() {
        String path = "/headers?h=Set-Cookie:a%3D1&h=X-Trace:t1&h=Set-Cookie:b%3D2";
        Cli.Run json = Cli.run("--config", refConfig(), "connect", "ref", path, "--include", "--json");
        assertEquals(0, json.exit(), json::describe);
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) json.json().get("headers");
        assertEquals(List.of("a=1", "b=2"), headers.get("Set-Cookie"), headers::toString);
        assertEquals(List.of("t1"), headers.get("X-Trace"), headers::toString);

        Cli.Run text = Cli.run("--config", refConfig(), "connect", "ref", path, "-i");
        assertEquals(0, text.exit(), text::describe);
        String out = text.out();
        int first = out.indexOf("header    Set-Cookie: a=1\n");
        int trace = out.indexOf("header    X-Trace: t1\n");
        int second = out.indexOf("header    Set-Cookie: b=2\n");
        assertTrue(first >= 0 && first < trace && trace < second, out);
    }

    @Test
    void connectAsTextShowsCodeUrlServedByTypeAndBody() {
        Cli.Run run = Cli.run("--config", refConfig(), "connect", "ref", "/redir302a");
        assertEquals(0, run.exit(), run::describe);
        String out = run.out();
        for (String line : List.of("code      200 (HTTP result code)", "served by ref",
                "redirect  302 " + server.url("/base/redir302a") + " -> " + server.url("/redir302b"),
                "redirect  302 " + server.url("/redir302b") + " -> " + server.url("/json"),
                "url       " + server.url("/json"), "type      application/json",
                "body      {\"status\":\"ok\",\"n\":1}")) {
            assertTrue(out.contains(line + "\n"), () -> "missing '" + line + "':\n" + out);
        }
    }

    @Test
    void aBodyThatIsNotUtf8ComesInBase64() {
        Cli.Run run = Cli.run("--config", refConfig(), "connect", "ref", "/nonutf8", "--json");
        assertEquals(0, run.exit(), run::describe);
        byte[] expected = {(byte) 0xff, (byte) 0xfe, (byte) 0x80, 0x41, 0x42, 0x43, 0x0a, (byte) 0xc3, 0x28};
        assertEquals(List.of(expected.length), List.of(Base64.getDecoder().decode((String) run.json().get("bodyBase64")).length));
        assertTrue(java.util.Arrays.equals(expected, Base64.getDecoder().decode((String) run.json().get("bodyBase64"))));
    }

    @Test
    void anUnknownConnectionIsCodeMinusOneNamingTheDefinedOnes() {
        Cli.Run run = Cli.run("--config", refConfig(), "connect", "nosuch", "/x", "--json");
        assertEquals(0, run.exit(), run::describe);
        Map<String, Object> m = run.json();
        assertEquals(-1L, m.get("code"));
        assertEquals("Bad CURL error code", m.get("error"));
        assertTrue(((String) m.get("message")).contains("nosuch") && ((String) m.get("message")).contains("ref"),
                run::describe);
        assertTrue(server.requests().isEmpty(), "nothing sent");
    }

    @Test
    void queryGivesTheFirstLineWithTheGlobals() {
        Cli.Run json = Cli.run("-Dhttpclient.useragent=q-agent", "query", server.url("/multiline").toString(), "--json");
        assertEquals(0, json.exit(), json::describe);
        Map<String, Object> m = json.json();
        assertEquals(200L, m.get("code"));
        assertEquals("line1", m.get("body"));
        assertEquals("http_client_query", m.get("servedBy"));
        assertEquals("q-agent", server.lastRequest().header("User-Agent"), "the global useragent");

        Cli.Run text = Cli.run("query", server.url("/echo").toString(), "--data", "src=10.1.1.1", "--header",
                "Content-Type: text/plain");
        assertEquals(0, text.exit(), text::describe);
        assertTrue(text.out().contains("code      200 (HTTP result code)\n"), text::describe);
        assertTrue(text.out().contains("result    {\"method\": \"POST\""), text::describe);
        assertEquals("POST", server.lastRequest().method());
        assertEquals("text/plain", server.lastRequest().header("Content-Type"));
        assertEquals("src=10.1.1.1", server.lastRequest().bodyText());
    }

    @Test
    void queryToAnotherSchemeIsCode1AndSendsNothing() {
        Cli.Run run = Cli.run("query", "ftp://127.0.0.1:" + server.port() + "/x", "--json");
        assertEquals(0, run.exit(), run::describe);
        Map<String, Object> m = run.json();
        assertEquals(1L, m.get("code"), run::describe);
        assertEquals("Unsupported protocol", m.get("error"));
        assertNull(m.get("effectiveUrl"));
        assertTrue(server.requests().isEmpty(), "nothing sent");

        Cli.Run text = Cli.run("query", "gopher://127.0.0.1:" + server.port() + "/");
        assertEquals(0, text.exit(), text::describe);
        assertTrue(text.out().startsWith("code      1 (Unsupported protocol)\n"), text::describe);
        assertTrue(server.requests().isEmpty(), "nothing sent");
    }

    @Test
    void queryCredentialsAreSentButNeverShown() {
        String url = "http://" + ReferenceServer.USER + ":" + ReferenceServer.PASSWORD + "@127.0.0.1:" + server.port()
                + "/basic";
        Cli.Run run = Cli.run("query", url, "--header", "Authorization-Trace: 1", "--json");
        assertEquals(0, run.exit(), run::describe);
        Map<String, Object> m = run.json();
        assertEquals(200L, m.get("code"), run::describe);
        assertEquals("query 'http://oracle:****@127.0.0.1:" + server.port() + "/basic' --header 'Authorization-Trace: ****'"
                + " --json", m.get("cmd"), "a header named like a credential is masked");
        assertFalse(run.out().contains(ReferenceServer.PASSWORD), run::describe);
        assertEquals("http://127.0.0.1:" + server.port() + "/basic", m.get("effectiveUrl"));
    }

    /**
     * An application's configuration names its own executor bean for asynchronous completions; the
     * command, which makes no asynchronous call and has no such bean, still takes it.
     */
    @Test
    void anApplicationsAsyncExecutorDoesNotStopTheCommand() {
        Path file = config("executor.properties", "httpclient.async_executor=sipPool\n"
                + "httpclient.httpcon=ref=>" + server.url("/base") + ";async_executor=java:comp/DefaultManagedExecutorService\n");
        Cli.Run run = Cli.run("--config", file.toString(), "connect", "ref", "/json", "--json");
        assertEquals(0, run.exit(), run::describe);
        assertEquals(200L, run.json().get("code"), run::describe);
    }

    @Test
    void listconAndConnectNeverShowAPassword() {
        try (ReferenceServer guarded = ReferenceServer.builder().credentials("ann", SECRET).start()) {
            Path file = config("secret.properties",
                    "httpclient.httpcon=inurl=>http://ann:" + SECRET + "@127.0.0.1:" + guarded.port() + "/pfx\n"
                            + "httpclient.connection.perkey.url=http://127.0.0.1:" + guarded.port() + "/base\n"
                            + "httpclient.connection.perkey.username=ann\n"
                            + "httpclient.connection.perkey.password=" + SECRET + "\n");
            Cli.Run text = Cli.run("--config", file.toString(), "listcon");
            Cli.Run json = Cli.run("--config", file.toString(), "listcon", "--json");
            Cli.Run connect = Cli.run("--config", file.toString(), "connect", "perkey", "/basic", "--json");
            for (Cli.Run run : List.of(text, json, connect)) {
                assertEquals(0, run.exit(), run::describe);
                assertFalse(run.out().contains(SECRET) || run.err().contains(SECRET), run::describe);
            }
            assertTrue(text.out().startsWith("NAME"), text::describe);
            assertTrue(text.out().lines().anyMatch(l -> l.startsWith("inurl ") && l.contains(" ann ") && l.contains("****")),
                    text::describe);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) json.json().get("connections");
            assertEquals(List.of("inurl", "perkey"), rows.stream().map(r -> r.get("name")).toList());
            for (Map<String, Object> row : rows) {
                assertEquals("ann", row.get("username"));
                assertEquals("****", row.get("password"));
                assertFalse(((String) row.get("url")).contains("ann"), "no credentials in the url");
            }
            assertEquals(200L, connect.json().get("code"), connect::describe);
        }
    }

    /**
     * A ';' or ',' inside a password cuts an httpcon line or the list of them: no part of the
     * password shows, neither in the validation message nor, written percent-encoded, in listcon
     * and connect.
     */
    @Test
    void aPasswordCutByTheLineOrListSplitShowsNoPart() {
        String at = "@127.0.0.1:" + server.port();
        Cli.Run cut = Cli.run("-Dhttpclient.httpcon=api=>http://u:PaXq;SsXq" + at + "/x,b=>http://u:HalfOne,HalfTwo"
                + at + "/y", "listcon");
        assertEquals(3, cut.exit(), cut::describe);
        assertTrue(cut.err().contains("url = 'http://u:****'"), cut::describe);
        for (String part : List.of("PaXq", "SsXq", "HalfOne", "HalfTwo")) {
            assertFalse(cut.out().contains(part) || cut.err().contains(part), () -> part + ": " + cut.describe());
        }

        String lines = "-Dhttpclient.httpcon=api=>http://u:PaXq%3BSsXq" + at + "/base,b=>http://u:HalfOne%2CHalfTwo" + at
                + "/base;password=\"HalfOne\\,HalfTwo\"";
        Cli.Run listcon = Cli.run(lines, "listcon", "--json");
        Cli.Run connect = Cli.run(lines, "connect", "api", "/json", "--json");
        for (Cli.Run run : List.of(listcon, connect)) {
            assertEquals(0, run.exit(), run::describe);
            for (String part : List.of("PaXq", "SsXq", "HalfOne", "HalfTwo")) {
                assertFalse(run.out().contains(part) || run.err().contains(part), () -> part + ": " + run.describe());
            }
        }
        assertEquals(200L, connect.json().get("code"), connect::describe);
    }

    @Test
    void configFilesAndSystemPropertiesStackInOrder() {
        Path first = config("first.properties", "httpclient.httpcon=ref=>" + server.url("/base") + "\n"
                + "httpclient.useragent=from-first\n"
                + "httpclient.connection_timeout=3s\n"
                + "httpclient.maxdatasize=100000\n"
                + "httpclient.max_redirects=5\n");
        Path second = config("second.properties", "httpclient.connection_timeout=4s\n");
        String stdin = "listcon\nconnect ref /echo\n";

        Cli.Run alone = Cli.run(List.of(), stdin, List.of("--config", first.toString(), "batch"));
        assertEquals(List.of("from-first", 3000L, 100000L, 5L), settings(alone));
        assertEquals("from-first", server.lastRequest().header("User-Agent"));

        Cli.Run stacked = Cli.run(List.of("-Dhttpclient.maxdatasize=200000", "-Dhttpclient.useragent=from-jvm"), stdin,
                List.of("--config", first.toString(), "--config", second.toString(),
                        "-Dhttpclient.max_redirects=7", "-Dhttpclient.useragent=from-arg", "batch"));
        // the later file wins over the earlier one; system properties (before or after -jar) over files;
        // a -D after -jar over the same one before it
        assertEquals(List.of("from-arg", 4000L, 200000L, 7L), settings(stacked));
        assertEquals("from-arg", server.lastRequest().header("User-Agent"));
    }

    /** userAgent, timeoutMs, maxDataSize, maxRedirects of ref, from a batch of listcon then a connect. */
    private static List<Object> settings(Cli.Run run) {
        assertEquals(0, run.exit(), run::describe);
        List<Map<String, Object>> lines = run.jsonLines();
        assertEquals(200L, lines.get(1).get("code"), run::describe);
        @SuppressWarnings("unchecked")
        Map<String, Object> ref = ((List<Map<String, Object>>) lines.get(0).get("connections")).get(0);
        return List.of(ref.get("userAgent"), ref.get("timeoutMs"), ref.get("maxDataSize"), ref.get("maxRedirects"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("connect"), "connect: missing NAME"),
                Arguments.of(List.of("connect", "ref"), "connect: missing PATH"),
                Arguments.of(List.of("connect", "ref", "/x", "--header", "no colon"), "--header needs 'Name: value'"),
                Arguments.of(List.of("listcon", "--bogus"), "listcon: unknown option --bogus"),
                Arguments.of(List.of("frob"), "unknown command 'frob'"),
                Arguments.of(List.of("redirect", "ref"), "redirect only works inside batch"),
                Arguments.of(List.of("--config"), "--config needs a file name"),
                Arguments.of(List.of("--config", "/nonexistent/httpcon.properties", "listcon"),
                        "--config /nonexistent/httpcon.properties: no such file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void badUsageExits2WithAOneLineMessage(List<String> args, String message) {
        Cli.Run run = Cli.run(List.of(), null, args);
        assertEquals(2, run.exit(), run::describe);
        assertEquals("", run.out(), run::describe);
        assertEquals(1, run.err().lines().count(), run::describe);
        assertTrue(run.err().startsWith("httpcon: " + message), run::describe);
        assertTrue(run.err().contains("(usage: "), run::describe);
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run::describe);
    }

    @Test
    void invalidConfigurationExits3WithTheValidationMessage() {
        // no httpclient.httpcon here: the demo's own lines would take its place
        Path bad = config("bad.properties", "httpclient.connection.a.url=ftp://127.0.0.1/x\n"
                + "httpclient.connection.a.password=" + SECRET + "\n"
                + "httpclient.connection_timeout=soon\n");
        for (List<String> args : List.of(List.of("listcon"), List.of("connect", "a", "/x"), List.of("batch"),
                List.of("demo"))) {
            Cli.Run run = Cli.run(List.of(), "listcon\n", concat(List.of("--config", bad.toString()), args));
            assertEquals(3, run.exit(), run::describe);
            assertEquals("", run.out(), run::describe);
            assertTrue(run.err().startsWith("HTTPCON-001 httpcon configuration is invalid (2 problems):\n"),
                    run::describe);
            assertTrue(run.err().contains("ftp://127.0.0.1/x") && run.err().contains("'soon'"), run::describe);
            assertFalse(run.err().contains(SECRET), run::describe);
            assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run::describe);
        }
    }

    @Test
    void helpAndVerbose() {
        Cli.Run help = Cli.run("--help");
        assertEquals(0, help.exit(), help::describe);
        assertTrue(help.out().contains("usage: httpcon [--config FILE]..."), help::describe);
        assertEquals("", help.err());

        Cli.Run quiet = Cli.run("--config", refConfig(), "listcon");
        assertEquals("", quiet.err(), "warnings only by default");
        Cli.Run verbose = Cli.run("-v", "--config", refConfig(), "listcon");
        assertEquals(0, verbose.exit(), verbose::describe);
        assertTrue(verbose.err().contains("httpcon: INFO: httpcon: 1 connection(s): [ref]"), verbose::describe);
        assertEquals(quiet.out(), verbose.out(), "logging goes to stderr only");
    }
}
