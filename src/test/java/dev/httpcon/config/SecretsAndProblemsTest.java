package dev.httpcon.config;

import static dev.httpcon.config.Load.ok;
import static dev.httpcon.config.Load.problemAt;
import static dev.httpcon.config.Load.problemEndingWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All problems of all forms in one failure, and no password anywhere it could be read. */
class SecretsAndProblemsTest {

    @TempDir
    Path dir;

    @Test
    void passwordsNeverAppearInSettingsTexts() throws IOException {
        Path ini = Files.writeString(dir.resolve("c.cfg"), "[ini]\nurl = http://h\nusername = u\npassword = secret-ini\n");
        HttpConSettings s = ok(
                "httpclient.config_file", ini.toString(),
                "httpclient.httpcon", "line=>http://u:secret-url@h/api;username=x,param=>http://h;password=secret-param",
                "httpclient.connection.prop.url", "http://h",
                "httpclient.connection.prop.password", "secret-prop");
        String texts = s.toString() + s.globals() + s.connections().values();
        for (String secret : new String[] {"secret-ini", "secret-url", "secret-param", "secret-prop"}) {
            assertFalse(texts.contains(secret), secret + " in: " + texts);
        }
        assertEquals("secret-url", s.connection("line").password().reveal());
        assertEquals("****", s.connection("line").password().toString());
    }

    @Test
    void everyProblemOfEveryFormIsReportedAtOnceWithoutSecrets() throws IOException {
        Path ini = Files.writeString(dir.resolve("bad.cfg"), String.join("\n",
                "[ini]",
                "url = http://u:topsecret-ini-url@h/#fragment",
                "password = \"topsecret-unclosed",
                "passwd = topsecret-unknown-key",
                "timeout = later",
                ""));
        Map<String, String> props = Load.props(
                "httpclient.config_file", ini.toString(),
                "httpclient.httpcon[0]", "noarrow http://u:topsecret-noarrow@h",
                "httpclient.httpcon[1]", "line=>ftp://u:topsecret-ftp@h;password=topsecret-param;tiemout=1",
                "httpclient.connection.prop.url", "http://h",
                "httpclient.connection.prop.password", "topsecret\twith-tab",
                "httpclient.passwrd", "topsecret-global",
                "httpclient.maxdatasize", "lots");

        ConfigValidationException e = assertThrows(ConfigValidationException.class,
                () -> SettingsLoader.load(new MapConfigView(props)));

        assertEquals("http://u:****@h/#****", problemEndingWith(e, ":2 [ini] url").value());
        assertEquals("****", problemEndingWith(e, ":3 [ini] password").value());
        assertNull(problemEndingWith(e, ":4 [ini] passwd").value());
        assertEquals("later", problemEndingWith(e, ":5 [ini] timeout").value());
        assertEquals("noarrow http://u:****@h", problemAt(e, "httpclient.httpcon[0]").value());
        assertEquals("ftp://u:****@h", problemAt(e, "httpclient.httpcon[1] (line) url").value());
        // after ;password= the rest of the line may be the password cut by a ';': even the key is not shown
        assertEquals("unknown parameter", problemAt(e, "httpclient.httpcon[1] (line) ****").expected());
        ConfigProblem tab = problemAt(e, "httpclient.connection.prop.password");
        assertEquals("****", tab.value());
        assertEquals("expected text without control characters (tabs, line breaks)", tab.expected());
        assertNull(problemAt(e, "httpclient.passwrd").value());
        assertEquals("lots", problemAt(e, "httpclient.maxdatasize").value());
        assertEquals(10, e.problems().size(), e.getMessage());
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
        assertFalse(e.problems().toString().contains("topsecret"));
        assertEquals(e.getMessage().lines().count(), 11, "a headline and one line per problem");
    }

    /** The issue's example: the ';' in the password cut the line and 'http://u:pa' was shown. */
    @Test
    void aPasswordCutByTheLineSplitShowsNoPart() {
        ConfigValidationException e = Load.failing("httpclient.httpcon", "api=>http://u:pa;ss@host/x");

        assertEquals("http://u:****", problemAt(e, "httpclient.httpcon[0] (api) url").value());
        assertFalse(e.getMessage().contains("u:pa"), e.getMessage());
        assertFalse(e.getMessage().contains("ss@"), e.getMessage());
    }

