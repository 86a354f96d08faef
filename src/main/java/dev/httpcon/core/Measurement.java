package dev.httpcon.core;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.engine.WireObserver;
import java.net.URI;
import java.util.function.BiConsumer;

/**
 * One attempt on one connection, as measured: the one object the measurements concern makes per
 * attempt (only when a back end is present) and hands to every back end ({@link MetricsRecorder}).
 *
 * <p>It describes two things. The <em>attempt</em>: the connection, the request, where a failover
 * came from, and, once over, the result and its duration. The <em>current HTTP request</em> of the
 * attempt (an attempt sends one, or more when it follows redirects or re-sends on a fresh
 * connection): method, URL, resend count, status, protocol version, error, duration. The request
 * fields are rewritten for each request, and are what {@link MetricsRecorder#request} and
 * {@link Tracing} read while they are called.
 *
 * <p>Not thread-safe and not to be kept: read it during the call that hands it over. Internal.
 */
public final class Measurement implements WireObserver {

    private final Call call;
    private final MetricsRecorder recorder;
    private final Tracing tracing;
    private final String connection;
    private final URI baseUrl;
    private final boolean propagate;
    private final long started;

    private HttpResult result;
    private long attemptNanos;
    private int requests;

    private String method;
    private URI url;
    private int resendCount;
    private long requestStarted;
    private long requestNanos;
    private int status;
    private String protocolVersion;
    private CurlError error;
    private Object span;

    Measurement(Call call, MetricsRecorder recorder, long started) {
        this.call = call;
        this.recorder = recorder;
        this.tracing = recorder.tracing();
        ConnectionRuntime runtime = call.runtime();
        this.connection = runtime.name();
        this.baseUrl = runtime.settings().url();
        this.propagate = runtime.settings().propagateTrace();
        this.started = started;
    }

    // ---- the attempt

    /** The name of the connection that made the attempt. */
    public String connection() {
        return connection;
    }

    /** The connection's base URL (without credentials; its path is what the request's is appended to). */
    public URI connectionUrl() {
        return baseUrl;
    }

    /** The request, as the caller made it (with its correlation attributes). */
    public HttpRequest request() {
        return call.request();
    }

    /**
     * The connection whose failed attempt led to this one (a failover hop), or {@code null} for
     * the connection the caller called.
     */
    public String failoverFrom() {
        return call.previous();
    }

    /** What the attempt gave; {@code null} until it is over ({@link MetricsRecorder#attempt}). */
    public HttpResult result() {
        return result;
    }

    /** How long the attempt took, every request it sent included; 0 until it is over. */
    public long attemptNanos() {
        return attemptNanos;
    }

    /** How many HTTP requests the attempt has sent so far (redirects and re-sends included). */
    public int requests() {
        return requests;
    }

    // ---- the current request

    /** The method the current request is sent with (a 303 turns a POST into a GET). */
    public String method() {
        return method;
    }

    /** Where the current request goes, whole: mask it ({@code Redaction.url}) before showing it. */
    public URI url() {
        return url;
    }

    /** The host the current request goes to (the conventions' {@code server.address}). */
    public String serverAddress() {
        return url.getHost();
    }

    /** The port the current request goes to, the scheme's default if the URL names none. */
    public int serverPort() {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /**
     * How many requests of the same call went before this one (the conventions'
     * {@code http.request.resend_count}): 0 for the first, then one more for each redirect, each
     * re-send on a fresh connection and each request on a failover connection.
     */
    public int resendCount() {
        return resendCount;
    }

    /** The HTTP status of the current request's response, 0 if none arrived. */
    public int status() {
        return status;
    }

    /** The response's HTTP version ({@code "1.1"}, {@code "2"}), or {@code null} if none arrived. */
    public String protocolVersion() {
        return protocolVersion;
    }

    /**
     * Why the current request failed, or {@code null}: its answer was complete, or nothing was sent
     * because the request was invalid (code -1; {@link #errorType()} says {@code _OTHER} then).
     */
    public CurlError error() {
        return error;
    }

    /** How long the current request took, from before it was sent to its answer read (or its failure). */
    public long requestNanos() {
        return requestNanos;
    }

    /**
     * The HTTP conventions' {@code error.type} of the current request: the curl error's name for a
     * transport failure ({@code COULDNT_CONNECT}, {@code OPERATION_TIMEDOUT}, ...), the status for
     * a 4xx or 5xx answer ({@code "503"}), {@code _OTHER} for an invalid request, {@code null} for
     * success (1xx to 3xx).
     */
    public String errorType() {
        return errorType(status, error);
    }

    /** {@link #errorType()} of a whole result (the call's span): the same rule. */
    public static String errorType(HttpResult result) {
        if (result.code() < 0) {
            return "_OTHER";
        }
        return result.isTransportError() ? result.error().name() : errorType(result.status(), null, false);
    }

    private String errorType(int status, CurlError error) {
        return errorType(status, error, status == 0 && error == null);
    }

    private static String errorType(int status, CurlError error, boolean invalid) {
        if (error != null) {
            return error.name();
        }
        if (invalid) {
            return "_OTHER";
        }
        return status >= 400 ? STATUS_TEXT[status - 400] : null;
    }

    /** "400".."999": error.type is made for every failed request; no string is built for it. */
    private static final String[] STATUS_TEXT = new String[600];

    static {
        for (int i = 0; i < STATUS_TEXT.length; i++) {
            STATUS_TEXT[i] = Integer.toString(400 + i);
        }
    }

    // ---- what the engine tells (WireObserver)

    @Override
    public void sending(String method, URI url, BiConsumer<String, String> headers) {
        this.method = method;
        this.url = url;
        CallTrace trace = call.trace;
        this.resendCount = trace == null ? requests : trace.sent++;
        this.status = 0;
        this.protocolVersion = null;
        this.error = null;
        this.requestNanos = 0;
        this.requests++;
        this.requestStarted = System.nanoTime();
        if (tracing != null) {
            span = tracing.startRequest(this, trace == null ? null : trace.span, propagate ? headers : null);
        }
    }

    @Override
    public void ended(int status, String protocolVersion, CurlError error) {
        this.requestNanos = System.nanoTime() - requestStarted;
        this.status = status;
        this.protocolVersion = protocolVersion;
        this.error = error;
        recorder.request(this);
        if (span != null) {
            Object s = span;
            span = null;
            tracing.endRequest(s, this);
        }
    }

    // ---- what the measurements stage tells

    /**
     * The attempt is over. One that sent nothing (a path that makes no valid URL, an invalid
     * request, an engine closed) is still shown as one request to the connection's base URL that
     * failed at once, so that every failed attempt has its span and its place in the duration
     * histogram.
     */
    void finish(HttpResult result, long now) {
        this.result = result;
        if (requests == 0) {
            sending(call.request().method(), baseUrl, null);
            requestStarted = started;
            ended(result.status(), null, result.code() < 0 || result.error() == CurlError.OK ? null : result.error());
        }
        this.attemptNanos = now - started;
        recorder.attempt(this);
    }

    /**
     * Something inside threw (a bug: trouble on the network is a result): a request still in flight
     * is ended as failed, so that no span stays open. The attempt itself is not recorded.
     */
    void abandon() {
        if (span != null) {
            ended(0, null, CurlError.FAILED_INIT);
        }
    }

    @Override
    public String toString() {
        return "Measurement[" + connection + " " + call.request() + (result == null ? "" : " -> " + result.code()) + "]";
    }
}
