package dev.httpcon.engine;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.Redaction;
import dev.httpcon.RedirectHop;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.ProxySettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * One attempt on one connection: the request and every redirect it leads to, within one
 * {@link Deadline}. HttpClient's own redirect handling is off; following redirects here keeps the
 * hop list, curl's method rules, the credential rules and the deadline in one place.
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
 *   <li>a redirect to anything but http(s) is code 1.</li>
 * </ul>
 */
final class RedirectLoop {

    private static final System.Logger LOG = System.getLogger(RedirectLoop.class.getName());

    /** A redirect body larger than this is not read: the connection is closed instead. */
    private static final int MAX_DRAIN = 64 * 1024;

    private final ConnectionSettings settings;
    private final Transport transport;
    private final Deadline deadline;
    private final URI origin;
    private final List<RedirectHop> hops = new ArrayList<>();
    /** The status of the response in hand, 0 while none has arrived for the current hop. */
    private int lastStatus;
    /** The response in hand, until it is released or discarded. */
    private Hop open;
    /** HttpClient's names of the allowed auth schemes, worked out once per attempt rather than twice per hop. */
    private final List<String> schemes;
    /** Whether challenges from the origin are answered (no scheme we can answer, e.g. Negotiate only: none). */
    private final boolean answersChallenges;

    RedirectLoop(ConnectionSettings settings, Transport transport, Deadline deadline, URI origin) {
        this.settings = settings;
        this.transport = transport;
        this.deadline = deadline;
        this.origin = origin;
        this.schemes = AuthSupport.schemes(settings.authMethods());
        this.answersChallenges = settings.hasCredentials() && !AuthSupport.preemptiveBasic(settings)
                && !schemes.isEmpty();
    }

    /** Sends {@code request} to {@code origin} and follows redirects; fills {@code result}. */
    void run(HttpRequest request, HttpResult.Builder result) {
        URI url = origin;
        String method = request.method();
        RequestBody body = RequestBody.of(request);
        String contentType = request.contentType();
        List<HttpRequest.Header> headers = request.headers();
        Transport.Client client = transport.forAttempt();
        try {
            while (true) {
                lastStatus = 0;
                Hop hop = send(client, url, method, headers, body, contentType);
                lastStatus = hop.response.getCode();
                String location = header(hop.response, "Location");
                if (settings.followRedirects() && isRedirect(lastStatus) && location != null) {
                    URI next;
                    try {
                        next = UrlJoin.resolve(url, location);
                    } catch (EngineFailure f) {
                        hop.discard();
                        throw f;
                    }
                    if (hops.size() >= settings.maxRedirects()) {
                        hop.discard();
                        throw new EngineFailure(CurlError.TOO_MANY_REDIRECTS,
                                "Maximum (" + settings.maxRedirects() + ") redirects followed");
                    }
                    hops.add(new RedirectHop(url, lastStatus, next));
                    hop.drain();
                    if (becomesGet(lastStatus, method)) {
                        method = "GET";
                        body = null;
                        contentType = null;
                    }
                    url = next;
                    continue;
                }
                finish(hop, url, result);
                return;
            }
        } catch (EngineFailure f) {
            fail(result, f);
        } catch (RuntimeException bug) {
            // Not network or server trouble but a surprise inside HttpClient or here: still a result.
            LOG.log(Level.WARNING, settings.name() + ": unexpected failure", bug);
            fail(result, ErrorMapping.map(bug, lastStatus != 0, deadline, url(), settings.proxy()));
        } finally {
            try {
                if (open != null) {
                    open.discard();   // only after a surprise: every normal path has released its response
                }
            } finally {
                client.close();
            }
        }
    }

    private URI url() {
        return hops.isEmpty() ? origin : hops.get(hops.size() - 1).to();
    }

