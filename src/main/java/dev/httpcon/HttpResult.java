package dev.httpcon;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one request on a connection gave: immutable, safe to share between threads.
 *
 * <p>{@link #code()} is the original module's return value: the HTTP status (100 and above), or a
 * libcurl error code (1..99) when no complete response arrived, or -1 for invalid arguments (such
 * as an unknown connection name in {@link HttpConnections#connect}). The HTTP status and the typed
 * {@link CurlError} are also available apart: a response cut at {@code maxdatasize} has code 63
 * and still tells its status.
 *
 * <pre>{@code
 * HttpResult r = api.post("/callroute", "application/json", json);
 * switch (r.code()) {
 *     case 200 -> route(r.bodyText());
 *     case 404 -> reject();
 *     default  -> log.warn("api: " + r.code() + " " + r.errorText() + " via " + r.servedBy());
 * }
 * }</pre>
 *
 * <p>The body is kept for every HTTP status (the original dropped it for 5xx) and is empty after
 * a transport error. {@link #toString()} never includes the body, and shows the effective URL
 * with its query values masked ({@link Redaction#url(URI)}); {@link #effectiveUrl()} is whole.
 */
public final class HttpResult {

    /** {@link #protocol()} of an HTTP/1.1 (or 1.0) response. */
    public static final String HTTP_1_1 = "HTTP/1.1";
    /** {@link #protocol()} of an HTTP/2 response. */
    public static final String HTTP_2 = "HTTP/2";

    private static final byte[] EMPTY = new byte[0];
    private static final String[] NO_LINES = new String[0];

    private final int code;
    private final int status;
    private final CurlError error;
    private final String message;
    private final byte[] body;
    private final String contentType;
    private final ResponseHeaders headers;
    private final URI effectiveUrl;
    private final List<RedirectHop> redirects;
    private final String servedBy;
    private final Duration elapsed;
    private final List<Attempt> attempts;
    private final String protocol;
    /** Set explicitly ({@link Builder#sent}), or {@code null}: then {@link #sent()} reads it from the code. */
    private final Boolean sent;

    private HttpResult(Builder b) {
        this.status = b.status;
        this.error = b.error == null && b.code >= 0 ? CurlError.OK : b.error;
        this.code = b.code;
        this.message = b.message;
        this.body = b.body == null ? EMPTY : b.body;
        this.contentType = b.contentType;
        this.headers = b.headers();
        this.effectiveUrl = b.effectiveUrl;
        this.redirects = List.copyOf(b.redirects);   // the same list when the builder holds an unchanged copy
        this.servedBy = b.servedBy;
        this.elapsed = b.elapsed == null ? Duration.ZERO : b.elapsed;
        this.attempts = b.attempts == null ? List.of() : b.attempts;   // unmodifiable already
        this.protocol = b.protocol;
        this.sent = b.sent;
    }

    /** A result for a request that was never sent because its arguments were invalid: code -1. */
    public static HttpResult invalid(String message) {
        Builder b = new Builder();
        b.code = -1;
        b.message = Objects.requireNonNull(message, "message must be set");
        return b.build();
    }

    /** A builder, for the engine and for tests of code that consumes results. */
    public static Builder builder() {
        return new Builder();
    }

    /** This result as a builder, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.code = code;
        b.status = status;
        b.error = error;
        b.message = message;
        b.body = body;
        b.contentType = contentType;
        b.headers(headers);
        b.effectiveUrl = effectiveUrl;
        b.redirects = redirects;   // unmodifiable: copied by the builder only if a hop is added
        b.servedBy = servedBy;
        b.elapsed = elapsed;
        b.attempts = attempts.isEmpty() ? null : attempts;   // unmodifiable: shared
        b.protocol = protocol;
        b.sent = sent;
        return b;
    }

    /**
     * The original's return value: the HTTP status if a complete response arrived (>= 100), the
     * curl error code otherwise (1..99), -1 for invalid arguments.
     */
    public int code() {
        return code;
    }

    /** The HTTP status received, or 0 when no response status arrived. */
    public int status() {
        return status;
    }

    /** Whether an HTTP status line was received (even if the transfer failed afterwards). */
    public boolean hasStatus() {
        return status != 0;
    }

    /**
     * The curl error: {@link CurlError#OK} when a complete response arrived, or the error
     * (the same number as {@link #code()}); {@code null} only for code -1.
     */
    public CurlError error() {
        return error;
    }

    /** The original's {@code $curlerror} text for {@link #code()}. */
    public String errorText() {
        return CurlError.describe(code);
    }

    /**
     * A readable detail of what went wrong (e.g. {@code "Connection refused: 127.0.0.1:59999"}), or
     * {@code null} on success. Never contains credentials.
     */
    public String message() {
        return message;
    }

    /** Whether the request failed at the transport level (a curl error) or had invalid arguments. */
    public boolean isTransportError() {
        return code < 100;
    }

    /**
     * The failover rule of the original: a curl error, or an HTTP status of 500 or above. 3xx and
     * 4xx answers are not failures. Code -1 (invalid arguments) is not a failure either: sending
     * the same invalid request elsewhere cannot help.
     */
    public boolean isFailure() {
        return (code > 0 && code < 100) || code >= 500;
    }

    /** The body bytes (a copy). Empty after a transport error; the kept prefix after code 63. */
    public byte[] body() {
        return body.clone();
    }

    /** The body length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    /** The body as a stream, without copying it. */
    public InputStream bodyStream() {
        return new ByteArrayInputStream(body);
    }

    /** The body decoded with the charset of the Content-Type, UTF-8 when none is given. */
    public String bodyText() {
        return new String(body, charset());
    }

    /**
     * The body read as JSON into {@code type}, with the JSON library the application has: JSON-B
     * (a Jakarta JSON Binding implementation such as Yasson) if there is one, else Jackson 2
     * ({@code jackson-databind}, with the modules it finds, e.g. for {@code java.time}). Fields the
     * type does not have are skipped with either. httpcon depends on neither.
     *
     * <pre>{@code
     * record Route(String target, int priority) { }
     *
     * HttpResult r = routing.get("/route?uri=" + uri);
     * if (r.code() == 200) {
     *     Route route = r.bodyAs(Route.class);
     * }
     * }</pre>
     *
     * <p>It reads whatever body came, whatever the status: check {@link #code()} first (an error
     * document reads into a type of its own). A body that is not complete cannot be read: a
     * transport error (the body cut at {@code maxdatasize}, code 63, included) or an empty body
     * gives an {@link HttpConBodyException}, as does a body that is not JSON of that type or is
     * JSON {@code null}; its message never quotes the body.
     *
     * @throws HttpConBodyException  when there is no complete body, or it is not JSON of this type
     * @throws IllegalStateException when neither JSON-B nor Jackson is on the class path (the one
     *                               of {@code type}, else the thread's context class loader)
     */
    public <T> T bodyAs(Class<T> type) {
        Objects.requireNonNull(type, "type must be set");
        if (type.isPrimitive()) {
            throw new IllegalArgumentException("bodyAs reads into a reference type: use the wrapper of " + type
                    + " (e.g. Integer.class)");
        }
        return type.cast(JsonBodies.read(this, type, JsonBodies.loaderFor(type)));
    }

    /**
     * The body read as a JSON array into a list of {@code elementType}, as {@link #bodyAs(Class)}
     * reads an object.
     *
     * <pre>{@code
     * List<Route> routes = r.bodyAsList(Route.class);
     * }</pre>
     *
     * @throws HttpConBodyException  when there is no complete body, or it is not a JSON array of this type
     * @throws IllegalStateException when neither JSON-B nor Jackson is on the class path
     */
    public <T> List<T> bodyAsList(Class<T> elementType) {
        Objects.requireNonNull(elementType, "elementType must be set");
        List<?> list = JsonBodies.read(this, JsonBodies.listOf(elementType), JsonBodies.loaderFor(elementType));
        for (Object o : list) {
            elementType.cast(o);   // a ClassCastException here rather than in the caller's loop
        }
        @SuppressWarnings("unchecked")
        List<T> typed = (List<T>) list;
        return typed;
    }

    /**
     * The first line of the body without its line terminator ({@code \r\n} or {@code \n}), the
     * whole body when it has no newline, as the original's {@code http_client_query} result.
     */
    public String firstLine() {
        String text = bodyText();
        int nl = text.indexOf('\n');
        if (nl < 0) {
            return text;
        }
        int end = nl > 0 && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        return text.substring(0, end);
    }

    /** The Content-Type of the response, or {@code null}. */
    public String contentType() {
        return contentType;
    }

    /**
     * The response headers (of the final response, after redirects): every line in the order
     * received, repeated headers included; empty after a transport error.
     */
    public ResponseHeaders headers() {
        return headers;
    }

    /** The first value of a response header (name case-insensitive), or {@code null}: {@code headers().first(name)}. */
    public String header(String name) {
        return headers.first(name);
    }

    /**
     * The URL of the last request made, after following redirects: the original's
     * {@code http_get_redirect}. {@code null} when nothing was sent (invalid URL) or the
     * request failed at the transport level. Never contains credentials.
     */
    public URI effectiveUrl() {
        return effectiveUrl;
    }

    /**
     * The protocol of the response: {@code "HTTP/1.1"} (also for an HTTP/1.0 server's answer:
     * the version httpcon spoke) or {@code "HTTP/2"}; {@code null} when no response status
     * arrived. With {@code http_version=2} it says whether the server took up HTTP/2.
     */
    public String protocol() {
        return protocol;
    }

    /** Every redirect followed, in order. */
    public List<RedirectHop> redirects() {
        return redirects;
    }

    /** The name of the connection that produced this result (after failover: the one that served). */
    public String servedBy() {
        return servedBy;
    }

    /** Wall time of the request, all attempts included. */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * Every attempt that led to this result, the serving one last. Empty when the result came
     * from a single attempt without failover configured.
     */
    public List<Attempt> attempts() {
        return attempts;
    }

    /**
     * Whether the request may have reached a server: {@code false} only when it certainly did not,
     * in any attempt of the call. That is the case when no attempt got further than one of these,
     * and no redirect had been followed before it:
     * <ul>
     *   <li>the host or proxy name did not resolve (6, 5), the connection was refused or could not
     *       be made (7), the TLS handshake failed (35, 60: a request is written only after it),
     *       the engine was closed (2);</li>
     *   <li>no connection was available: the overload guard's refusal or a full pool (89);</li>
     *   <li>connection health skipped the connection (7), or the call's deadline had passed
     *       before the attempt (28).</li>
     * </ul>
     * Every other failure (a timeout while waiting for the answer, a reset connection, a 5xx) may
     * have reached the server: a POST may have been applied. With {@code failover_unsafe=0} a
     * non-idempotent request fails over only when this is {@code false}.
     *
     * <pre>{@code
     * HttpResult r = api.post("/charge", "application/json", json);
     * if (r.isFailure() && !r.sent()) {
     *     retryLater(json);   // certainly not charged
     * }
     * }</pre>
     */
    public boolean sent() {
        if (sent != null) {
            return sent;
        }
        if (!redirects.isEmpty()) {
            return true;
        }
        return switch (code) {
            case 2, 5, 6, 7, 35, 60, 89 -> false;
            default -> true;
        };
    }

    private Charset charset() {
        return charsetOf(contentType);
    }

    /** The charset a Content-Type names, UTF-8 when it names none or one the JVM does not know. */
    private static Charset charsetOf(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).trim();
                    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                        name = name.substring(1, name.length() - 1);
                    }
                    try {
                        return Charset.forName(name);
                    } catch (RuntimeException unknownCharset) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HttpResult[code=").append(code);
        if (code < 100) {
            sb.append(" (").append(CurlError.describe(code)).append(')');
        }
        if (status != 0 && status != code) {
            sb.append(", status=").append(status);
        }
        if (servedBy != null) {
            sb.append(", servedBy=").append(servedBy);
        }
        if (protocol != null && !protocol.equals(HTTP_1_1)) {
            sb.append(", ").append(protocol);
        }
        if (effectiveUrl != null) {
            sb.append(", url=").append(Redaction.url(effectiveUrl));   // query values may be tokens
        }
        sb.append(", ").append(body.length).append(" bytes");
        if (contentType != null) {
            sb.append(' ').append(contentType);
        }
        if (message != null) {
            sb.append(", ").append(message);
        }
        if (isFailure() && !sent()) {
            sb.append(", not sent");
        }
        return sb.append(']').toString();
    }

    /** Builds an {@link HttpResult}; see {@link HttpResult#builder()}. */
    public static final class Builder {
        private int code;
        private int status;
        private CurlError error;
        private String message;
        private byte[] body;
        private String contentType;
        /** Header names and values, alternating; shared with the results built (copied before a change then). */
        private String[] headerLines = NO_LINES;
        private int headerCount;
        private boolean headersShared;
        /**
         * The headers of the result this builder was made from ({@link HttpResult#toBuilder}), until
         * a header is added: a copy of a result (a failover joining its trail) builds none anew.
         */
        private ResponseHeaders sharedHeaders;
        private URI effectiveUrl;
        /** Unmodifiable while it is a result's list (or empty); an {@link ArrayList} of our own once a hop is added. */
        private List<RedirectHop> redirects = List.of();
        private String servedBy;
        private Duration elapsed;
        /** Unmodifiable (a copy of what was given, or a result's list), or {@code null}: none. */
        private List<Attempt> attempts;
        private String protocol;
        private Boolean sent;

        private Builder() {
        }

        /** A complete response with this HTTP status: code = status, error = OK. */
        public Builder status(int status) {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("HTTP status must be 100..999, got " + status);
            }
            this.status = status;
            if (error == null || error == CurlError.OK) {
                this.code = status;
                this.error = CurlError.OK;
            }
            return this;
        }

        /**
         * A transport failure: code = the curl number. A status received before the failure
         * (e.g. with code 63) stays available from {@link HttpResult#status()}.
         */
        public Builder error(CurlError error, String message) {
            Objects.requireNonNull(error, "error must be set");
            if (error == CurlError.OK) {
                throw new IllegalArgumentException("use status() for a successful response");
            }
            this.error = error;
            this.code = error.code();
            this.message = message;
            return this;
        }

        /**
         * Sets a text body (UTF-8 unless {@code contentType} names another charset) and its
         * Content-Type, which is also added as a header line: a response as a server sends it, for
         * tests of code that consumes results.
         *
         * <pre>{@code
         * HttpResult fake = HttpResult.builder().status(200)
         *         .body("application/json", "{\"target\":\"sip:alice@10.0.0.7\",\"priority\":1}")
         *         .build();
         * }</pre>
         */
        public Builder body(String contentType, String text) {
            Objects.requireNonNull(contentType, "contentType must be set");
            Objects.requireNonNull(text, "text must be set");
            header("Content-Type", contentType);
            this.contentType = contentType;
            this.body = text.getBytes(charsetOf(contentType));
            return this;
        }

        /** Sets the body: a copy of {@code body}. */
        public Builder body(byte[] body) {
            this.body = body == null ? null : body.clone();
            return this;
        }

        /**
         * Reads the body from {@code in} into an array of this builder's own, so the result never
         * copies it again: to the end of the stream, or {@code limit} bytes (0: no limit). A body of
         * its {@code declaredLength} (a Content-Length; -1 when unknown) is read into one array of
         * that size; a longer or unannounced one into blocks joined once at the end. Reading stops
         * as soon as the body is known to be longer than the limit: at once when
         * {@code declaredLength} says so, otherwise one byte past the limit (not kept).
         *
         * @return whether the body is longer than {@code limit}; its first {@code limit} bytes are kept
         * @throws IOException from {@code in}; the body is then left as it was
         */
        public boolean readBody(InputStream in, long limit, long declaredLength) throws IOException {
            long cap = limit > 0 ? limit : BodyBytes.MAX_LENGTH;
            byte[] kept = BodyBytes.read(in, (int) Math.min(cap, BodyBytes.MAX_LENGTH), declaredLength);
            this.body = kept;
            if (declaredLength > cap) {
                return true;   // known to be too long: the prefix is kept, the rest is not read
            }
            // exactly at the limit: one more byte tells whether the body goes on (it is not kept)
            return kept.length >= cap && in.read() >= 0;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /**
         * Adds a response header line; a repeated name is kept as often as it is added.
         *
         * @throws IllegalArgumentException for a name that is not an HTTP token or a value with
         *                                  CR, LF or NUL, as {@link HttpRequest.Header} refuses
         */
        public Builder header(String name, String value) {
            HttpRequest.checkHeaderName(name);
            HttpRequest.checkHeaderValue(name, value);
            sharedHeaders = null;
            int at = 2 * headerCount;
            if (headersShared || at == headerLines.length) {
                headerLines = Arrays.copyOf(headerLines, at == headerLines.length ? Math.max(16, 2 * at)
                        : headerLines.length);
                headersShared = false;
            }
            headerLines[at] = name;
            headerLines[at + 1] = value;
            headerCount++;
            return this;
        }

        private void headers(ResponseHeaders from) {
            headerLines = from.lines();
            headerCount = from.size();
            headersShared = true;
            sharedHeaders = from;
        }

        private ResponseHeaders headers() {
            if (sharedHeaders != null) {
                return sharedHeaders;   // immutable: the result this builder was made from has the same
            }
            if (headerCount == 0) {
                return ResponseHeaders.EMPTY;
            }
            headersShared = true;   // a later header() copies the array before changing it
            return new ResponseHeaders(headerLines, headerCount);
        }

        public Builder effectiveUrl(URI effectiveUrl) {
            this.effectiveUrl = effectiveUrl;
            return this;
        }

        public Builder redirect(RedirectHop hop) {
            Objects.requireNonNull(hop, "hop must be set");
            if (!(redirects instanceof ArrayList)) {
                redirects = new ArrayList<>(redirects);
            }
            this.redirects.add(hop);
            return this;
        }

        public Builder servedBy(String servedBy) {
            this.servedBy = servedBy;
            return this;
        }

        public Builder elapsed(Duration elapsed) {
            this.elapsed = elapsed;
            return this;
        }

        /** The protocol the response came in: {@link HttpResult#HTTP_1_1}, {@link HttpResult#HTTP_2}, or null. */
        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        public Builder attempts(List<Attempt> attempts) {
            this.attempts = attempts == null ? null : List.copyOf(attempts);
            return this;
        }

        /**
         * Says whether the request may have reached a server ({@link HttpResult#sent()}), instead
         * of leaving it to the code: {@code false} for a call that was never attempted.
         */
        public Builder sent(boolean sent) {
            this.sent = sent;
            return this;
        }

        public HttpResult build() {
            if (code == 0) {
                throw new IllegalStateException("a result needs a status, an error or invalid()");
            }
            return new HttpResult(this);
        }
    }
}
