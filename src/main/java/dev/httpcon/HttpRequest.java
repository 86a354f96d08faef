package dev.httpcon;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One request to send on a named connection: a method, a path to append to the connection's base
 * URL, extra headers and an optional body. Immutable; safe to re-send (failover does exactly that).
 *
 * <pre>{@code
 * HttpRequest get  = HttpRequest.get("/users/42?fields=name");
 * HttpRequest post = HttpRequest.post("/mailbox", "application/json", "{\"ok\":true}");
 * HttpRequest put  = HttpRequest.builder("PUT", "/users/42")
 *         .header("If-Match", "\"v7\"")
 *         .body("application/json", "{\"name\":\"Ann\"}")
 *         .build();
 * HttpResult r = api.send(put);
 * }</pre>
 *
 * <p>The path is appended to the base URL with exactly one {@code /} between them; a path that
 * starts with {@code ?} adds a query string to the base URL itself; an empty path means the base URL.
 * A path that cannot form a valid URL gives code 3 ({@link CurlError#URL_MALFORMAT}) when sent,
 * and nothing goes out on the network.
 *
 * <p>A request may carry its own time limit, which caps the connection's {@code timeout} and
 * {@code total_timeout} for that call (every failover hop included): {@link Builder#timeout} from
 * the moment it is sent, or {@link Builder#deadlineNanoTime} at a fixed instant, e.g. what is left
 * of a SIP transaction:
 *
 * <pre>{@code
 * long received = System.nanoTime();                          // the INVITE arrived
 * long deadline = received + Duration.ofSeconds(1).toNanos(); // its routing budget
 * ...
 * HttpResult r = routing.send(HttpRequest.builder("GET", "/route?uri=" + uri)
 *         .deadlineNanoTime(deadline)
 *         .build());                                          // 28 at the latest by then
 * }</pre>
 *
 * <p>Header names must be HTTP tokens and values may not contain CR, LF or NUL: the builder throws
 * {@link IllegalArgumentException} for them, so a header can never smuggle another header or request.
 * It also refuses a header longer than {@link #MAX_HEADER_LENGTH} and more than {@link #MAX_HEADERS}
 * headers: nothing is sent.
 *
 * <p>A request may carry correlation attributes of the caller's own ({@link Builder#attribute}), for
 * example the Call-ID and method of the SIP request it serves. They are never sent: they go into
 * the request's trace spans and into httpcon's log lines about it, so that an operator can find
 * one call everywhere. They are shown exactly as given, never redacted: put no secret in them.
 *
 * <pre>{@code
 * HttpRequest lookup = HttpRequest.builder("GET", "/route?uri=" + encodedUri)
 *         .attribute("sip.call_id", sipRequest.getCallId())
 *         .attribute("sip.method", sipRequest.getMethod())
 *         .build();
 * }</pre>
 */
public final class HttpRequest {

    /**
     * The longest header (name and value, in characters) a request may carry: the limit httpcon
     * applies to response header lines too (curl's {@code CURL_MAX_HTTP_HEADER}, 100 KiB). Servers
     * refuse far less (8 KiB is common), so only a mistake or an attack comes near it.
     */
    public static final int MAX_HEADER_LENGTH = 100 * 1024;

    /** The most headers a request may carry: the count httpcon accepts in a response. */
    public static final int MAX_HEADERS = 1000;

    /**
     * The most correlation attributes a request may carry: each one is copied onto every span of
     * the request, so a handful is what they are for.
     */
    public static final int MAX_ATTRIBUTES = 8;

    /** The longest correlation attribute value, in characters (a SIP Call-ID is far shorter). */
    public static final int MAX_ATTRIBUTE_LENGTH = 256;

    /**
     * Name spaces a correlation attribute may not use: those of the HTTP semantic conventions and
     * httpcon's own, which the spans already carry and an attribute must not overwrite.
     */
    private static final List<String> RESERVED_ATTRIBUTE_PREFIXES = List.of("http.", "url.", "server.", "client.",
            "network.", "error.", "user_agent.", "httpcon.", "otel.");

    /** The characters of an HTTP token (RFC 9110 tchar), by code point below 128. */
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            TCHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }

    private final String method;
    private final String path;
    private final List<Header> headers;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> attributes;
    /** The time limit from when the request is sent, or {@code null}. */
    private final Duration timeout;
    /** The {@link System#nanoTime()} at which the call must end; meaningful only when {@link #hasDeadline}. */
    private final long deadlineNanoTime;
    private final boolean hasDeadline;

    private HttpRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.headers = List.copyOf(b.headers);
        this.contentType = b.contentType;
        this.body = b.body;
        this.attributes = b.attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.timeout = b.timeout;
        this.deadlineNanoTime = b.deadlineNanoTime;
        this.hasDeadline = b.hasDeadline;
    }

    /** A GET of {@code path} (relative to the connection's base URL; may be empty or {@code null}). */
    public static HttpRequest get(String path) {
        return builder("GET", path).build();
    }

    /**
     * A POST of {@code body} (UTF-8) with the given Content-Type, as the original's
     * {@code http_connect(connection, url, content_type, data, result)}. An empty body is still a
     * POST (the original silently sent a GET).
     */
    public static HttpRequest post(String path, String contentType, String body) {
        return builder("POST", path).body(contentType, body).build();
    }

    /** A POST of raw bytes with the given Content-Type. */
    public static HttpRequest post(String path, String contentType, byte[] body) {
        return builder("POST", path).body(contentType, body).build();
    }

    /**
     * A request of {@code method} with the given headers (name to value, in the map's order) and an
     * optional UTF-8 body ({@code null}: none; {@code ""} is an empty body).
     *
     * @throws IllegalArgumentException for an invalid method or header
     */
    public static HttpRequest of(String method, String path, Map<String, String> headers, String contentType,
                                 String body) {
        Builder b = builder(method, path);
        Objects.requireNonNull(headers, "headers must be set (Map.of() for none)").forEach(b::header);
        return b.body(contentType, body).build();
    }

    /** A builder for any method: GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS or another token. */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /** This request as a builder, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(method, path);
        b.headers.addAll(headers);
        b.contentType = contentType;
        b.body = body;
        if (!attributes.isEmpty()) {
            b.attributes = new LinkedHashMap<>(attributes);
        }
        b.timeout = timeout;
        b.deadlineNanoTime = deadlineNanoTime;
        b.hasDeadline = hasDeadline;
        return b;
    }

    /** The method, upper case, e.g. {@code "GET"}. */
    public String method() {
        return method;
    }

    /** The path as given (never {@code null}; empty means the base URL itself). */
    public String path() {
        return path;
    }

    /** Extra request headers, in the order given. */
    public List<Header> headers() {
        return headers;
    }

    /**
     * The caller's correlation attributes ({@link Builder#attribute}), in the order first given;
     * empty when none. Never sent; copied onto the request's spans and log lines as they are.
     */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** The Content-Type of the body, or {@code null} when there is none. */
    public String contentType() {
        return contentType;
    }

    /** Whether the request carries a body (possibly empty, as a POST of {@code ""} does). */
    public boolean hasBody() {
        return body != null;
    }

    /** A copy of the body bytes, or {@code null} when there is no body. */
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    /** The body length in bytes, or -1 when there is no body. */
    public int bodyLength() {
        return body == null ? -1 : body.length;
    }

    /** The body as a stream, without copying it (empty when there is no body). */
    public InputStream bodyStream() {
        return body == null ? InputStream.nullInputStream() : new ByteArrayInputStream(body);
    }

    /**
     * Writes the body to {@code out}, without copying it (nothing when there is no body): what the
     * engine sends, as often as the request is sent.
     */
    public void writeBody(OutputStream out) throws IOException {
        if (body != null) {
            out.write(body);
        }
    }

    /** The time limit of a call from the moment it is sent ({@link Builder#timeout}), if one was given. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** The {@link System#nanoTime()} by which a call must end ({@link Builder#deadlineNanoTime}), if one was given. */
    public OptionalLong deadlineNanoTime() {
        return hasDeadline ? OptionalLong.of(deadlineNanoTime) : OptionalLong.empty();
    }

    @Override
    public String toString() {
        // Never the body, header values or query values: they may carry tokens or personal data.
        return method + " " + Redaction.url(path) + (body == null ? "" : " [" + body.length + " bytes " + contentType
                + "]");
    }

    /** A request header: a name (an HTTP token) and a value without CR, LF or NUL. */
    public record Header(String name, String value) {
        public Header {
            checkHeaderName(name);
            checkHeaderValue(name, value);
        }

        @Override
        public String toString() {
            return name + ": " + (isSensitive() ? Redaction.MASK : value);
        }

        /**
         * Whether this header carries credentials ({@link Redaction#isSensitiveHeader}): its value
         * prints as {@code ****}, and it never follows a redirect to another scheme, host or port.
         */
        public boolean isSensitive() {
            return Redaction.isSensitiveHeader(name);
        }
    }

    /** Builds an {@link HttpRequest}. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final List<Header> headers = new ArrayList<>();
        private String contentType;
        private byte[] body;
        private Map<String, String> attributes;
        private Duration timeout;
        private long deadlineNanoTime;
        private boolean hasDeadline;

        private Builder(String method, String path) {
            Objects.requireNonNull(method, "method must be set");
            if (method.isEmpty() || !isToken(method)) {
                throw new IllegalArgumentException("HTTP method must be a token (letters, digits, !#$%&'*+-.^_`|~), got '"
                        + printable(method) + "'");
            }
            this.method = method.toUpperCase(Locale.ROOT);
            this.path = path == null ? "" : path;
        }

        /** Adds a header; a repeated name sends the header several times. */
        public Builder header(String name, String value) {
            if (headers.size() >= MAX_HEADERS) {
                throw new IllegalArgumentException("more than " + MAX_HEADERS + " headers in one request");
            }
            headers.add(new Header(name, value));
            return this;
        }

        /**
         * Adds a correlation attribute (a second value for the same name replaces the first): for
         * example {@code attribute("sip.call_id", callId)}. It is not sent; it is copied, as given and
         * without redaction, onto the request's trace spans and httpcon's log lines about it, so it
         * must not hold a secret. It never becomes a metric label (that would make one series per call).
         *
         * @param name  lower case words separated by dots or underscores ({@code sip.call_id}), at
         *              most 64 characters, outside the name spaces httpcon and the HTTP conventions
         *              use ({@code http.}, {@code url.}, {@code server.}, {@code client.},
         *              {@code network.}, {@code error.}, {@code user_agent.}, {@code httpcon.},
         *              {@code otel.})
         * @param value at most {@link #MAX_ATTRIBUTE_LENGTH} characters, no control characters
         * @throws IllegalArgumentException for a name or value outside these rules, or a
         *                                  {@value #MAX_ATTRIBUTES}th-and-one attribute
         */
        public Builder attribute(String name, String value) {
            checkAttribute(name, value);
            if (attributes == null) {
                attributes = new LinkedHashMap<>();
            }
            if (!attributes.containsKey(name) && attributes.size() >= MAX_ATTRIBUTES) {
                throw new IllegalArgumentException("more than " + MAX_ATTRIBUTES + " correlation attributes in one request");
            }
            attributes.put(name, value);
            return this;
        }

        /** Sets a UTF-8 text body and its Content-Type ({@code null} type: no Content-Type header). */
        public Builder body(String contentType, String body) {
            return body(contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        /** Sets a body and its Content-Type ({@code null} type: no Content-Type header). */
        public Builder body(String contentType, byte[] body) {
            if (contentType != null) {
                checkHeaderValue("Content-Type", contentType);
            }
            this.contentType = contentType;
            this.body = body == null ? null : Arrays.copyOf(body, body.length);
            return this;
        }

        /**
         * A time limit for the whole call, counted from the moment the request is sent (each time
         * it is sent): every failover hop included, it ends with code 28 at the latest then. It
         * caps the connection's {@code timeout} and {@code total_timeout}, never extends them. Zero
         * or negative means no time is left: the call gives 28 without sending anything.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout must be set");
            return this;
        }

        /**
         * An absolute deadline for the whole call, as a {@link System#nanoTime()} value: every
         * failover hop included, it ends with code 28 at the latest then. It caps the connection's
         * {@code timeout} and {@code total_timeout}, never extends them; with {@link #timeout} too,
         * the earlier one applies. A deadline that has passed when the call starts gives 28
         * without sending anything.
         *
         * <p>A {@code nanoTime} value rather than an {@code Instant}: it is the JVM's monotonic
         * clock, which a wall-clock step (NTP, a leap second smeared or not) cannot move, and the
         * one the engine's own deadlines run on, so a budget counted from when a SIP request
         * arrived ({@code System.nanoTime()} then) stays exact. It means nothing in another JVM;
         * a deadline from elsewhere as an {@code Instant} converts with
         * {@code System.nanoTime() + Duration.between(Instant.now(), instant).toNanos()}.
         */
        public Builder deadlineNanoTime(long nanoTime) {
            this.deadlineNanoTime = nanoTime;
            this.hasDeadline = true;
            return this;
        }

        public HttpRequest build() {
            return new HttpRequest(this);
        }
    }

    static void checkHeaderName(String name) {
        Objects.requireNonNull(name, "header name must be set");
        if (name.isEmpty() || !isToken(name)) {
            throw new IllegalArgumentException("header name must be an HTTP token, got '" + printable(name) + "'");
        }
    }

    static void checkHeaderValue(String name, String value) {
        Objects.requireNonNull(value, () -> "value of header " + name + " must be set");
        if ((long) name.length() + value.length() > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("header " + printable(name) + " is " + (name.length() + value.length())
                    + " characters long; at most " + MAX_HEADER_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("value of header " + name
                        + " contains CR, LF or NUL at index " + i + " (header injection refused)");
            }
        }
    }

    private static void checkAttribute(String name, String value) {
        Objects.requireNonNull(name, "attribute name must be set");
        Objects.requireNonNull(value, () -> "value of attribute " + name + " must be set");
        boolean valid = !name.isEmpty() && name.length() <= 64 && name.charAt(0) >= 'a' && name.charAt(0) <= 'z'
                && name.charAt(name.length() - 1) != '.';
        for (int i = 0; valid && i < name.length(); i++) {
            char c = name.charAt(i);
            valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (c == '.' && name.charAt(i - 1) != '.');
        }
        if (!valid) {
            throw new IllegalArgumentException("attribute name must be lower case words separated by dots or underscores"
                    + " (e.g. sip.call_id), at most 64 characters, got '" + printable(name) + "'");
        }
        for (String reserved : RESERVED_ATTRIBUTE_PREFIXES) {
            if (name.startsWith(reserved)) {
                throw new IllegalArgumentException("attribute name '" + name + "' is in the name space " + reserved
                        + "* that httpcon's spans already use; choose another (e.g. sip.call_id)");
            }
        }
        if (value.length() > MAX_ATTRIBUTE_LENGTH) {
            throw new IllegalArgumentException("value of attribute " + name + " is " + value.length()
                    + " characters long; at most " + MAX_ATTRIBUTE_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("value of attribute " + name
                        + " contains a control character at index " + i + " (it would forge log lines)");
            }
        }
    }

    private static boolean isToken(String s) {
        // A table, not a search of the punctuation list: every response header goes through here.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return s.length() > 64 ? sb + "..." : sb.toString();
    }
}
