package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.httpcon.testing.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static final Pattern INI_BLOCK = Pattern.compile("```ini\n(.*?)```", Pattern.DOTALL);
    private static final Pattern FILE_NAME = Pattern.compile("(?m)^(client_key|client_cert|cacert)\\s*=\\s*(\\S+)\\s*$");

    /**
     * Every INI example of the reference loads as written, next to the key and certificate files
     * it names. The null override's example, with a comment after each quoted value, failed to
     * load before comments after a closing quote were recognised.
     */
    @Test
    void everyIniExampleOfTheReferenceLoads(@TempDir Path dir) throws IOException {
        String doc = Files.readString(Path.of("docs/configuration.md"));
        Matcher m = INI_BLOCK.matcher(doc);
        TestCerts.Issued client = TestCerts.ca("Docs CA").client("docs");
        int blocks = 0;
        while (m.find()) {
            Path block = Files.createDirectories(dir.resolve("block" + blocks++));
            Matcher files = FILE_NAME.matcher(m.group(1));
            while (files.find()) {
                Path file = block.resolve(files.group(2));
                if (files.group(1).equals("client_key")) {
                    client.writeKey(file);
                } else {
                    client.writeCert(file);
                }
            }
            Path cfg = Files.writeString(block.resolve("connections.cfg"), m.group(1));
            HttpConSettings s = Load.ok("httpclient.config_file", cfg.toString(),
                    "httpclient.httpproxy", "proxy.example.com:3128");
            assertFalse(s.connections().isEmpty(), m.group(1));
            if (s.connections().containsKey("direct")) {
                ConnectionSettings direct = s.connection("direct");
                assertNull(direct.proxy(), "httpproxy = \"\" # ... is the null override, the comment left out");
                assertNull(direct.tls().clientCert());
            }
        }
        assertEquals(true, blocks >= 2, "the reference has INI examples: " + blocks);
    }
}
