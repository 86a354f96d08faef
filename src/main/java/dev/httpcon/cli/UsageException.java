package dev.httpcon.cli;

/**
 * A mistake in how the command was called: exit code 2 on the command line, an error object in
 * batch. The message says what is wrong; {@link #usage()} is the one-line usage of the command
 * concerned (or {@code null}).
 */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String usage;

    UsageException(String message) {
        this(message, null);
    }

    UsageException(String message, String usage) {
        super(message, null, false, false);
        this.usage = usage;
    }

    String usage() {
        return usage;
    }
}
