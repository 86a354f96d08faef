package dev.httpcon.core;

import dev.httpcon.HttpResult;
import java.util.Locale;

/**
 * How an attempt ended, as every back end counts it ({@code httpcon.attempts} by outcome; the
 * original's {@code connok} is {@link #OK}, its {@code connfail} the two others).
 */
public enum Outcome {
    /** An answer below 500 (3xx and 4xx included: they never fail over). */
    OK,
    /** An answer of 500 or more. */
    SERVER_ERROR,
    /** No complete answer: a curl error. */
    TRANSPORT_ERROR;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The label value: {@code ok}, {@code server_error}, {@code transport_error}. */
    public String label() {
        return label;
    }

    /** The outcome of an attempt's result. */
    public static Outcome of(HttpResult result) {
        return result.code() >= 500 ? SERVER_ERROR : result.isFailure() ? TRANSPORT_ERROR : OK;
    }
}
