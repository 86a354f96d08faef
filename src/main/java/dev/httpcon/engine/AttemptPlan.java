package dev.httpcon.engine;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.Redaction;
import dev.httpcon.RedirectHop;
import dev.httpcon.config.ConnectionSettings;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;

/**
 * The rules of one attempt that do not depend on the transport: what each hop sends, what a
 * response means (follow a redirect, or finish), when a failure is re-sent, and how the result
 * looks. Both drivers, the classic one ({@link RedirectLoop}, blocking, HTTP/1.1) and the
 * asynchronous one ({@link AsyncExchange}, HTTP/1.1 and HTTP/2), ask this object and only do the
 * I/O, so the two cannot drift apart: one set of redirect, credential, size-limit and error rules.
 *
 * <p>Rules, as libcurl 7.88 with {@code CURLOPT_FOLLOWLOCATION}:
 * <ul>
 *   <li>301, 302: a POST becomes a GET without body; 303: every method but HEAD becomes a GET;
 *       307, 308: method and body are kept; other 3xx, or a 3xx without Location, is the answer;</li>
 *   <li>at most {@code maxRedirects} hops, then code 47; a loop is followed until then (curl
 *       has no loop detection);</li>
 *   <li>credentials (challenge answers, preemptive Basic, and every caller header that
 *       {@link HttpRequest.Header#isSensitive()} names: Authorization, Proxy-Authorization, Cookie,
 *       API-key and token headers, ...) go only to the scheme, host and port of the original URL;</li>
 *   <li>a redirect to anything but http(s) is code 1;</li>
 *   <li>a failure on a reused connection before any response is sent once more on a fresh one.</li>
 * </ul>
 *
 * <p>Not thread-safe: one driver uses it, one hop at a time (the asynchronous driver's hops
 * follow each other through callbacks, each after the previous one has ended).
 */
final class AttemptPlan {

    private static final System.Logger LOG = System.getLogger(AttemptPlan.class.getName());

    /** A redirect body larger than this is not read: the connection is closed instead. */
    static final int MAX_DRAIN = 64 * 1024;

    /** What a response means for the attempt. */
    enum Step {
        /** Follow the redirect: read (or drop) this body, then send the next hop ({@link #url()} and so on). */
        FOLLOW,
        /** This response is the answer: read its body into the result. */
        FINISH
    }

    final ConnectionSettings settings;
    final Deadline deadline;
    private final URI origin;
    private final HttpRequest request;
    /** HttpClient's names of the allowed auth schemes, worked out once per attempt rather than twice per hop. */
    private final List<String> schemes;
    /** Whether challenges from the origin are answered (no scheme we can answer, e.g. Negotiate only: none). */
    private final boolean answersChallenges;
    private final List<RedirectHop> hops = new ArrayList<>(0);

    private URI url;
    private String method;
    private boolean withBody;
    private String contentType;
    /** The status of the response in hand, 0 while none has arrived for the current hop. */
    private int lastStatus;
    /** The protocol of the response in hand ({@link HttpResult#HTTP_1_1} or {@link HttpResult#HTTP_2}). */
    private String protocol;
    /** How often a hop was sent again on a fresh connection (at most once per hop). */
    private int resends;
    /** The hop (redirects followed before it) that was re-sent, or -1: at most once per hop. */
    private int resentAt = -1;
    /**
     * Written last by every change of the hop state and read first by every reader of it: the
     * asynchronous driver changes the state on an I/O thread and may end the attempt on another
     * (the deadline timer, a cancelling caller), which must see those changes.
     */
    private volatile int published;
    /** Told of each request on the wire ({@link WireObserver}'s protocol), by both drivers through this plan. */
    private final WireObserver observer;
    /** Whether the observer was told of a request it has not yet been told the end of. */
    private boolean inFlight;
    /** Headers the observer added for the request announced (trace context), set on it when it is made. */
    private List<String[]> observed;

    AttemptPlan(ConnectionSettings settings, Deadline deadline, URI origin, HttpRequest request) {
        this(settings, deadline, origin, request, WireObserver.NONE);
    }

