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

    /**
     * A value from an httpcon line or INI file, without its optional double quotes; null if the
     * quotes are unbalanced (the problem recorded, with the value masked as its parameter needs).
     */
    static Setting unquoted(Param param, String raw, String where, Problems problems) {
        try {
            return new Setting(param, Values.unquote(raw), where);
        } catch (BadValue e) {
            problems.add(new Setting(param, raw, where), e.getMessage());
            return null;
        }
    }

    /** Whether this is the null override ({@code ""}). */
    boolean isReset() {
        return value.isEmpty();
    }

    /** Longer values are cut in messages: a megabyte of text helps nobody find a mistake. */
    private static final int SHOWN_MAX = 200;

    /** The value as it may appear in a message: passwords and URL credentials masked, long values cut. */
    String shown() {
        String masked = param.mask(value);
        return masked.length() <= SHOWN_MAX ? masked
                : masked.substring(0, SHOWN_MAX) + "... (" + masked.length() + " characters)";
    }
}
