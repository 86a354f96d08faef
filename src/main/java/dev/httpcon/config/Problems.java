package dev.httpcon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects every problem of one load, so that the loader fails once with all of them. */
final class Problems {

    private final List<ConfigProblem> list = new ArrayList<>();

    /** A problem at {@code where}; {@code shownValue} must already be masked (or null when there is no value). */
    void add(String where, String shownValue, String expected) {
        list.add(new ConfigProblem(where, shownValue, expected));
    }

    /** A problem with a value as written; {@code expected} must not contain the value nor anything made of it. */
    void add(Setting setting, String expected) {
        add(setting.where(), setting.shown(), expected);
    }

    /**
     * A problem with a value as written: {@code withValue} (which names what was made of the value:
     * a file, a name) when the value may be shown, else {@code expected}, which does not.
     */
    void add(Setting setting, String expected, String withValue) {
        add(setting.where(), setting.shown(), setting.mayShowValue() ? withValue : expected);
    }

    /** A problem with a value that did not parse. */
    void add(Setting setting, BadValue e) {
        add(setting, e.getMessage(), e.withValue());
    }

    /**
     * The parsed value of a setting: the parameter's built-in default for the null override
     * ({@code ""}), or {@code fallback} when the value is invalid (the problem recorded), so that
     * checking can go on and find the other problems.
     */
    Object parse(Setting setting, Object fallback) {
        if (setting.isReset()) {
            return setting.param().defaultValue();
        }
        try {
            return setting.param().parse(setting.value());
        } catch (BadValue e) {
            add(setting, e);
            return fallback;
        }
    }

    /** The value of {@code param}: parsed from {@code settings} when set there, else {@code inherited}. */
    Object valueOf(Map<Param, Setting> settings, Param param, Object inherited) {
        Setting own = settings.get(param);
        return own == null ? inherited : parse(own, inherited);
    }

    /** How many problems so far: callers compare counts to see whether a step added any. */
    int count() {
        return list.size();
    }

    /** @throws ConfigValidationException if any problem was found */
    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new ConfigValidationException(list);
        }
    }
}
