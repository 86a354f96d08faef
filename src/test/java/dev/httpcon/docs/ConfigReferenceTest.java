package dev.httpcon.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The key tables of docs/configuration.md (the one copy of them) give every key its environment
 * variable, and the name is MicroProfile Config's mapping of the key: every character other than
 * a letter or digit as {@code _}, upper case. A row added without it, or with a wrong name, fails.
 */
class ConfigReferenceTest {

    private static final Pattern KEY = Pattern.compile("`([^`]+)`");

    @Test
    void everyKeyHasItsEnvironmentVariable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/configuration.md"), StandardCharsets.UTF_8);
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        String table = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("| Key | Type | Default |")) {
                table = "global";
                check(line, "| Key | Type | Default | Environment variable | Meaning | Original |", i, wrong);
                continue;
            }
            if (line.startsWith("| Parameter | Type | Global (else default) |")) {
                table = "connection";
                check(line, "| Parameter | Type | Global (else default) | Environment variable | Meaning | Original |", i,
                        wrong);
                continue;
            }
            if (table == null || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("| ")) {
                table = null;
                continue;
            }
            rows++;
            String[] cells = line.split(" \\| ");
            Matcher key = KEY.matcher(cells[0]);
            if (!key.find() || cells.length != 6) {
                wrong.add("docs/configuration.md:" + (i + 1) + ": expected 6 cells, the first a `key`: " + line);
                continue;
            }
            String expected = "`" + environmentName(table, key.group(1)) + "`";
            if (!cells[3].equals(expected)) {
                wrong.add("docs/configuration.md:" + (i + 1) + ": " + key.group(1) + " has " + cells[3] + ", expected "
                        + expected);
            }
        }
        assertTrue(rows > 40, "the key tables were not found: " + rows + " rows");
        assertEquals("", String.join("\n", wrong));
    }

    /** MicroProfile Config's environment variable name of a global key or of a connection parameter. */
    static String environmentName(String table, String key) {
        if (table.equals("global")) {
            return "HTTPCLIENT_" + mapped(key);
        }
        // a placeholder such as header.<Header-Name> keeps its angle brackets, mapped inside
        StringBuilder sb = new StringBuilder("HTTPCLIENT_CONNECTION_<NAME>_");
        Matcher m = Pattern.compile("<([^>]+)>").matcher(key);
        int at = 0;
        while (m.find()) {
            sb.append(mapped(key.substring(at, m.start()))).append('<').append(mapped(m.group(1))).append('>');
            at = m.end();
        }
        return sb.append(mapped(key.substring(at))).toString();
    }

    private static String mapped(String s) {
        return s.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static void check(String line, String expected, int i, List<String> wrong) {
        if (!line.equals(expected)) {
            wrong.add("docs/configuration.md:" + (i + 1) + ": header should be " + expected);
        }
    }

    @Test
    void theMappingIsMicroprofileConfigs() {
        assertEquals("HTTPCLIENT_HTTPREDIRECT", environmentName("global", "httpredirect"));
        assertEquals("HTTPCLIENT_CONNECTION_<NAME>_REST_CLIENTS", environmentName("connection", "rest-clients"));
        assertEquals("HTTPCLIENT_CONNECTION_<NAME>_HEADER_<HEADER_NAME>",
                environmentName("connection", "header.<Header-Name>"));
    }
}
