package dev.httpcon.engine;

import dev.httpcon.CurlError;
import dev.httpcon.config.ProxySettings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.http2.H2ConnectionException;
import org.apache.hc.core5.http2.H2Error;
import org.apache.hc.core5.http2.H2StreamResetException;
import org.apache.hc.core5.http2.hpack.HPackException;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.TruncatedChunkException;

/**
 * Turns what went wrong in HttpClient into libcurl's code for it (the table is in
 * {@code docs/engine.md}), with a readable message in curl's words.
 */
final class ErrorMapping {

    private ErrorMapping() {
    }

    /**
     * @param failure        what was thrown
     * @param statusReceived whether the response status had arrived (body errors differ from header errors)
     * @param deadline       an expired deadline explains any failure: the request was cancelled
     *                       (and an interrupted calling thread explains it before that: code 42)
     */
    static EngineFailure map(Throwable failure, boolean statusReceived, Deadline deadline, URI url,
                             ProxySettings proxy) {
        if (Thread.currentThread().isInterrupted()) {
            return aborted();   // whatever broke, the caller asked to stop: 42, never a failover
        }
        if (deadline.expired()) {
            return timeout(deadline);
        }
        Throwable e = failure;
        while (e instanceof ClientProtocolException && e.getCause() != null) {
            e = e.getCause();
        }
        String host = url.getHost() + " port " + UrlJoin.port(url);
        if (e instanceof TlsContexts.TlsSetupException t) {
            return new EngineFailure(t.error(), t.getMessage());
        }
        if (e instanceof QuietConnectionFactory.BadStatusLineException) {
            return new EngineFailure(CurlError.UNSUPPORTED_PROTOCOL, e.getMessage());
        }
        if (e instanceof QuietConnectionFactory.SendFailedException) {
            Throwable cause = e.getCause();
            if (cause instanceof SSLException && !statusReceived) {
                return tls((SSLException) cause);
            }
            if (cause instanceof InterruptedIOException) {
                return timeout(deadline);
            }
            return new EngineFailure(CurlError.SEND_ERROR, "Send failure: " + text(cause));
        }
        if (e instanceof UnknownHostException) {
            if (proxy != null && String.valueOf(e.getMessage()).startsWith(proxy.host())) {
                return new EngineFailure(CurlError.COULDNT_RESOLVE_PROXY, "Could not resolve proxy: " + proxy.host());
            }
            return new EngineFailure(CurlError.COULDNT_RESOLVE_HOST, "Could not resolve host: " + url.getHost());
        }
        if (e instanceof InterruptedIOException) {   // connect, socket, pool lease timeouts
            return timeout(deadline);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            String where = proxy != null ? "proxy " + proxy.host() + " port " + proxy.port() : host;
            return new EngineFailure(CurlError.COULDNT_CONNECT, "Failed to connect to " + where + ": " + text(e));
        }
        if (e instanceof SSLException s && !statusReceived) {
            return tls(s);
        }
        if (e instanceof H2StreamResetException r) {
            String error = h2Error(r.getCode());
            if (String.valueOf(r.getMessage()).startsWith("Connection terminated")) {
                return new EngineFailure(CurlError.HTTP2, "the server ended the HTTP/2 connection (GOAWAY, " + error + ")");
            }
            return new EngineFailure(CurlError.HTTP2_STREAM, "the server reset the HTTP/2 stream (RST_STREAM, " + error + ")");
        }
        if (e instanceof HPackException) {
            return new EngineFailure(CurlError.HTTP2, "HTTP/2 header block does not decode (COMPRESSION_ERROR): " + text(e));
        }
        if (e instanceof H2ConnectionException c) {
            return new EngineFailure(CurlError.HTTP2, "HTTP/2 connection error (" + h2Error(c.getCode()) + "): " + text(e));
        }
        if (e instanceof NoHttpResponseException || (e instanceof ConnectionClosedException && !statusReceived)) {
            // the classic transport says NoHttpResponse, the asynchronous one ConnectionClosed
            return new EngineFailure(CurlError.GOT_NOTHING, "Empty reply from server");
        }
        if (e instanceof ParseException p && !statusReceived && isStatusLine(p)) {
            // the asynchronous transport's parser (the classic one has its own strict one, above)
            return new EngineFailure(CurlError.UNSUPPORTED_PROTOCOL, "Received HTTP/0.9 when not allowed: " + text(e));
        }
        if (e instanceof TruncatedChunkException
                || (e instanceof ConnectionClosedException && statusReceived)) {
            return new EngineFailure(CurlError.PARTIAL_FILE,
                    "transfer closed with outstanding read data remaining: " + text(e));
        }
        if (e instanceof MalformedChunkCodingException) {
            return new EngineFailure(CurlError.RECV_ERROR, "Malformed encoding found in chunked-encoding: " + text(e));
        }
        if (e instanceof HttpException || e instanceof MessageConstraintException) {
            return new EngineFailure(CurlError.WEIRD_SERVER_REPLY, "Weird server reply: " + text(e));
        }
        if (e instanceof IOException) {
            return new EngineFailure(CurlError.RECV_ERROR, "Recv failure: " + text(e));
        }
        return new EngineFailure(CurlError.RECV_ERROR, "internal failure: " + text(e));
    }

