package dev.httpcon.config;

import static dev.httpcon.config.Load.ok;
import static dev.httpcon.config.Load.problemAt;
import static dev.httpcon.config.Load.problemEndingWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertNull(problemAt(e, "httpclient.httpcon[1] (line) tiemout").value());
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
}
