package dev.httpcon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Argument parsing: global options anywhere, each command's arguments, and every mistake. */
class CommandLineTest {

    private static CommandLine.Invocation parse(String... args) throws UsageException {
        return CommandLine.parse(Arrays.asList(args));
    }

    @Test
    void noArgumentsIsTheDemo() throws UsageException {
        CommandLine.Invocation i = parse();
        assertInstanceOf(Command.Demo.class, i.command());
        assertFalse(i.verbose());
        assertTrue(i.configFiles().isEmpty());
        assertInstanceOf(Command.Demo.class, parse("demo").command());
        CommandLine.Invocation verbose = parse("-v", "--config", "x.properties");
        assertInstanceOf(Command.Demo.class, verbose.command());
        assertTrue(verbose.verbose());
        assertEquals(List.of(Path.of("x.properties")), verbose.configFiles());
    }

    @Test
    void globalOptionsGoAnywhereAndAreNotPartOfTheCommand() throws UsageException {
        CommandLine.Invocation i = parse("--config", "a.properties", "connect", "-Dk1=v1", "api",
                "--config=b.properties", "/x", "-Dk2", "--verbose", "-Dk3=a=b", "--json");
        assertEquals(List.of(Path.of("a.properties"), Path.of("b.properties")), i.configFiles());
        assertEquals(Map.of("k1", "v1", "k2", "", "k3", "a=b"), i.properties());
        assertEquals(List.of("k1", "k2", "k3"), List.copyOf(i.properties().keySet()), "in the order given");
        assertTrue(i.verbose());
        assertEquals(List.of("connect", "api", "/x", "--json"), i.words());
        Command.Connect c = assertInstanceOf(Command.Connect.class, i.command());
        assertEquals("api", c.name());
        assertEquals("GET", c.request().method());
        assertEquals("/x", c.request().path());
        assertFalse(c.request().hasBody());
        assertTrue(c.json());
    }

    @Test
    void anOptionValueIsNeverTakenForAGlobalOption() throws UsageException {
        CommandLine.Invocation i = parse("connect", "api", "/x", "--data", "-Dnot=a-property", "--header", "-v: 1");
        assertTrue(i.properties().isEmpty());
        assertFalse(i.verbose());
        Command.Connect c = (Command.Connect) i.command();
        assertEquals("-Dnot=a-property", new String(c.request().body(), StandardCharsets.UTF_8));
        assertEquals(List.of(new HttpRequest.Header("-v", "1")), c.request().headers());
    }

    @Test
    void connectBuildsTheRequest() throws UsageException {
        Command.Connect post = (Command.Connect) parse("connect", "api", "/mailbox", "--content-type",
                "application/json", "--data", "{\"ok\":1}").command();
        assertEquals("POST", post.request().method());
        assertEquals("application/json", post.request().contentType());
        assertArrayEquals("{\"ok\":1}".getBytes(StandardCharsets.UTF_8), post.request().body());
        assertFalse(post.json());

        Command.Connect put = (Command.Connect) parse("connect", "api", "/u/1", "--method=put", "--data=",
                "--header", "If-Match: \"v7\"", "--header=X-Trace:  abc  ").command();
        assertEquals("PUT", put.request().method());
        assertEquals(0, put.request().bodyLength(), "an empty body is still a body");
        assertNull(put.request().contentType());
        assertEquals(List.of(new HttpRequest.Header("If-Match", "\"v7\""), new HttpRequest.Header("X-Trace", "abc")),
                put.request().headers());

        Command.Connect delete = (Command.Connect) parse("connect", "api", "/u/1", "--method", "DELETE").command();
        assertEquals("DELETE", delete.request().method());
        assertFalse(delete.request().hasBody());
    }

