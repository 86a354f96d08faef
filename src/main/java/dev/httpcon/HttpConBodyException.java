package dev.httpcon;

import java.util.Objects;

/**
 * A response body could not be read as asked ({@link HttpResult#bodyAs(Class)}): there was no
 * complete body (a transport error, a body cut at {@code maxdatasize}, an empty body), or it was
 * not JSON of the type asked for.
 *
 * <pre>{@code
 * try {
 *     Route route = r.bodyAs(Route.class);
 * } catch (HttpConBodyException e) {
 *     log.warn(e.getMessage());   // names the connection, status, Content-Type, length and type
 *     HttpResult same = e.result();
 * }
 * }</pre>
 *
 * <p>The message never quotes the body (it may carry tokens or personal data): read
 * {@link HttpResult#bodyText()} to see it.
 */
public class HttpConBodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HttpResult result;

    /**
     * @param message what went wrong, without the body
     * @param result  the result whose body was read
     */
    public HttpConBodyException(String message, HttpResult result) {
        super(message);
        this.result = Objects.requireNonNull(result, "result must be set");
    }

    /** The result whose body could not be read. */
    public HttpResult result() {
        return result;
    }
}
