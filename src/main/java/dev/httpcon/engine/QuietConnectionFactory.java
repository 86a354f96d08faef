package dev.httpcon.engine;

import dev.httpcon.Redaction;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.CharArrayBuffer;
import org.apache.hc.core5.util.Timeout;

/**
 * Makes the engine's HTTP/1.1 connections. They differ from HttpClient's own in three ways:
 * <ul>
 *   <li>they never log headers or wire bytes: HttpClient's {@code org.apache.hc.client5.http.headers}
 *       and {@code .wire} DEBUG loggers would print {@code Authorization} headers (credentials) of
 *       its own connections, and nobody enabling DEBUG logging expects to leak passwords;</li>
 *   <li>a malformed status line fails as {@link BadStatusLineException} (curl's code 1, "Received
 *       HTTP/0.9 when not allowed"), told apart from a malformed header (code 8); HttpClient's
 *       default lenient parser would skip garbage lines instead;</li>
 *   <li>a failure while sending the request is marked as {@link SendFailedException} (code 55);</li>
 *   <li>the request line is never logged with its query values: HttpClient's
 *       {@code MainClientExec} logs {@code executing GET /path?query} at DEBUG, and a query often
 *       carries a token. {@link #HIDE_QUERY} shows it the target with the values masked, and
 *       the connection puts the real one back just before writing (see {@link #HIDE_QUERY}).</li>
 * </ul>
 */
final class QuietConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {

    static final QuietConnectionFactory INSTANCE = new QuietConnectionFactory();

    /** Header limits, close to curl's (100 KiB per header line). */
    private static final Http1Config H1 = Http1Config.custom()
            .setMaxLineLength(100 * 1024)
            .setMaxHeaderCount(1000)
            .build();

    private static final AtomicLong COUNTER = new AtomicLong();

    /**
     * The real request target of the request on its way to this thread's connection, while
     * HttpClient's main transport (which logs it) sees it masked: {@code {request, path}}. The
     * classic exchange is synchronous, so the log line and the write happen on this thread, in
     * that order. A JDK type, set and removed within one exchange: nothing of ours stays pinned.
     */
    private static final ThreadLocal<Object[]> HIDDEN_TARGET = new ThreadLocal<>();

    /**
     * An exec interceptor for just before HttpClient's main transport: a target with a query is
     * replaced by {@link Redaction#url(String)} of it (values masked) while the transport logs it,
     * and restored by the connection before the request line is written, or here if the request
     * never got that far.
     */
    static final ExecChainHandler HIDE_QUERY = (request, scope, chain) -> {
        String path = request.getPath();
        if (path == null || path.indexOf('?') < 0) {
            return chain.proceed(request, scope);
        }
        HIDDEN_TARGET.set(new Object[] {request, path});
        request.setPath(Redaction.url(path));
        try {
            return chain.proceed(request, scope);
        } finally {
            HIDDEN_TARGET.remove();
            request.setPath(path);
        }
    };

    private QuietConnectionFactory() {
    }

