package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every key the loader reads. */
class DocsTest {

    @Test
    void everyKeyAndSpellingIsInTheReference() throws IOException {
        String doc = Files.readString(Path.of("docs/configuration.md"));
        List<String> missing = new ArrayList<>();
        for (Param p : Param.values()) {
            for (String alias : p.aliases()) {
                if (!doc.contains("(also `" + alias + "`)")) {
                    missing.add(alias);
                }
            }
            List<String> keys = new ArrayList<>();
            if (p.globalKey() != null) {
                keys.add(p.globalKey());
            }
            if (p.connectionKey() != null) {
                keys.add(p.connectionKey());
            }
            for (String key : keys) {
                if (!doc.contains("| `" + key + "`")) {
                    missing.add(key);
                }
            }
        }
        assertEquals(List.of(), missing, "keys without a row in a reference table");
    }
}
