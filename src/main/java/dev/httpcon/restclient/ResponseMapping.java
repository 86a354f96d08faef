package dev.httpcon.restclient;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a connection's {@link HttpResult} into the JAX-RS {@link Response} a request filter aborts
 * with. The entity is the body as an {@code InputStream}, which Rest Client implementations read
 * with their own {@code MessageBodyReader}s, after their response filters and
 * {@code ResponseExceptionMapper}s have seen the status and headers. Internal.
 */
final class ResponseMapping {

    /** The body is already de-chunked and complete: framing headers would describe another message. */
    private static final Set<String> FRAMING = Set.of("transfer-encoding", "connection", "keep-alive");

    private ResponseMapping() {
    }

    /**
     * Every header line as received, so a repeated header (e.g. {@code Set-Cookie}) has each of its
     * values under its name in {@code Response.getHeaders()}; the body without a copy.
     */
    static Response toResponse(HttpResult result) {
        Response.ResponseBuilder b = Response.status(result.status());
        for (HttpRequest.Header h : result.headers()) {
            if (!FRAMING.contains(h.name().toLowerCase(Locale.ROOT))) {
                b.header(h.name(), h.value());
            }
        }
        return b.entity(result.bodyStream()).build();
    }
}