    private void finish(Hop hop, URI url, HttpResult.Builder result) throws EngineFailure {
        BodyReader.Body body;
        HttpEntity entity = hop.response.getEntity();
        try {
            body = entity == null ? null : BodyReader.read(entity.getContent(), settings.maxDataSize(),
                    entity.getContentLength(), deadline, result);
        } catch (IOException | RuntimeException e) {
            hop.discard();
            throw ErrorMapping.map(e, true, deadline, url, settings.proxy());
        }
        boolean exceeded = body != null && body.exceeded();
        long kept = body == null ? 0 : body.kept();
        if (exceeded) {
            hop.discard();   // closing normally would read the rest of the body: drop the connection instead
        } else {
            hop.release();
        }
        if (Thread.currentThread().isInterrupted()) {
            // Interrupted while the response came in: a socket read blocked for it does not see
            // an interrupt, so the answer is looked at only now.
            throw ErrorMapping.aborted();
        }
        result.status(lastStatus);
        for (Header h : hop.response.getHeaders()) {
            try {
                result.header(h.getName(), h.getValue());
            } catch (IllegalArgumentException rejected) {
                // a header name or value we would refuse to send is not reported either
            }
        }
        result.contentType(header(hop.response, "Content-Type"));
        hops.forEach(result::redirect);
        if (exceeded) {
            result.error(CurlError.FILESIZE_EXCEEDED, "Maximum file size exceeded: the body is longer than "
                    + settings.maxDataSize() + " bytes; the first " + kept + " are kept");
        } else {
            result.effectiveUrl(url);
        }
        LOG.log(Level.DEBUG, () -> settings.name() + ": " + Redaction.url(url) + " -> " + lastStatus + ", "
                + kept + " bytes" + (hops.isEmpty() ? "" : ", " + hops.size() + " redirects"));
    }

    private void fail(HttpResult.Builder result, EngineFailure f) {
        if (lastStatus >= 100) {
            result.status(lastStatus);   // the failure came after the status line (body, size, redirect limit)
        }
        hops.forEach(result::redirect);
        result.error(f.error(), f.getMessage());
        LOG.log(Level.DEBUG, () -> settings.name() + ": " + Redaction.url(origin) + " -> " + f.error().code()
                + " " + f.getMessage());
    }

    /**
     * Sends one hop. A failure on a reused connection before anything came back is re-sent once on
     * a fresh connection (the server may have closed the idle connection just as we used it, and
     * curl does the same); never more, and never any other retry.
     */
    private Hop send(Transport.Client client, URI url, String method, List<HttpRequest.Header> headers, RequestBody body,
                     String contentType) throws EngineFailure {
        HttpClientContext context = context(url);
        HttpUriRequestBase request = request(url, method, headers, body, contentType);
        try {
            return execute(client, url, request, context, null);
        } catch (IOException e) {
            if (deadline.expired() || !ErrorMapping.nothingReceived(e) || !reused(context)) {
                throw ErrorMapping.map(e, false, deadline, url, settings.proxy());
            }
            LOG.log(Level.DEBUG, () -> settings.name() + ": reused connection failed before any response ("
                    + e.getClass().getSimpleName() + "); sending once more on a fresh connection");
            Transport.Client fresh = transport.oneOff();
            Hop hop = null;
            try {
                hop = execute(fresh, url, request(url, method, headers, body, contentType), context(url), fresh);
                return hop;
            } catch (IOException again) {
                throw ErrorMapping.map(again, false, deadline, url, settings.proxy());
            } finally {
                if (hop == null) {
                    fresh.close();   // on every way out (a failure, a bug, an Error) but the hop that owns it
                }
            }
        }
    }

