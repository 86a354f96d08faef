package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test shorthand: load from key/value pairs, and find the problem a failed load reports for a place. */
final class Load {

    private Load() {
    }

    /** Properties from alternating keys and values, in order. */
    static Map<String, String> props(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static HttpConSettings ok(String... keyValues) {
        return SettingsLoader.load(new MapConfigView(props(keyValues)));
    }

    static HttpConSettings ok(Map<String, String> properties) {
        return SettingsLoader.load(new MapConfigView(properties));
    }

    static ConfigValidationException failing(String... keyValues) {
        return failing(props(keyValues));
    }

    static ConfigValidationException failing(Map<String, String> properties) {
        return assertThrows(ConfigValidationException.class, () -> SettingsLoader.load(new MapConfigView(properties)));
    }

    /** The one problem whose key is exactly {@code key}. */
    static ConfigProblem problemAt(ConfigValidationException e, String key) {
        List<ConfigProblem> found = e.problems().stream().filter(p -> p.key().equals(key)).toList();
        if (found.size() != 1) {
            fail("expected one problem at '" + key + "', found " + found.size() + " in:\n" + e.getMessage());
        }
        return found.get(0);
    }

    /** The one problem whose key ends with {@code suffix} (INI problems start with the file's absolute path). */
    static ConfigProblem problemEndingWith(ConfigValidationException e, String suffix) {
        List<ConfigProblem> found = e.problems().stream().filter(p -> p.key().endsWith(suffix)).toList();
        if (found.size() != 1) {
            fail("expected one problem ending with '" + suffix + "', found " + found.size() + " in:\n"
                    + e.getMessage());
        }
        return found.get(0);
    }
}
