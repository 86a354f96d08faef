package dev.httpcon.cli;

/**
 * The configuration cannot be used: exit code 3, the message (httpcon's validation message,
 * {@code HTTPCON-001 ...}, when the extension found the problems) printed as it is, without a
 * stack trace.
 */
final class InvalidConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidConfigException(String message) {
        super(message, null, false, false);
    }
}
