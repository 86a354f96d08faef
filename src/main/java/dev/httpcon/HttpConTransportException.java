package dev.httpcon;

import java.io.IOException;
import java.util.Objects;

/**
 * A request on a named connection that got no complete HTTP response: the curl error the original
 * module would have returned, as an exception. A typed MicroProfile Rest Client bound to a
 * connection ({@code @Inject @HttpCon("billing") BillingApi}) throws a
 * {@code jakarta.ws.rs.ProcessingException} whose cause is this exception, as Rest Client
 * implementations do with the {@code IOException} of their own transport.
 *
 * <pre>{@code
 * try {
 *     Invoice i = billing.invoice(42);
 * } catch (ProcessingException e) {
 *     if (e.getCause() instanceof HttpConTransportException t) {
 *         log.warn("billing: " + t.error().code() + " " + t.error().text());   // 28 Timeout was reached
 *         HttpResult r = t.result();   // every attempt when failover happened: r.attempts()
 *     }
 * }
 * }</pre>
 *
 * <p>The message names the connection, the curl code, its text and the detail; it never carries
 * credentials or the body.
 */
public class HttpConTransportException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient HttpResult result;

    /**
     * @param connection the connection the request was sent on
     * @param result     a result whose {@link HttpResult#isTransportError()} is true
     */
    public HttpConTransportException(String connection, HttpResult result) {
        super(message(connection, result));
        this.result = Objects.requireNonNull(result, "result must be set");
        if (!result.isTransportError()) {
            throw new IllegalArgumentException("not a transport error: " + result);
        }
    }

    /**
     * The curl error ({@code code()} and {@code text()}), e.g. {@link CurlError#COULDNT_CONNECT};
     * {@code null} only for code -1 (a request with invalid arguments, never sent).
     */
    public CurlError error() {
        return result.error();
    }

    /** The original's return value: the curl code (1..99), or -1 for invalid arguments. */
    public int code() {
        return result.code();
    }

    /**
     * The whole result: the detail message, the status if one arrived before the failure (code 63
     * after {@code maxdatasize}), the attempts made when failover happened.
     */
    public HttpResult result() {
        return result;
    }

    private static String message(String connection, HttpResult result) {
        Objects.requireNonNull(result, "result must be set");
        StringBuilder sb = new StringBuilder("httpcon connection '").append(connection).append("': ")
                .append(result.code()).append(' ').append(result.errorText());
        if (result.message() != null) {
            sb.append(" (").append(result.message()).append(')');
        }
        if (!result.attempts().isEmpty()) {
            sb.append("; ").append(result.attempts().size()).append(" attempts, last by ").append(result.servedBy());
        }
        return sb.toString();
    }
}
