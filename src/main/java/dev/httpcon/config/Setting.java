package dev.httpcon.config;

import dev.httpcon.Redaction;
import java.util.Objects;

/**
 * One value as written: the parameter, the text (with what may be a password marked, see
 * {@link ConfigText}) and where it was written (the key, or the file and line), so that a problem
 * points at the place to fix.
 *
 * <p>An empty value is the manual's null override: {@code ""} (two double quotes) means "no value
 * of my own and not the global one either: the built-in default" (no proxy, no client
 * certificate, the default timeout, ...).
 */
record Setting(Param param, ConfigText text, String where) {

    Setting {
        Objects.requireNonNull(param, "param must be set");
        Objects.requireNonNull(text, "text must be set");
        Objects.requireNonNull(where, "where must be set");
    }

    /** A value from a source of its own (a per-key or global property). */
    Setting(Param param, String value, String where) {
        this(param, ConfigText.value(param, value), where);
    }

    /**
     * A default header's value from a source of its own (a per-key property): all of it a secret
     * when the header's name says it carries credentials ({@link dev.httpcon.Redaction#isSensitiveHeader}).
     */
    static Setting header(String headerName, String value, String where) {
        return new Setting(Param.HEADER, ConfigText.header(headerName, value), where);
    }

    /** The value as written. Only for parsing: a message shows {@link #shown()}. */
    String value() {
        return text.value();
    }

    /**
     * A value from an httpcon line or INI file, without its optional double quotes; null if the
     * quotes are unbalanced (the problem recorded, with the value masked as its parameter needs).
     */
    static Setting unquoted(Param param, ConfigText raw, String where, Problems problems) {
        try {
            return new Setting(param, raw.unquote(), where);
        } catch (BadValue e) {
            problems.add(new Setting(param, raw, where), e);
            return null;
        }
    }

    /** Whether this is the null override ({@code ""}). */
    boolean isReset() {
        return text.isEmpty();
    }

    /**
     * Whether the value, and what is made of it (a file name, a failover name), may appear in a
     * message: not for a password, nor for text that may hold part of one.
     */
    boolean mayShowValue() {
        return !param.isSecret() && !text.isMarked();
    }

    /** Longer values are cut in messages: a megabyte of text helps nobody find a mistake. */
    private static final int SHOWN_MAX = 200;

    /** The value as it may appear in a message: passwords and what may be one masked, URL queries too, long values cut. */
    String shown() {
        String masked = switch (param) {
            case PASSWORD, ZOOKEEPER_AUTH -> Redaction.MASK;
            case URL, HTTPPROXY -> Redaction.url(text.shown());
            default -> text.shown();
        };
        return masked.length() <= SHOWN_MAX ? masked
                : masked.substring(0, SHOWN_MAX) + "... (" + masked.length() + " characters)";
    }
}