    @Test
    void includeAsksForTheResponseHeaders() throws UsageException {
        assertFalse(((Command.Connect) parse("connect", "api", "/x").command()).include());
        assertTrue(((Command.Connect) parse("connect", "api", "/x", "--include").command()).include());
        assertTrue(((Command.Connect) parse("connect", "api", "/x", "-i", "--json").command()).include());
        assertTrue(((Command.Query) parse("query", "http://h/x", "-i").command()).include());
        assertFalse(((Command.Query) parse("query", "http://h/x").command()).include());
        UsageException e = assertThrows(UsageException.class, () -> parse("listcon", "--include"));
        assertTrue(e.getMessage().contains("unknown option --include"), e.getMessage());
    }

    @Test
    void doubleDashEndsOptions() throws UsageException {
        Command.Connect c = (Command.Connect) parse("connect", "api", "--", "--json").command();
        assertEquals("--json", c.request().path());
        assertFalse(c.json());
    }

    @Test
    void queryKeepsUrlDataAndHeaderLines() throws UsageException {
        Command.Query q = (Command.Query) parse("query", "http://h/x?a=1", "--data", "src=10.0.0.1", "--header",
                "Content-Type: text/plain", "--header", "X-A:1", "--json").command();
        assertEquals("http://h/x?a=1", q.url());
        assertEquals("src=10.0.0.1", q.data());
        assertEquals("Content-Type: text/plain\r\nX-A: 1", q.headerLines());
        assertTrue(q.json());
        Command.Query get = (Command.Query) parse("query", "http://h/").command();
        assertNull(get.data());
        assertNull(get.headerLines());
    }