    /** Code 42: the calling thread was interrupted (its interrupt flag stays set). */
    static EngineFailure aborted() {
        return new EngineFailure(CurlError.ABORTED_BY_CALLBACK,
                "Operation aborted: the calling thread was interrupted");
    }

    /** Code 42: the caller cancelled the call (its future). */
    static EngineFailure cancelled() {
        return new EngineFailure(CurlError.ABORTED_BY_CALLBACK, "Operation aborted: the call was cancelled");
    }

    /** Code 2: the engine was closed. */
    static EngineFailure closed() {
        return new EngineFailure(CurlError.FAILED_INIT, "the engine is closed");
    }

    private static String h2Error(int code) {
        H2Error e = H2Error.getByCode(code);
        return e != null ? e.name() : "error " + code;
    }

    /**
     * {@code true} for a failure that says the server did not process the request at all, so it
     * may be sent again anywhere: HTTP/2's REFUSED_STREAM, and a graceful GOAWAY that left the
     * stream out (RFC 9113, section 8.7).
     */
    static boolean notProcessed(Throwable e) {
        return e instanceof RequestNotExecutedException
                || e instanceof H2StreamResetException r && r.getCode() == H2Error.REFUSED_STREAM.getCode();
    }

    /** Whether a parse failure is about the status line (curl: 1) rather than a header (curl: 8). */
    private static boolean isStatusLine(ParseException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("Invalid protocol") || m.startsWith("Status line") || m.startsWith("Invalid status");
    }

    /** Code 28 in curl's words. */
    static EngineFailure timeout(Deadline deadline) {
        return new EngineFailure(CurlError.OPERATION_TIMEDOUT, deadline.isSet()
                ? "Operation timed out after " + deadline.budgetMillis() + " milliseconds"
                : "Operation timed out");
    }

    /** Verification failures are 60, every other TLS failure before a response is 35. */
    private static EngineFailure tls(SSLException e) {
        if (e instanceof SSLPeerUnverifiedException || hasCause(e, CertificateException.class)
                || hasCause(e, CertPathValidatorException.class) || hasCause(e, CertPathBuilderException.class)) {
            return new EngineFailure(CurlError.PEER_FAILED_VERIFICATION, "SSL certificate problem: " + text(e));
        }
        return new EngineFailure(CurlError.SSL_CONNECT_ERROR, "SSL connect error: " + text(e));
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String text(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    /** {@code true} for a failure that means the peer got the request but nothing came back. */
    static boolean nothingReceived(Throwable e) {
        return e instanceof NoHttpResponseException
                || e instanceof ConnectionClosedException
                || e instanceof QuietConnectionFactory.SendFailedException
                || (e instanceof SocketException && !(e instanceof ConnectException));
    }
}
