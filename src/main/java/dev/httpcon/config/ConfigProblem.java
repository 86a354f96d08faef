package dev.httpcon.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration: the key (with where it was written), the value found
 * (already masked if the key holds a secret) and what was expected.
 *
 * <p>Example: {@code httpclient.connection.api.timeout = 'soon': expected a duration like 2, 2s or 1500ms}
 */
public record ConfigProblem(String key, String value, String expected) {
    public ConfigProblem {
        Objects.requireNonNull(key, "key must be set");
        Objects.requireNonNull(expected, "expected must be set");
    }

    @Override
    public String toString() {
        return value == null ? key + ": " + expected : key + " = '" + value + "': " + expected;
    }
}