    AttemptPlan(ConnectionSettings settings, Deadline deadline, URI origin, HttpRequest request,
                WireObserver observer) {
        this.observer = observer;
        this.settings = settings;
        this.deadline = deadline;
        this.origin = origin;
        this.request = request;
        this.schemes = AuthSupport.schemes(settings.authMethods());
        this.answersChallenges = settings.hasCredentials() && !AuthSupport.preemptiveBasic(settings)
                && !schemes.isEmpty();
        this.url = origin;
        this.method = request.method();
        this.withBody = request.hasBody();
        this.contentType = request.contentType();
    }

    /** The caller's request (its correlation attributes go into log lines). */
    HttpRequest request() {
        return request;
    }

    /**
     * Tells the observer that the current hop's request is about to go out (before its name lookup,
     * so a lookup failure is that request's end); once per request: a re-send and each redirect
     * followed are requests of their own. Nothing is allocated without an observer.
     */
    void announce() {
        if (observer == WireObserver.NONE || inFlight) {
            return;
        }
        observed = null;
        inFlight = true;
        observer.sending(method, url, (name, value) -> {
            if (observed == null) {
                observed = new ArrayList<>(2);
            }
            observed.add(new String[] {name, value});
        });
        published++;
    }

    /** Tells the observer that the request announced is over (once; nothing if none is). */
    private void ended(CurlError error) {
        if (inFlight) {
            inFlight = false;
            observer.ended(lastStatus, version(protocol), error);
        }
    }

    /** The protocol as the HTTP semantic conventions write it: {@code "1.1"}, {@code "2"}. */
    private static String version(String protocol) {
        if (protocol == null) {
            return null;
        }
        return protocol.startsWith("HTTP/") ? protocol.substring("HTTP/".length()) : protocol;
    }

    /** The URL of the current hop. */
    URI url() {
        return url;
    }

    /** The method of the current hop. */
    String method() {
        return method;
    }

    /** The request whose body the current hop sends, or {@code null} when it sends none. */
    HttpRequest body() {
        return withBody ? request : null;
    }

    /** The status of the response in hand; 0 before one arrived on the current hop. */
    int status() {
        return lastStatus;
    }

    /** How many redirects were followed so far. */
    int redirects() {
        return hops.size();
    }

    /** How often a hop was re-sent on a fresh connection after a stale reused one. */
    int resends() {
        return resends;
    }

    /** The host the hop connects to: the proxy's, or the URL's; resolved within the deadline first. */
    String connectHost() {
        return settings.proxy() != null ? settings.proxy().host() : url.getHost();
    }

    /** Whether {@link #connectHost()} is the proxy's (a failure to resolve it is 5, not 6). */
    boolean connectsToProxy() {
        return settings.proxy() != null;
    }

    /**
     * Adds the current hop's headers to {@code r}, in the order the engine sends them: User-Agent,
     * Accept (unless the caller sets them), the caller's headers (less framing headers, a
     * Content-Type without a body, and credentials when the hop leaves the origin), the
     * Content-Type of the body, and preemptive Basic for the origin. Credential values are in
     * {@link SecretHeader}s, whose {@code toString} masks them.
     */
    void addHeaders(org.apache.hc.core5.http.HttpRequest r) {
        boolean toOrigin = UrlJoin.sameOrigin(origin, url);
        List<HttpRequest.Header> headers = request.headers();
        if (!has(headers, "User-Agent")) {
            r.addHeader(new BasicHeader("User-Agent", settings.userAgent()));
        }
        if (!has(headers, "Accept")) {
            r.addHeader(new BasicHeader("Accept", "*/*"));
        }
        for (HttpRequest.Header h : headers) {
            String name = h.name().toLowerCase(Locale.ROOT);
            boolean framing = name.equals("content-length") || name.equals("transfer-encoding");
            boolean credential = h.isSensitive();   // the one rule that also masks toString
            boolean type = name.equals("content-type");
            if (framing || (credential && !toOrigin) || (type && !withBody)) {
                continue;   // the engine frames the body; credentials stay with the origin; no type without body
            }
            r.addHeader(credential ? new SecretHeader(h.name(), h.value()) : new BasicHeader(h.name(), h.value()));
        }
        if (withBody && contentType != null && !has(headers, "Content-Type")) {
            r.addHeader(new BasicHeader("Content-Type", contentType));
        }
        if (toOrigin && AuthSupport.preemptiveBasic(settings) && !has(headers, "Authorization")) {
            r.addHeader(new SecretHeader("Authorization", AuthSupport.basicHeader(settings)));
        }
        List<String[]> extra = observed;
        if (extra != null) {
            for (String[] h : extra) {
                r.setHeader(h[0], h[1]);   // the observer's (trace context) replaces a caller's own
            }
        }
    }

