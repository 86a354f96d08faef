package dev.httpcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Shell-like splitting of batch lines, and quoting words back. */
class ShellWordsTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("connect api /x", List.of("connect", "api", "/x")),
                Arguments.of("  connect \t api   /x  ", List.of("connect", "api", "/x")),
                Arguments.of("connect api /x\r", List.of("connect", "api", "/x")),
                Arguments.of("", List.of()),
                Arguments.of("   ", List.of()),
                Arguments.of("# a comment", List.of()),
                Arguments.of("listcon # the rest is a comment", List.of("listcon")),
                Arguments.of("connect api /a#b", List.of("connect", "api", "/a#b")),
                Arguments.of("connect api '/a#b c'", List.of("connect", "api", "/a#b c")),
                Arguments.of("--data 'it'\\''s'", List.of("--data", "it's")),
                Arguments.of("--data \"a \\\"b\\\" \\\\ \\$x \\`y\\`\"", List.of("--data", "a \"b\" \\ $x `y`")),
                Arguments.of("--data \"keep \\n and \\t\"", List.of("--data", "keep \\n and \\t")),
                Arguments.of("--data 'no \\escapes \"here\"'", List.of("--data", "no \\escapes \"here\"")),
                Arguments.of("a\\ b c\\'d \\#e", List.of("a b", "c'd", "#e")),
                Arguments.of("'' \"\" x''", List.of("", "", "x")),
                Arguments.of("--header='X-A: 1' --header=\"X-B: 2\"", List.of("--header=X-A: 1", "--header=X-B: 2")),
                Arguments.of("pre'mid'\"dle\"post", List.of("premiddlepost")),
                Arguments.of("$HOME * | > ;", List.of("$HOME", "*", "|", ">", ";")),
                Arguments.of("--data '{\"user\":\"bob\"}'", List.of("--data", "{\"user\":\"bob\"}")),
                Arguments.of("é 😀", List.of("é", "😀")));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("lines")
    void splits(String line, List<String> words) throws UsageException {
        assertEquals(words, ShellWords.split(line));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"connect 'open", "connect \"open", "connect \"a\\\"", "ends with \\", "'a''b"})
    void refusesUnfinishedLines(String line) {
        UsageException e = assertThrows(UsageException.class, () -> ShellWords.split(line));
        assertTrue(e.getMessage().contains("quote") || e.getMessage().contains("backslash"), e.getMessage());
    }

    @Test
    void quotesOnlyWhatNeedsIt() {
        assertEquals("connect", ShellWords.quote("connect"));
        assertEquals("/a/b.c_d-e:1@x,y=z%20+", ShellWords.quote("/a/b.c_d-e:1@x,y=z%20+"));
        assertEquals("'/route?user=alice'", ShellWords.quote("/route?user=alice"));
        assertEquals("''", ShellWords.quote(""));
        assertEquals("'it'\\''s'", ShellWords.quote("it's"));
        assertEquals("'a b'", ShellWords.quote("a b"));
    }

    @Test
    void joinedWordsSplitBackToTheSameWords() throws UsageException {
        Random random = new Random(7);
        String alphabet = "ab '\"\\#$*?;|&\t=-/:é😀";
        for (int n = 0; n < 2_000; n++) {
            List<String> words = new ArrayList<>();
            for (int w = random.nextInt(5); w >= 0; w--) {
                StringBuilder sb = new StringBuilder();
                for (int c = random.nextInt(6); c > 0; c--) {
                    int i = random.nextInt(alphabet.length());
                    sb.append(alphabet.charAt(i));
                    if (Character.isHighSurrogate(alphabet.charAt(i))) {
                        sb.append(alphabet.charAt(i + 1));
                    }
                }
                words.add(sb.toString());
            }
            String line = ShellWords.join(words);
            assertEquals(words, ShellWords.split(line), line);
        }
    }
}
