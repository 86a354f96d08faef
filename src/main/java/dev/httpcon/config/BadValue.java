package dev.httpcon.config;

/**
 * A value that does not parse. The message says what was expected and never repeats the value
 * (the caller adds it, masked when secret). Thrown and caught inside the loader only; no stack
 * trace, since it is an expected outcome and thousands of definitions may be checked.
 */
final class BadValue extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadValue(String expected) {
        super(expected, null, false, false);
    }
}