    /** Puts back the real target {@link #HIDE_QUERY} hid, if {@code request} is the one it hid it from. */
    private static void restoreTarget(ClassicHttpRequest request) {
        Object[] hidden = HIDDEN_TARGET.get();
        if (hidden != null && hidden[0] == request) {
            request.setPath((String) hidden[1]);
            HIDDEN_TARGET.remove();
        }
    }

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        QuietConnection conn = new QuietConnection("httpcon-" + COUNTER.incrementAndGet());
        if (socket != null) {
            conn.bind(socket);
        }
        return conn;
    }

    /** The status line is not HTTP/1.x with a three-digit status (curl: code 1). */
    static final class BadStatusLineException extends ProtocolException {
        private static final long serialVersionUID = 1L;

        BadStatusLineException(String message) {
            super(message);
        }
    }

    /** Writing the request to the peer failed (curl: code 55). The cause is the I/O error. */
    static final class SendFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        SendFailedException(IOException cause) {
            super("failed sending the request: " + cause.getMessage(), cause);
        }
    }

    private static final class QuietConnection extends DefaultManagedHttpClientConnection {

        QuietConnection(String id) {
            super(id, null, null, H1, null, null, null, config -> new StrictResponseParser(H1));
        }

        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(new SocketHolder(sslSocket, socket));
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            // No header logging: see the class comment.
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
            // No header logging: see the class comment.
        }

        @Override
        public void sendRequestHeader(ClassicHttpRequest request) throws HttpException, IOException {
            restoreTarget(request);
            try {
                super.sendRequestHeader(request);
            } catch (IOException e) {
                throw new SendFailedException(e);
            }
        }

        @Override
        public void sendRequestEntity(ClassicHttpRequest request) throws HttpException, IOException {
            try {
                super.sendRequestEntity(request);
            } catch (IOException e) {
                throw new SendFailedException(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                super.flush();
            } catch (IOException e) {
                throw new SendFailedException(e);
            }
        }

        /*
         * A refused or failed connect closes the socket (java.net.Socket does), and HttpClient then
         * disposes of the connection as of a live one: it reads and sets the socket timeout for a
         * graceful close and sets SO_LINGER for an immediate one. On a closed socket each of those
         * throws a SocketException that HttpClient ignores, but not before filling in its stack
         * trace (the exec chain, the engine, and the CDI interceptors: well over a hundred frames).
         * That was about a third of the allocation and much of the CPU of a failover whose primary
         * refuses connections (bench/RESULTS.md). On a closed socket there is nothing to set.
         */

        @Override
        public Timeout getSocketTimeout() {
            return socketClosed() ? Timeout.INFINITE : super.getSocketTimeout();   // INFINITE: what super answers on an error
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            if (!socketClosed()) {
                super.setSocketTimeout(timeout);
            }
        }

        /** Whether a socket is bound and already closed. */
        private boolean socketClosed() {
            SocketHolder holder = getSocketHolder();
            return holder != null && holder.getSocket().isClosed();
        }

        @Override
        public void close(CloseMode mode) {
            SocketHolder plain = getSocketHolder();
            if (mode == CloseMode.IMMEDIATE && plain != null && plain.getSSLSocket() == null
                    && plain.getBaseSocket().isClosed()) {
                super.close(CloseMode.GRACEFUL);   // no SO_LINGER on a closed plain socket: only the bookkeeping
                return;
            }
            // Cancelling at the deadline closes the connection from the timer thread while the
            // caller may be blocked reading a TLS socket: close the plain socket underneath first,
            // so the blocked read ends at once instead of waiting for a TLS close handshake.
            SocketHolder holder = getSocketHolder();
            if (mode == CloseMode.IMMEDIATE && holder != null && holder.getSSLSocket() != null) {
                try {
                    holder.getBaseSocket().close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            super.close(mode);
        }
    }

    /** The core parser, with status line failures told apart and the status range checked. */
    private static final class StrictResponseParser extends DefaultHttpResponseParser {

        StrictResponseParser(Http1Config config) {
            super(config);
        }

        @Override
        protected ClassicHttpResponse createMessage(CharArrayBuffer buffer) throws IOException, HttpException {
            ClassicHttpResponse response;
            try {
                response = super.createMessage(buffer);
            } catch (ParseException e) {
                throw new BadStatusLineException("Received HTTP/0.9 when not allowed (status line: "
                        + printable(buffer) + ")");
            }
            int code = response.getCode();
            if (code < 100 || code > 999) {
                throw new BadStatusLineException("Unsupported response code in HTTP response: " + printable(buffer));
            }
            if (response.getVersion() == null || response.getVersion().getMajor() != 1) {
                throw new BadStatusLineException("Unsupported HTTP version in response: " + printable(buffer));
            }
            return response;
        }

        private static String printable(CharArrayBuffer buffer) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < buffer.length() && i < 40; i++) {
                char c = buffer.charAt(i);
                sb.append(c < 0x20 || c >= 0x7f ? '?' : c);
            }
            return buffer.length() > 40 ? sb + "..." : sb.toString();
        }
    }
}
