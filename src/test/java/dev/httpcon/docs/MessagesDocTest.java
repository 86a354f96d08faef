package dev.httpcon.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/messages.md has a row for every HTTPCON-nnn code the library's sources can produce, and no other. */
class MessagesDocTest {

    private static final Pattern CODE = Pattern.compile("HTTPCON-(\\d{3})");

    @Test
    void everyCodeHasItsRow() throws IOException {
        Set<String> inCode = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CODE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    inCode.add("HTTPCON-" + m.group(1));
                }
            }
        }
        assertFalse(inCode.isEmpty(), "no HTTPCON codes found in the sources");
        String doc = Files.readString(Path.of("docs/messages.md"), StandardCharsets.UTF_8);
        Set<String> rows = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (HTTPCON-\\d{3}) \\|").matcher(doc);
        while (row.find()) {
            rows.add(row.group(1));
        }
        List<String> missing = new ArrayList<>(inCode);
        missing.removeAll(rows);
        List<String> stale = new ArrayList<>(rows);
        stale.removeAll(inCode);
        assertEquals(List.of(), missing, "codes without a row in docs/messages.md");
        assertEquals(List.of(), stale, "rows for codes the library no longer has");
    }
}
