package dev.httpcon.engine;

import dev.httpcon.HttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * A request's body as HttpClient sends it: written straight from the request, never copied, as
 * often as the attempt sends it (a 307/308 hop, the re-send after a stale pooled connection).
 * Stateless, so one serves every hop of an attempt.
 */
final class RequestBody extends AbstractHttpEntity {

    private final HttpRequest request;

    private RequestBody(HttpRequest request) {
        // no Content-Type here: the loop sends the caller's, or none
        super((String) null, null);
        this.request = request;
    }

    /** The body of {@code request}, or {@code null} when it has none. */
    static RequestBody of(HttpRequest request) {
        return request.hasBody() ? new RequestBody(request) : null;
    }

    @Override
    public long getContentLength() {
        return request.bodyLength();
    }

    @Override
    public InputStream getContent() {
        return request.bodyStream();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        request.writeBody(out);
        out.flush();
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public void close() {
        // nothing held
    }
}