    /** Per-hop context: a request config within the deadline and, for the origin server only, credentials. */
    HttpClientContext context() {
        Timeout left = deadline.remaining();
        boolean credentials = answersChallenges && UrlJoin.sameOrigin(origin, url);
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig(left, credentials));
        if (credentials) {
            context.setCredentialsProvider(AuthSupport.provider(settings, url));
        }
        return context;
    }

    @SuppressWarnings("deprecation") // the per-request connect timeout is deprecated but honoured; a safety net only
    private RequestConfig requestConfig(Timeout left, boolean credentials) {
        return RequestConfig.custom()
                .setConnectionRequestTimeout(left)
                .setConnectTimeout(left)
                .setResponseTimeout(left)
                .setRedirectsEnabled(false)
                .setContentCompressionEnabled(false)
                .setExpectContinueEnabled(false)
                .setProtocolUpgradeEnabled(false)
                .setAuthenticationEnabled(credentials)
                .setTargetPreferredAuthSchemes(schemes)
                .setHardCancellationEnabled(true)
                .build();
    }

    /** A new hop starts: no response yet. */
    void sending() {
        lastStatus = 0;
        published++;
    }

    /**
     * A response head arrived on the current hop: follow it or finish with it. For
     * {@link Step#FOLLOW} the hop is recorded and the plan has moved to the next URL (and method).
     *
     * @param location the {@code Location} header, or null
     * @throws EngineFailure 3 for a malformed Location, 1 for a non-http(s) one, 47 past the redirect limit
     */
    Step onResponse(int status, String location, String protocol) throws EngineFailure {
        this.lastStatus = status;
        this.protocol = protocol;
        if (!follows(status, location)) {
            published++;
            return Step.FINISH;
        }
        URI next = UrlJoin.resolve(url, location);
        if (hops.size() >= settings.maxRedirects()) {
            throw new EngineFailure(CurlError.TOO_MANY_REDIRECTS,
                    "Maximum (" + settings.maxRedirects() + ") redirects followed");
        }
        hops.add(new RedirectHop(url, status, next));
        ended(null);
        if (becomesGet(status, method)) {
            method = "GET";
            withBody = false;
            contentType = null;
        }
        url = next;
        published++;
        return Step.FOLLOW;
    }

    /**
     * Whether a response with this status and Location leads to another hop to the same scheme,
     * host and port, which may use the same connection (curl's easy handle keeps it for that).
     */
    boolean continuesOnSameServer(int status, String location) {
        if (!follows(status, location) || hops.size() >= settings.maxRedirects()) {
            return status == 401 && answersChallenges && UrlJoin.sameOrigin(origin, url);
        }
        try {
            URI next = UrlJoin.resolve(url, location);
            return UrlJoin.sameOrigin(url, next);
        } catch (EngineFailure f) {
            return false;
        }
    }

    private boolean follows(int status, String location) {
        return settings.followRedirects() && isRedirect(status) && location != null;
    }

    /**
     * Whether a hop that failed with {@code failure} is sent once more on a fresh connection:
     * only when nothing came back, on a connection that had served responses before (the server
     * may have closed it just as we used it, as curl assumes), or when an HTTP/2 server said it did
     * not process the request (REFUSED_STREAM, GOAWAY); within the deadline, once per hop.
     */
    boolean resendOnFresh(Throwable failure, boolean reused) {
        if (deadline.expired() || lastStatus != 0 || resentAt == hops.size()) {
            return false;
        }
        if (!ErrorMapping.notProcessed(failure) && !(ErrorMapping.nothingReceived(failure) && reused)) {
            return false;
        }
        resentAt = hops.size();
        resends++;
        LOG.log(Level.DEBUG, () -> settings.name() + ": reused connection failed before any response ("
                + failure.getClass().getSimpleName() + "); sending once more on a fresh connection"
                + Correlation.suffix(request));
        ended(map(failure).error());
        return true;
    }

    /** Whether the classic transport's exchange in {@code context} ran on a connection that had served responses before. */
    static boolean reused(HttpClientContext context) {
        EndpointDetails details = context.getEndpointDetails();
        return details != null && details.getResponseCount() > 0;
    }

    /** The curl code for {@code failure} on the current hop. */
    EngineFailure map(Throwable failure) {
        int seen = published;   // see the I/O thread's changes (read before the state)
        return ErrorMapping.map(failure, lastStatus != 0, deadline, url, settings.proxy());
    }

    /**
     * The answer: status, headers, content type, hops and effective URL; code 63 instead when the
     * body went past {@code maxdatasize} (the first {@code kept} bytes are the body).
     *
     * @param headers the response headers in the order received
     */
    void finish(HttpResult.Builder result, Iterable<? extends Header> headers, String responseContentType,
                long kept, boolean exceeded) {
        int seen = published;
        result.status(lastStatus).protocol(protocol);
        for (Header h : headers) {
            try {
                result.header(h.getName(), h.getValue());
            } catch (IllegalArgumentException rejected) {
                // a header name or value we would refuse to send is not reported either
            }
        }
        result.contentType(responseContentType);
        hops.forEach(result::redirect);
        if (exceeded) {
            result.error(CurlError.FILESIZE_EXCEEDED, "Maximum file size exceeded: the body is longer than "
                    + settings.maxDataSize() + " bytes; the first " + kept + " are kept");
            ended(CurlError.FILESIZE_EXCEEDED);
        } else {
            result.effectiveUrl(url);
            ended(null);
        }
        URI at = url;
        int status = lastStatus;
        LOG.log(Level.DEBUG, () -> settings.name() + ": " + Redaction.url(at) + " -> " + status + ", "
                + kept + " bytes" + (hops.isEmpty() ? "" : ", " + hops.size() + " redirects")
                + Correlation.suffix(request));
    }

    /** A failure: the curl code, the hops made, and the status when one had arrived (body, size, redirect limit). */
    void fail(HttpResult.Builder result, EngineFailure f) {
        int seen = published;
        if (lastStatus >= 100) {
            result.status(lastStatus).protocol(protocol);
        }
        hops.forEach(result::redirect);
        result.error(f.error(), f.getMessage());
        ended(f.error());
        LOG.log(Level.DEBUG, () -> settings.name() + ": " + Redaction.url(origin) + " -> " + f.error().code()
                + " " + f.getMessage() + Correlation.suffix(request));
    }

    private static boolean has(List<HttpRequest.Header> headers, String name) {
        for (HttpRequest.Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean becomesGet(int status, String method) {
        return switch (status) {
            case 301, 302 -> method.equals("POST");
            case 303 -> !method.equals("HEAD");
            default -> false;
        };
    }

    /**
     * A request header whose value is a credential: sent as any header, shown as {@code ****}
     * wherever HttpClient prints a header with {@code toString} (its header logs).
     */
    static final class SecretHeader extends BasicHeader {
        private static final long serialVersionUID = 1L;

        SecretHeader(String name, String value) {
            super(name, value, true);
        }

        @Override
        public String toString() {
            return getName() + ": " + Redaction.MASK;
        }
    }
}
