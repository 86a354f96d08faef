package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link ConfigKeys#listName}, a loop for boot speed, against the regular expression it replaces. */
class ConfigKeysTest {

    private static final Pattern INDEXED = Pattern.compile("(.+)\\[[0-9]+]");

    @Test
    void anIndexedElementNamesItsList() {
        for (String name : List.of("httpcon[0]", "httpcon[123]", "connections[7]", "a[1][2]", "a[x][2]", "[1]",
                "a[]", "a[1", "a1]", "a[-1]", "a[1]b", "a[ 1]", "", "]", "[", "httpcon", "a[[1]]", "a]1[")) {
            Matcher m = INDEXED.matcher(name);
            assertEquals(m.matches() ? m.group(1) : null, ConfigKeys.listName(name), name);
        }
        assertEquals("httpcon", ConfigKeys.listName("httpcon[9999]"));
    }
}
