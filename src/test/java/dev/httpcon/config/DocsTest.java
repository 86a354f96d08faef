package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every key the loader reads. */
class DocsTest {

    @Test
    void everyKeyAndSpellingIsInTheReference() throws IOException {
        String doc = Files.readString(Path.of("docs/configuration.md"));
        List<String> missing = new ArrayList<>();
        for (Param p : Param.values()) {
            List<String> mainKeys = new ArrayList<>();
            Set<String> spellings = new LinkedHashSet<>();
            if (p.globalKey() != null) {
                mainKeys.add(p.globalKey());
                spellings.addAll(p.globalSpellings());
            }
            if (p.connectionKey() != null) {
                mainKeys.add(p.connectionKey());
                spellings.addAll(p.connectionSpellings());
            }
            for (String key : mainKeys) {
                if (!doc.contains("| `" + key + "`")) {
                    missing.add(key);
                }
            }
            spellings.removeAll(mainKeys);
            for (String alias : spellings) {
                if (!doc.contains("(also `" + alias + "`)")) {
                    missing.add(alias);
                }
            }
        }
        assertEquals(List.of(), missing, "keys without a row in a reference table");
    }
}