    @Test
    void listconAndHelp() throws UsageException {
        assertEquals(new Command.Listcon(false), parse("listcon").command());
        assertEquals(new Command.Listcon(true), parse("listcon", "--json").command());
        assertInstanceOf(Command.Help.class, parse("help").command());
        assertInstanceOf(Command.Help.class, parse("-h").command());
        assertInstanceOf(Command.Help.class, parse("connect", "--help").command());
        assertInstanceOf(Command.Batch.class, parse("batch").command());
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(List.of("connect"), "connect: missing NAME", CommandLine.CONNECT_USAGE),
                Arguments.of(List.of("connect", "api"), "connect: missing PATH", CommandLine.CONNECT_USAGE),
                Arguments.of(List.of("connect", "api", "/x", "/y"), "connect: unexpected argument '/y'",
                        CommandLine.CONNECT_USAGE),
                Arguments.of(List.of("connect", "api", "/x", "--bogus"), "connect: unknown option --bogus",
                        CommandLine.CONNECT_USAGE),
                Arguments.of(List.of("connect", "api", "/x", "-x"), "connect: unknown option -x", CommandLine.CONNECT_USAGE),
                Arguments.of(List.of("connect", "api", "/x", "--data"), "connect: --data needs a value",
                        CommandLine.CONNECT_USAGE),
                Arguments.of(List.of("connect", "api", "/x", "--data", "a", "--data", "b"),
                        "connect: --data given 2 times; give it once", null),
                Arguments.of(List.of("connect", "api", "/x", "--content-type", "text/plain"),
                        "connect: --content-type needs --data", CommandLine.CONNECT_USAGE),
                Arguments.of(List.of("connect", "api", "/x", "--method", "GE T"), "connect: HTTP method must be a token",
                        CommandLine.CONNECT_USAGE),
                Arguments.of(List.of("connect", "api", "/x", "--header", "no colon"), "--header needs 'Name: value'",
                        CommandLine.CONNECT_USAGE),
                Arguments.of(List.of("connect", "api", "/x", "--header", "Bad Name: 1"),
                        "--header: header name must be an HTTP token", CommandLine.CONNECT_USAGE),
                Arguments.of(List.of("connect", "api", "/x", "--json=yes"), "connect: --json takes no value",
                        CommandLine.CONNECT_USAGE),
                Arguments.of(List.of("query"), "query: missing URL", CommandLine.QUERY_USAGE),
                Arguments.of(List.of("query", "http://h/", "--method", "PUT"), "query: unknown option --method",
                        CommandLine.QUERY_USAGE),
                Arguments.of(List.of("listcon", "api"), "listcon: unexpected argument 'api'", CommandLine.LISTCON_USAGE),
                Arguments.of(List.of("demo", "now"), "demo: unexpected argument 'now'", CommandLine.DEMO_USAGE),
                Arguments.of(List.of("batch", "file.txt"), "batch: unexpected argument 'file.txt'", CommandLine.BATCH_USAGE),
                Arguments.of(List.of("frob"), "unknown command 'frob'", CommandLine.USAGE),
                Arguments.of(List.of("redirect", "api"), "redirect only works inside batch", "httpcon batch"),
                Arguments.of(List.of("contenttype", "api"), "contenttype only works inside batch", "httpcon batch"),
                Arguments.of(List.of("counters"), "counters only works inside batch", "httpcon batch"),
                Arguments.of(List.of("--config"), "--config needs a file name", CommandLine.USAGE),
                Arguments.of(List.of("--config="), "--config needs a file name", CommandLine.USAGE),
                Arguments.of(List.of("-D=x", "listcon"), "-D needs a key", CommandLine.USAGE),
                Arguments.of(List.of("-D", "listcon"), "-D needs a key", CommandLine.USAGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void everyMistakeSaysWhatIsWrong(List<String> args, String message, String usage) {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse(args));
        assertTrue(e.getMessage().startsWith(message), () -> "message: " + e.getMessage());
        if (usage != null) {
            assertNotNull(e.usage());
            assertTrue(e.usage().contains(usage), () -> "usage: " + e.usage());
        }
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aBadHeaderValueIsRefusedWithoutRepeatingIt() {
        UsageException e = assertThrows(UsageException.class,
                () -> parse("connect", "api", "/x", "--header", "Authorization: Bearer tok\r\nX-Evil: 1"));
        assertTrue(e.getMessage().contains("CR, LF or NUL"), e.getMessage());
        assertFalse(e.getMessage().contains("tok"), e.getMessage());
    }

    @Test
    void anUnexpectedUrlArgumentIsShownWithoutItsPassword() {
        UsageException e = assertThrows(UsageException.class,
                () -> parse("query", "http://h/", "http://ann:pa55word@h/"));
        assertFalse(e.getMessage().contains("pa55word"), e.getMessage());
        assertTrue(e.getMessage().contains("ann:****@h"), e.getMessage());
    }

    @Test
    void batchLinesTakeTheBatchOnlyCommandsAndNoGlobalOptions() throws UsageException {
        assertEquals(new Command.Redirect("api"), CommandLine.batchLine(List.of("redirect", "api")));
        assertEquals(new Command.ContentType("api"), CommandLine.batchLine(List.of("contenttype", "api")));
        assertEquals(new Command.Counters(), CommandLine.batchLine(List.of("counters")));
        assertEquals(new Command.Listcon(true), CommandLine.batchLine(List.of("listcon", "--json")));
        assertInstanceOf(Command.Connect.class, CommandLine.batchLine(List.of("connect", "a", "/")));
        for (List<String> bad : List.of(List.of("demo"), List.of("batch"), List.of("help"),
                List.of("connect", "a", "/", "--config", "x"), List.of("connect", "a", "/", "-Dk=v"),
                List.of("listcon", "-v"), List.of("redirect"), List.of("redirect", "a", "b"),
                List.of("contenttype"), List.of("counters", "x"))) {
            UsageException e = assertThrows(UsageException.class, () -> CommandLine.batchLine(bad), bad::toString);
            assertFalse(e.getMessage().isBlank());
        }
        UsageException global = assertThrows(UsageException.class,
                () -> CommandLine.batchLine(List.of("connect", "a", "/", "--config", "x")));
        assertTrue(global.getMessage().contains("only allowed on the command line"), global.getMessage());
    }
}