    @Test
    void aPasswordCutByTheListSplitShowsNeitherHalf() {
        ConfigValidationException url = Load.failing("httpclient.httpcon", "api=>http://u:Half1,Half2@host/x");
        ConfigValidationException param = Load.failing("httpclient.httpcon",
                "api=>http://host/x;username=u;password=Half1,Half2;timeout=2,b=>http://h2");

        for (ConfigValidationException e : List.of(url, param)) {
            assertFalse(e.getMessage().contains("Half"), e.getMessage());
        }
        assertEquals("http://u:****", problemAt(url, "httpclient.httpcon[0] (api) url").value());
        assertEquals("****@host/x", problemAt(url, "httpclient.httpcon[1]").value(), "the second half, a line of its own");
        assertEquals("****", problemAt(param, "httpclient.httpcon[1]").value());
    }

    @Test
    void whatFollowsAPasswordInALineIsNotShownNorWhatIsMadeOfIt() throws IOException {
        ConfigValidationException e = Load.failing("httpclient.httpcon",
                "api=>http://h/x;password=pw;failover=Secret-Tail;client_cert=/Secret/Path.pem;tiemout=1");

        // after ;password= a ';' may have cut the password: keys and values are ****, and the
        // messages say what was expected without naming what was made of the value
        assertEquals(List.of("unknown parameter", "file not found (an absolute name)",
                        "no connection of that name; defined: [api]"),
                e.problems().stream().map(ConfigProblem::expected).toList());
        assertTrue(e.problems().stream().allMatch(p -> p.key().equals("httpclient.httpcon[0] (api) ****")),
                e.getMessage());
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());

        // without a password before them the same values are shown, with what was made of them
        ConfigValidationException plain = Load.failing("httpclient.httpcon",
                "api=>http://h/x;failover=nosuch;client_cert=/Secret/Path.pem;tiemout=1");
        assertTrue(problemAt(plain, "httpclient.httpcon[0] (api) failover").expected()
                .startsWith("no connection named 'nosuch'"));
        assertTrue(problemAt(plain, "httpclient.httpcon[0] (api) client_cert").expected()
                .startsWith("file not found: /Secret/Path.pem"));
        assertTrue(problemAt(plain, "httpclient.httpcon[0] (api) tiemout").expected().startsWith("unknown parameter"));
    }

    @Test
    void anIniPasswordWithCommentCharactersAndCommentedPasswords() throws IOException {
        Path ini = Files.writeString(dir.resolve("pw.cfg"), String.join("\n",
                "# old: password = Old-Secret-1",
                "; password = Old-Secret-2",
                "[a]",
                "url = http://u:Url;Secret#3@h:99999/x",
                "password = ;Param#Secret=4",
                "passwrd = Misspelt-Secret-5",
                "timeout = soon",
                ""));
        ConfigValidationException e = Load.failing("httpclient.config_file", ini.toString());

        assertEquals("http://u:****@h:99999/x", problemEndingWith(e, ":4 [a] url").value());
        assertTrue(problemEndingWith(e, ":4 [a] url").expected().startsWith("no host name could be read"));
        assertEquals("soon", problemEndingWith(e, ":7 [a] timeout").value());
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
    }

    @Test
    void perKeyPasswordsAndUrlsShowNoPart() {
        ConfigValidationException e = Load.failing(
                "httpclient.connection.a.url", "http://u:Url,Secret;1@h/x#frag",
                "httpclient.connection.a.password", "Key;Secret,2\n",
                "httpclient.connection.b.url", "http://u:Path/Secret@h:99999/x",
                "httpclient.connection.b.passwd", "Misspelt-Secret");

        assertEquals("http://u:****@h/x#****", problemAt(e, "httpclient.connection.a.url").value());
        assertEquals("****", problemAt(e, "httpclient.connection.a.password").value());
        assertEquals("http://u:****@h:99999/x", problemAt(e, "httpclient.connection.b.url").value());
        assertNull(problemAt(e, "httpclient.connection.b.passwd").value());
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
    }

    /**
     * http://u:80/pw@h parses as host u, port 80 and a path, where the original saw user u,
     * password 80/pw and host h: refused, so the password is neither sent elsewhere nor shown.
     */
    @Test
    void anAtAfterHostAndPortIsAmbiguousAndRefused() {
        ConfigValidationException e = Load.failing("httpclient.httpcon", "a=>http://u:80/Secret@h/x",
                "httpclient.connection.b.url", "http://h:8080/users/me@example.com");

        assertTrue(problemAt(e, "httpclient.httpcon[0] (a) url").expected().startsWith("ambiguous"));
        assertTrue(problemAt(e, "httpclient.connection.b.url").expected().startsWith("ambiguous"));
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
        assertEquals(java.net.URI.create("http://h/users/me@example.com"),
                ok("httpclient.httpcon", "a=>http://h/users/me@example.com").connection("a").url(),
                "without a port, an '@' in the path is no credential");
    }
}
