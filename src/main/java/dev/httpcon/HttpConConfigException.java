package dev.httpcon;

import java.util.List;
import java.util.Objects;

/**
 * The configuration of httpcon is invalid: thrown once, when httpcon starts (a CDI deployment, or
 * {@code StandaloneHttpCon.start(...)}), with every problem found, so one attempt shows
 * everything to fix. Nothing is started.
 *
 * <pre>{@code
 * try (StandaloneHttpCon http = StandaloneHttpCon.fromClasspath()) {
 *     ...
 * } catch (HttpConConfigException e) {
 *     e.problemLines().forEach(System.err::println);
 *     // httpclient.connection.api.timeout = 'soon': expected a duration like 2, 2s or 1500ms
 * }
 * }</pre>
 *
 * <p>The message starts with {@code HTTPCON-001} and lists the problems one per line; a secret's
 * value never appears in it.
 */
public class HttpConConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problemLines;

    /**
     * @param message      the whole message
     * @param problemLines each problem as one line naming the key, where it was written, the value
     *                     (masked if secret) and what was expected
     */
    protected HttpConConfigException(String message, List<String> problemLines) {
        super(message);
        this.problemLines = List.copyOf(Objects.requireNonNull(problemLines, "problemLines must be set"));
    }

    /** Every problem found, one line each, in the order found. */
    public List<String> problemLines() {
        return problemLines;
    }
}
