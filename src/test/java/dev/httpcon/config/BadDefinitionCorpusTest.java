package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed definitions: each gives one specific problem that names its key, and
 * never shows a password.
 */
class BadDefinitionCorpusTest {

    @TempDir
    static Path dir;

    static Stream<BadDefinitions.Case> corpus() {
        return BadDefinitions.all(dir).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachMistakeIsOneProblemNamingItsKey(BadDefinitions.Case c) {
        ConfigValidationException e = Load.failing(c.properties());

        assertEquals(1, e.problems().size(), e.getMessage());
        ConfigProblem p = e.problems().get(0);
        assertTrue(p.key().endsWith(c.key()) || p.expected().contains(c.key()),
                "the problem names the key '" + c.key() + "': " + p);
        assertTrue(p.toString().contains(c.expected()), "the problem says '" + c.expected() + "': " + p);
        assertFalse(e.getMessage().contains(BadDefinitions.SECRET), e.getMessage());
    }

    @Test
    void theCorpusCoversEveryKindAskedFor() {
        List<BadDefinitions.Case> all = BadDefinitions.all(dir);
        assertTrue(all.size() >= 40, "cases: " + all.size());
        assertEquals(List.of("boolean", "crlf", "cycle", "duplicate", "duration", "enum", "file", "huge", "number", "path",
                "unicode", "url"), all.stream().map(BadDefinitions.Case::category).distinct().sorted().toList());
    }
}
