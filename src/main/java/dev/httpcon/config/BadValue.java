package dev.httpcon.config;

/**
 * A value that does not parse. The message says what was expected and never repeats the value
 * nor anything made of it (a file name, a port, a scheme): the value may hold part of a password.
 * A message that helps more by naming such a detail is given as {@link #withValue()}, which a
 * problem shows only for a value known to hold no password ({@link Setting#mayShowValue()}).
 * Thrown and caught inside the loader only; no stack trace, since it is an expected outcome and
 * thousands of definitions may be checked.
 */
final class BadValue extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String withValue;

    /** @param expected what was expected, without the value or anything made of it */
    BadValue(String expected) {
        this(expected, null);
    }

    /**
     * @param expected  what was expected, without the value or anything made of it
     * @param withValue the same, naming what was made of the value (a path, a port, a name)
     */
    BadValue(String expected, String withValue) {
        super(expected, null, false, false);
        this.withValue = withValue;
    }

    /** The message naming what was made of the value, or {@link #getMessage()} when there is none. */
    String withValue() {
        return withValue != null ? withValue : getMessage();
    }
}