    /**
     * Resolves the host to connect to (the proxy's, or the URL's) within the deadline, then has
     * HttpClient send {@code request}; HttpClient's resolver reads what was resolved here.
     */
    private Hop execute(Transport.Client client, URI url, HttpUriRequestBase request, HttpClientContext context,
                        Transport.Client owner) throws IOException, EngineFailure {
        if (deadline.expired()) {
            throw new java.io.InterruptedIOException("deadline reached before sending");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw ErrorMapping.aborted();
        }
        ProxySettings proxy = settings.proxy();
        HostResolver.Slot resolved = transport.dns().resolve(proxy != null ? proxy.host() : url.getHost(),
                proxy != null, deadline);
        try {
            deadline.guard(request);
            ClassicHttpResponse response = client.http().executeOpen(null, request, context);
            open = new Hop(request, response, owner);
            return open;
        } catch (ConnectionRequestTimeoutException | CancellationException leaseEnded) {
            // Only the wait for a pooled connection ends like this: its lease timed out (set to the
            // time left) or the deadline cancelled it while it waited. A lease is only left waiting
            // when every connection the pool may hold is in use: 89, not 28.
            throw Thread.currentThread().isInterrupted() ? ErrorMapping.aborted() : transport.noConnection(url, deadline);
        } finally {
            HostResolver.unpin(resolved);
        }
    }

    private static boolean reused(HttpClientContext context) {
        EndpointDetails details = context.getEndpointDetails();
        return details != null && details.getResponseCount() > 0;
    }

    /** Per-hop context: a request config within the deadline and, for the origin server only, credentials. */
    private HttpClientContext context(URI url) {
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
                .build();
    }

    private HttpUriRequestBase request(URI url, String method, List<HttpRequest.Header> headers, RequestBody body,
                                       String contentType) {
        boolean toOrigin = UrlJoin.sameOrigin(origin, url);
        HttpUriRequestBase r = new HttpUriRequestBase(method, url);
        if (!has(headers, "User-Agent")) {
            r.addHeader("User-Agent", settings.userAgent());
        }
        if (!has(headers, "Accept")) {
            r.addHeader("Accept", "*/*");
        }
        for (HttpRequest.Header h : headers) {
            String name = h.name().toLowerCase(Locale.ROOT);
            boolean framing = name.equals("content-length") || name.equals("transfer-encoding");
            boolean credential = !toOrigin && h.isSensitive();   // the one rule that also masks toString
            boolean type = name.equals("content-type");
            if (framing || credential || (type && body == null)) {
                continue;   // the engine frames the body; credentials stay with the origin; no type without body
            }
            r.addHeader(h.name(), h.value());
        }
        if (body != null) {
            if (contentType != null && !has(headers, "Content-Type")) {
                r.addHeader("Content-Type", contentType);
            }
            r.setEntity(body);
        }
        if (toOrigin && AuthSupport.preemptiveBasic(settings) && !has(headers, "Authorization")) {
            r.addHeader("Authorization", AuthSupport.basicHeader(settings));
        }
        return r;
    }

    private static boolean has(List<HttpRequest.Header> headers, String name) {
        for (HttpRequest.Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
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
     * A response in flight, with the request that can abort it and the one-off client it may own:
     * from the moment a hop exists it owns that client, and releasing or discarding the hop closes
     * it whatever else fails.
     */
    private final class Hop {
        final HttpUriRequestBase request;
        final ClassicHttpResponse response;
        final Transport.Client owner;

        Hop(HttpUriRequestBase request, ClassicHttpResponse response, Transport.Client owner) {
            this.request = request;
            this.response = response;
            this.owner = owner;
        }

        /** The body was read to its end: the connection may go back to the pool. */
        void release() {
            open = null;
            try {
                Transport.closeQuietly(response);
            } finally {
                if (owner != null) {
                    owner.close();
                }
            }
        }

        /** Drops the connection without reading what is left of the body. */
        void discard() {
            try {
                request.cancel();
            } finally {
                release();
            }
        }

        /** Reads a redirect body (bounded) so the connection can be reused; drops it otherwise. */
        void drain() throws EngineFailure {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                release();
                return;
            }
            boolean complete;
            try {
                complete = BodyReader.drain(entity.getContent(), MAX_DRAIN, deadline);
            } catch (IOException e) {
                discard();
                if (deadline.expired()) {
                    throw ErrorMapping.timeout(deadline);
                }
                return;   // a broken redirect body does not matter: the next hop decides
            }
            if (!complete) {
                discard();
                return;
            }
            release();
        }
    }
}
