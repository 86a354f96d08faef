package dev.httpcon.config;

import java.util.Objects;

/**
 * A password or other secret from configuration. Its {@link #toString()} is always {@code ****}, so
 * a secret cannot reach a log line, an exception message or a listing by accident; only
 * {@link #reveal()} gives the value, and only the engine calls it, to authenticate.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a secret value; {@code null} gives {@code null}. */
    public static Secret of(String value) {
        return value == null ? null : new Secret(value);
    }

    /** The secret itself. Never log or print it. */
    public String reveal() {
        return value;
    }

    /** Whether the secret is the empty string. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && value.equals(s.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "****";
    }
}
