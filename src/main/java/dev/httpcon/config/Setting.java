package dev.httpcon.config;

import java.util.Objects;

/**
 * One value as written: the parameter, the text and where it was written (the key, or the file
 * and line), so that a problem points at the place to fix.
 *
 * <p>An empty value is the manual's null override: {@code ""} (two double quotes) means "no value
 * of my own and not the global one either: the built-in default" (no proxy, no client
 * certificate, the default timeout, ...).
 */
record Setting(Param param, String value, String where) {

    Setting {
        Objects.requireNonNull(param, "param must be set");
        Objects.requireNonNull(value, "value must be set");
        Objects.requireNonNull(where, "where must be set");
    }

    /** Whether this is the null override ({@code ""}). */
    boolean isReset() {
        return value.isEmpty();
    }

    /** The value as it may appear in a message: passwords and URL credentials masked. */
    String shown() {
        return param.mask(value);
    }
}
