package dev.httpcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command's JSON writer: exact escapes, and every string survives a strict parse. */
class JsonTest {

    @ParameterizedTest(name = "U+{0} is written {1}")
    @CsvSource(delimiter = '|', value = {
        "0022 | \\\"",
        "005c | \\\\",
        "000a | \\n",
        "000d | \\r",
        "0009 | \\t",
        "0008 | \\b",
        "000c | \\f",
        "0000 | \\u0000",
        "0001 | \\u0001",
        "001b | \\u001b",
        "001f | \\u001f",
        "007f | \\u007f",
        "2028 | \\u2028",
        "2029 | \\u2029",
        "d800 | \\ud800",
        "dbff | \\udbff",
        "dc00 | \\udc00",
        "dfff | \\udfff",
        "002f | /",
        "00e9 | é",
        "0020 | ' '",
    })
    void escapesEachCharacterThatNeedsIt(String hex, String expected) {
        String s = String.valueOf((char) Integer.parseInt(hex, 16));
        assertEquals("\"" + expected + "\"", Json.write(s));
    }

    @Test
    void keepsCharactersOutsideTheBmpAsTheyAre() {
        String emoji = new String(Character.toChars(0x1F600));   // a surrogate pair
        assertEquals("\"a" + emoji + "b\"", Json.write("a" + emoji + "b"));
        // a high surrogate followed by a high surrogate then a low one: the first is alone
        String broken = "\ud83d" + emoji;
        assertEquals("\"\\ud83d" + emoji + "\"", Json.write(broken));
        // a low surrogate before its high one: both alone
        assertEquals("\"\\ude00\\ud83d\"", Json.write("\ude00\ud83d"));
    }

    @Test
    void writesObjectsInInsertionOrderArraysNumbersAndLiterals() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", List.of(true, false));
        m.put("n", null);
        m.put("l", 9_000_000_000L);
        m.put("d", 1.5);
        m.put("nan", Double.NaN);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("big", new BigDecimal("1e3"));
        m.put("empty", Map.of());
        m.put("none", List.of());
        assertEquals("{\"z\":1,\"a\":[true,false],\"n\":null,\"l\":9000000000,\"d\":1.5,\"nan\":null,\"inf\":null,"
                + "\"big\":1000,\"empty\":{},\"none\":[]}", Json.write(m));
    }

    @Test
    void refusesValuesWithoutAJsonForm() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "x")));
    }

    @Test
    void everyStringSurvivesAStrictParserAndTheOutputIsOneLineOfValidUtf8() throws CharacterCodingException {
        Random random = new Random(20261127);
        for (int n = 0; n < 2_000; n++) {
            String s = randomString(random);
            String json = Json.write(Map.of("k", s, "list", List.of(s, s.length())));
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) dev.httpcon.testing.Json.parse(json);
            assertEquals(s, back.get("k"), () -> "round trip of " + codePoints(s));
            assertEquals(List.of(s, (long) s.length()), back.get("list"));
            assertFalse(json.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029),
                    () -> "raw control or line separator in " + json);
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(json));   // no lone surrogate
        }
    }

    @Test
    void escapedOutputParsesBackInALibraryIndependentWay() {
        // a fixed string with one of everything, checked against the escapes written by hand
        String s = "q\" b\\ \n\t\u0001 é \ud83d\ude00 \ud800";
        String json = Json.write(s);
        assertEquals("\"q\\\" b\\\\ \\n\\t\\u0001 é \ud83d\ude00 \\ud800\"", json);
        assertTrue(dev.httpcon.testing.Json.parse(json).equals(s));
    }

    private static String randomString(Random random) {
        int length = random.nextInt(12);
        StringBuilder sb = new StringBuilder();
        char[] interesting = {'"', '\\', '/', '\n', '\r', '\t', '\b', '\f', 0, 0x1f, 0x7f, 0x2028, 0x2029, 'é',
            0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffe, 'a', ' '};
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> sb.append(interesting[random.nextInt(interesting.length)]);
                case 1 -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 2 -> sb.append((char) random.nextInt(0x10000));
                default -> sb.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return sb.toString();
    }

    private static String codePoints(String s) {
        List<String> cps = new ArrayList<>();
        s.chars().forEach(c -> cps.add(Integer.toHexString(c)));
        return Arrays.toString(cps.toArray());
    }
}
