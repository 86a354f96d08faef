package dev.httpcon.it.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.config.BadDefinitions;
import dev.httpcon.it.support.ConfigScope;
import dev.httpcon.it.support.WeldSe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.se.SeContainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sample of the bad-definition corpus (every third case, so every kind is represented) through a
 * real Weld SE deployment, with the definitions in a {@code microprofile-config.properties} read by
 * SmallRye Config: the deployment fails with the problem naming the key, and no password shows.
 */
class DefinitionCorpusIT {

    @TempDir
    static Path dir;

    /** A bean without httpcon injection points: the extension alone must fail the deployment. */
    @ApplicationScoped
    public static class Bystander {
    }

    static Stream<BadDefinitions.Case> sample() {
        List<BadDefinitions.Case> all = BadDefinitions.all(dir);
        return IntStream.range(0, all.size()).filter(i -> i % 3 == 0).mapToObj(all::get);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sample")
    void theDeploymentFailsNamingTheKey(BadDefinitions.Case c) {
        String message;
        try (ConfigScope scope = ConfigScope.of(properties(c.properties()))) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> {
                try (SeContainer container = WeldSe.boot(scope, Bystander.class)) {
                    container.getBeanManager();
                }
            });
            StringBuilder all = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                all.append(t.getMessage()).append('\n');
            }
            message = all.toString();
        }
        assertTrue(message.contains("HTTPCON-001"), message);
        String key = c.key().length() > 40 ? c.key().substring(c.key().length() - 40) : c.key();
        assertTrue(message.contains(key), "the key '" + c.key() + "' is named:\n" + message);
        assertTrue(message.contains(c.expected()), "'" + c.expected() + "' is said:\n" + message);
        assertFalse(message.contains(BadDefinitions.SECRET), message);
    }

    /** The text of a properties file holding {@code props}: backslashes, line breaks and non-ASCII escaped. */
    static String properties(Map<String, String> props) {
        StringBuilder sb = new StringBuilder();
        props.forEach((k, v) -> sb.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
        return sb.toString();
    }

    private static String escape(String s, boolean key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '=', ':', '#', '!' -> sb.append(key || i == 0 ? "\\" + c : String.valueOf(c));
                case ' ' -> sb.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
