package dev.httpcon.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The conformance reference server (every endpoint of {@code shared/conformance/README.md}) on
 * Jetty 12's core API, on 127.0.0.1 and a free port. It records every request it receives (with
 * the server-side id of the TCP connection that carried it) and which connections were closed,
 * so tests can prove connection reuse from the server's side.
 *
 * <pre>{@code
 * try (ReferenceServer server = ReferenceServer.start()) {
 *     URI base = server.url();                           // http://127.0.0.1:<port>
 *     ... send GET /json ...
 *     RecordedRequest r = server.lastRequest();          // GET /json conn=1#1
 * }
 * try (ReferenceServer tls = ReferenceServer.builder().tls(ca.server("localhost", "127.0.0.1"))
 *         .requireClientCert(ca).start()) { ... }
 * }</pre>
 *
 * <p>Endpoints besides the README's: {@code /drip?n=&ms=&cut=} (n bytes, one every ms; the
 * connection closed after {@code cut} bytes),
 * {@code /redirect-to?url=&status=}, {@code /redir303}, {@code /redir308}, {@code /status?code=},
 * {@code /close-once?key=} (closes the connection the first time a key is seen, answers 200 after),
 * {@code /large?n=&chunked=1}, {@code /headers?h=Name:Value}, {@code /ntlm} (see {@link Ntlm}),
 * {@code /negotiate} (a Negotiate-only challenge), and any added with {@link #route}.
 * Timing parameters ({@code s}, {@code delay}) take fractions of a second.
 */
public final class ReferenceServer implements AutoCloseable {

    /** The user every auth endpoint accepts (unless the builder sets others). */
    public static final String USER = "oracle";
    /** Its password. */
    public static final String PASSWORD = "secret";
    public static final String BASIC_REALM = "oracle-basic";
    public static final String DIGEST_REALM = "oracle-digest";

    private static final List<String> PREFIXES = List.of("/base", "/ini", "/pfx");

    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<Connection, ConnectionInfo> connections = new ConcurrentHashMap<>();
    private final Set<EndPoint> endpoints = Collections.newSetFromMap(new ConcurrentHashMap<>());
    private final Set<Integer> closed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextConnection = new AtomicInteger();
    private final Map<String, Endpoint> routes = new ConcurrentHashMap<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final Set<String> closeOnceKeys = ConcurrentHashMap.newKeySet();
    private final String user;
    private final String password;
    private final Ntlm ntlm;
    private final boolean recording;
    private final AtomicInteger accepted = new AtomicInteger();
    private final SslContextFactory.Server ssl;
    private final List<TestCerts.Ca> clientCas;
    private final AtomicInteger open = new AtomicInteger();

    private record ConnectionInfo(int id, AtomicInteger requests) {
    }

    /** A test-specific endpoint; it must answer through the {@link Exchange}. */
    @FunctionalInterface
    public interface Endpoint {
        void handle(Exchange exchange) throws Exception;
    }

    /** A plain HTTP server. */
    public static ReferenceServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options: TLS with a certificate, a client certificate requirement, TLS versions and ciphers. */
    public static final class Builder {
        private TestCerts.Issued cert;
        private List<TestCerts.Ca> clientCas = List.of();
        private String[] protocols;
        private String[] ciphers;
        private String user = USER;
        private String password = PASSWORD;
        private boolean recording = true;
        private boolean http2;
        private int maxStreams = 1024;

        private Builder() {
        }

        /** How many HTTP/2 streams a connection may have open at once (default 1,024). */
        public Builder maxStreams(int maxStreams) {
            this.maxStreams = maxStreams;
            return this;
        }

        /**
         * Speak HTTP/2 as well as HTTP/1.1: over TLS, {@code h2} offered by ALPN (HTTP/1.1 for a
         * client that offers nothing else); in cleartext, h2c for a client that starts with the
         * HTTP/2 preface (prior knowledge), HTTP/1.1 for the others.
         */
        public Builder http2(boolean http2) {
            this.http2 = http2;
            return this;
        }

        /**
         * Whether to record requests (default yes). Load and soak tests turn it off: a million
         * recorded requests would be the test's own leak.
         */
        public Builder recording(boolean recording) {
            this.recording = recording;
            return this;
        }

        /** The credentials {@code /basic}, {@code /digest} and {@code /ntlm} accept (default oracle:secret). */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** Serve HTTPS with this certificate. */
        public Builder tls(TestCerts.Issued cert) {
            this.cert = cert;
            return this;
        }

        /** Require a client certificate signed by one of {@code cas} (HTTPS only). */
        public Builder requireClientCert(TestCerts.Ca... cas) {
            this.clientCas = List.of(cas);
            return this;
        }

        /** Only these TLS protocol versions, e.g. {@code "TLSv1.2"}. */
        public Builder protocols(String... protocols) {
            this.protocols = protocols;
            return this;
        }

        /** Only these cipher suites (JSSE names). */
        public Builder cipherSuites(String... ciphers) {
            this.ciphers = ciphers;
            return this;
        }

        public ReferenceServer start() {
            return new ReferenceServer(this);
        }
    }

    private ReferenceServer(Builder b) {
        this.tls = b.cert != null;
        this.recording = b.recording;
        this.user = b.user;
        this.password = b.password;
        this.ntlm = new Ntlm(b.user, b.password, "TESTDOM");
        QueuedThreadPool pool = new QueuedThreadPool(200, 4);
        pool.setName("refserver");
        pool.setDaemon(true);
        pool.setStopTimeout(200);
        server = new Server(pool);
        server.setStopTimeout(0);   // no graceful wait: handlers still sleeping for a gone client are cut
        HttpConfiguration cfg = new HttpConfiguration();
        cfg.setSendServerVersion(false);
        cfg.setSendDateHeader(false);
        cfg.setUriCompliance(UriCompliance.UNSAFE);   // record whatever the client sends
        // Room for the largest header httpcon sends (HttpRequest.MAX_HEADER_LENGTH, 100 KiB): with
        // Jetty's 8 KiB default the server answered 431 and closed while the client was still
        // writing, and the test saw 431 or a broken pipe (55), whichever won the race.
        cfg.setRequestHeaderSize(256 * 1024);
        if (tls) {
            // No SNI-vs-Host check: tests reach a "localhost" certificate as 127.0.0.1 (stack.md gotcha 5).
            cfg.addCustomizer(new SecureRequestCustomizer(false));
            ssl = new SslContextFactory.Server();
            clientCas = b.clientCas;
            ssl.setSslContext(b.cert.serverContext(clientCas));
            if (!clientCas.isEmpty()) {
                ssl.setNeedClientAuth(true);
            }
            if (b.protocols != null) {
                ssl.setIncludeProtocols(b.protocols);
            }
            if (b.ciphers != null) {
                ssl.setIncludeCipherSuites(b.ciphers);
            }
            if (b.http2) {
                ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
                alpn.setDefaultProtocol("http/1.1");
                connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                        h2(new HTTP2ServerConnectionFactory(cfg), b.maxStreams), new HttpConnectionFactory(cfg));
            } else {
                connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(cfg));
            }
        } else if (b.http2) {
            ssl = null;
            clientCas = List.of();
            connector = new ServerConnector(server, new HttpConnectionFactory(cfg),
                    h2(new HTTP2CServerConnectionFactory(cfg), b.maxStreams));
        } else {
            ssl = null;
            clientCas = List.of();
            connector = new ServerConnector(server, new HttpConnectionFactory(cfg));
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(30_000);
        connector.addBean(new Connection.Listener() {
            @Override
            public void onOpened(Connection c) {
                if (!(c.getEndPoint() instanceof SslConnection.SslEndPoint)) {   // count TCP connections, not TLS layers
                    accepted.incrementAndGet();
                    open.incrementAndGet();
                    if (recording) {
                        endpoints.add(c.getEndPoint());
                    }
                }
            }

            @Override
            public void onClosed(Connection c) {
                ConnectionInfo info = recording ? connections.get(c) : connections.remove(c);
                if (info != null && recording) {
                    closed.add(info.id());
                }
                if (!(c.getEndPoint() instanceof SslConnection.SslEndPoint)) {
                    open.decrementAndGet();
                }
            }
        });
        server.addConnector(connector);
        server.setHandler(new Root());
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("reference server did not start", e);
        }
    }

    /** HTTP/2 with room for {@code maxStreams} streams at once (header sizes come from the HttpConfiguration). */
    private static <F extends org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory> F h2(F f, int maxStreams) {
        f.setMaxConcurrentStreams(maxStreams);
        return f;
    }

    /**
     * Serves {@code cert} from now on, as a server whose certificate is rotated: new TLS handshakes
     * get it, connections open keep theirs. HTTPS only.
     */
    public void rotate(TestCerts.Issued cert) {
        try {
            ssl.reload(f -> f.setSslContext(cert.serverContext(clientCas)));
        } catch (Exception e) {
            throw new IllegalStateException("certificate not rotated", e);
        }
    }

    /** The base URL, {@code http://127.0.0.1:<port>} (or https). */
    public URI url() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port());
    }

    /** The base URL plus a path (and query), e.g. {@code url("/json")}. */
    public URI url(String pathAndQuery) {
        return URI.create(url() + pathAndQuery);
    }

    /** A URL naming this server by another host name (e.g. {@code "localhost"}, for certificate checks). */
    public URI url(String host, String pathAndQuery) {
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + port() + pathAndQuery);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Adds an endpoint at exactly {@code path} (after prefix stripping), ahead of the built-in ones. */
    public ReferenceServer route(String path, Endpoint endpoint) {
        routes.put(path, endpoint);
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests whose path (without prefix stripping) is {@code path}. */
    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The last request received; fails if none. */
    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the server received no request");
        }
        return requests.get(requests.size() - 1);
    }

    /** Forgets recorded requests (connection ids keep counting). */
    public void reset() {
        requests.clear();
    }

    /** TCP connections accepted so far (including those that never carried a request). */
    public int acceptedConnections() {
        return recording ? endpoints.size() : accepted.get();
    }

    /** TCP connections open right now. */
    public int openConnections() {
        return open.get();
    }

    /** Whether the server has seen connection {@code id} closed (by either side). */
    public boolean isClosed(int connectionId) {
        return closed.contains(connectionId);
    }

    /** Waits up to {@code max} for connection {@code id} to be closed; returns whether it was. */
    public boolean awaitClosed(int connectionId, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (!closed.contains(connectionId) && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return closed.contains(connectionId);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("reference server did not stop", e);
        }
    }

    private final class Root extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Exchange ex = new Exchange(request, response, callback, record(request));
            try {
                dispatch(ex);
                if (!ex.completed) {
                    ex.text(500, "handler did not answer\n");
                }
            } catch (Throwable t) {
                if (!ex.completed) {
                    ex.completed = true;
                    callback.failed(t);
                }
            }
            return true;
        }
    }

    private RecordedRequest record(Request request) throws IOException {
        Connection c = request.getConnectionMetaData().getConnection();
        ConnectionInfo info = connections.computeIfAbsent(c,
                k -> new ConnectionInfo(nextConnection.incrementAndGet(), new AtomicInteger()));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HttpField f : request.getHeaders()) {
            headers.add(Map.entry(f.getName(), f.getValue()));
        }
        byte[] body = Content.Source.asInputStream(request).readAllBytes();
        String sni = null;
        String clientCert = null;
        EndPoint.SslSessionData ssl = c.getEndPoint().getSslSessionData();
        if (ssl != null) {
            SSLSession session = ssl.sslSession();
            if (session instanceof ExtendedSSLSession ext) {
                for (SNIServerName n : ext.getRequestedServerNames()) {
                    if (n instanceof SNIHostName h) {
                        sni = h.getAsciiName();
                    }
                }
            }
            if (ssl.peerCertificates() != null && ssl.peerCertificates().length > 0) {
                clientCert = ssl.peerCertificates()[0].getSubjectX500Principal().getName();
            }
        }
        RecordedRequest r = new RecordedRequest(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), headers, body, info.id(), info.requests().incrementAndGet(), sni,
                clientCert);
        if (recording) {
            requests.add(r);
        }
        return r;
    }

    private void dispatch(Exchange ex) throws Exception {
        String path = ex.path;
        Endpoint custom = routes.get(path);
        if (custom != null) {
            custom.handle(ex);
            return;
        }
        if (path.startsWith("/backup")) {
            ex.json(200, ordered("served_by", "backup", "path", ex.recorded.path(), "method", ex.recorded.method()),
                    "\n");
            return;
        }
        if (path.startsWith("/fail")) {
            ex.text(503, "fail prefix\n");
            return;
        }
        switch (path) {
            case "/" -> ex.text(200, "root\n");
            case "/json" -> ex.respond(200, "application/json", bytes("{\"status\":\"ok\",\"n\":1}"));
            case "/multiline" -> ex.text(200, "line1\nline2\nline3\n");
            case "/empty204" -> ex.respond(204, null, new byte[0]);
            case "/notfound" -> ex.text(404, "not found body\nsecond line\n");
            case "/error500" -> ex.text(500, "internal error body\nsecond line\n");
            case "/unavail503" -> ex.respond(503, "text/plain", bytes("service unavailable body\n"), "Retry-After", "1");
            case "/redir302a" -> ex.redirect(302, "/redir302b", "moving a\n");
            case "/redir302b" -> ex.redirect(302, "/json", "moving b\n");
            case "/redir301" -> ex.redirect(301, "/json", "moved\n");
            case "/redir307" -> ex.redirect(307, "/echo?from=307", "temporary\n");
            case "/redir308" -> ex.redirect(308, "/echo?from=308", "permanent\n");
            case "/redir302post" -> ex.redirect(302, "/echo?from=302", "found\n");
            case "/redir303" -> ex.redirect(303, "/echo?from=303", "see other\n");
            case "/loop" -> {
                ex.sleep(ex.doubleParam("delay", 0));
                ex.redirect(302, ex.recorded.target(), "loop\n");
            }
            case "/chain" -> {
                int n = ex.intParam("n", 0);
                int max = ex.intParam("max", 0);
                if (n < max) {
                    ex.redirect(302, "/chain?n=" + (n + 1) + "&max=" + max, "chain " + n + "\n");
                } else {
                    ex.text(200, "chain end n=" + n + "\n");
                }
            }
            case "/slow" -> {
                if (ex.sleep(ex.doubleParam("s", 1))) {
                    ex.text(200, "slow done\n");
                } else {
                    ex.closeConnection();
                }
            }
            case "/large" -> large(ex);
            case "/largelines" -> ex.respond(200, "text/plain", largeLines(ex.intParam("n", 0)));
            case "/echo" -> echo(ex);
            case "/basic" -> basic(ex);
            case "/digest" -> digest(ex);
            case "/ntlm" -> ntlm.handle(ex);
            case "/negotiate" -> ex.respond(401, "text/plain", bytes("unauthorized negotiate\n"),
                    "WWW-Authenticate", "Negotiate");
            case "/close" -> ex.closeConnection();
            case "/close-once" -> {
                if (closeOnceKeys.add(ex.param("key") == null ? "" : ex.param("key"))) {
                    ex.closeConnection();
                } else {
                    ex.text(200, "ok\n");
                }
            }
            case "/nonutf8" -> ex.respond(200, "application/octet-stream",
                    new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x80, 0x41, 0x42, 0x43, 0x0a, (byte) 0xc3, 0x28});
            case "/charset" -> ex.respond(200, "text/plain; charset=utf-8", bytes("héllo wörld\n"));
            case "/drip" -> drip(ex);
            case "/redirect-to" -> ex.redirect(ex.intParam("status", 302), ex.param("url"),
                    "redirecting\n" + "p".repeat(ex.intParam("pad", 0)));
            case "/status" -> {
                int code = ex.intParam("code", 200);
                ex.respond(code, "text/plain", code == 204 || code == 304 ? new byte[0] : bytes("status " + code + "\n"));
            }
            case "/headers" -> {
                List<String> pairs = new ArrayList<>();
                for (String h : ex.params("h")) {
                    int colon = h.indexOf(':');
                    pairs.add(h.substring(0, colon));
                    pairs.add(h.substring(colon + 1));
                }
                ex.respond(200, "text/plain", bytes("headers\n"), pairs.toArray(new String[0]));
            }
            default -> ex.text(404, "no such endpoint " + path + "\n");
        }
    }

    private static void large(Exchange ex) throws IOException {
        int n = ex.intParam("n", 0);
        byte[] body = new byte[n];
        java.util.Arrays.fill(body, (byte) 'x');
        if (!"1".equals(ex.param("chunked"))) {
            ex.respond(200, "text/plain", body);
            return;
        }
        ex.response.setStatus(200);
        ex.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        for (int off = 0; off < n; off += 8192) {
            ex.write(java.util.Arrays.copyOfRange(body, off, Math.min(n, off + 8192)));
        }
        ex.end();
    }

    private static byte[] largeLines(int n) {
        byte[] body = new byte[n];
        for (int i = 0; i < n; i++) {
            body[i] = (byte) (i % 64 == 63 ? '\n' : 'y');
        }
        return body;
    }

    private static void drip(Exchange ex) throws IOException {
        int n = ex.intParam("n", 10);
        long ms = ex.intParam("ms", 1000);
        ex.response.setStatus(200);
        ex.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        ex.response.getHeaders().put(HttpHeader.CONTENT_LENGTH, n);
        int cut = ex.intParam("cut", n);   // close the connection after this many bytes
        for (int i = 0; i < n; i++) {
            if (i == cut) {
                ex.closeConnection();
                return;
            }
            ex.write(new byte[] {'d'});
            if (!ex.sleep(ms / 1000.0)) {
                ex.closeConnection();
                return;
            }
        }
        ex.end();
    }

    private static void echo(Exchange ex) throws IOException {
        RecordedRequest r = ex.recorded;
        List<List<String>> headers = new ArrayList<>();
        r.headers().forEach(h -> headers.add(List.of(h.getKey(), h.getValue())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", r.method());
        m.put("path", r.path());
        m.put("query", r.query());
        m.put("user_agent", r.header("User-Agent"));
        m.put("content_type", r.header("Content-Type"));
        m.put("authorization", r.header("Authorization"));
        m.put("headers", headers);
        m.put("body", r.bodyText());
        m.put("conn_id", r.connection());
        m.put("client_port", ((InetSocketAddress) ex.request.getConnectionMetaData().getRemoteSocketAddress()).getPort());
        m.put("sni", r.sni());
        m.put("client_cert", r.clientCert());
        ex.json(200, m, "");
    }

    private void basic(Exchange ex) throws IOException {
        String auth = ex.recorded.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            if (pair.equals(user + ":" + password)) {
                ex.json(200, ordered("auth", "basic", "user", user), "");
                return;
            }
        }
        ex.respond(401, "text/plain", bytes("unauthorized basic\n"),
                "WWW-Authenticate", "Basic realm=\"" + BASIC_REALM + "\"");
    }

    private static final Pattern PARAM = Pattern.compile("(\\w+)\\s*=\\s*(\"([^\"]*)\"|[^,\\s]*)");

    private void digest(Exchange ex) throws IOException {
        String auth = ex.recorded.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Digest ", 0, 7)) {
            Map<String, String> p = new LinkedHashMap<>();
            Matcher m = PARAM.matcher(auth.substring(7));
            while (m.find()) {
                p.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(3) != null ? m.group(3) : m.group(2));
            }
            String ha1 = md5(user + ":" + DIGEST_REALM + ":" + password);
            String ha2 = md5(ex.recorded.method() + ":" + p.get("uri"));
            String expected = md5(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":"
                    + p.get("qop") + ":" + ha2);
            if (user.equals(p.get("username")) && DIGEST_REALM.equals(p.get("realm")) && nonces.contains(p.get("nonce"))
                    && "auth".equals(p.get("qop")) && ex.recorded.target().equals(p.get("uri"))
                    && expected.equals(p.get("response"))) {
                Map<String, Object> ok = new LinkedHashMap<>();
                ok.put("auth", "digest");
                ok.put("user", user);
                ok.put("qop", p.get("qop"));
                ok.put("nc", p.get("nc"));
                ok.put("algorithm", p.getOrDefault("algorithm", "MD5"));
                ex.json(200, ok, "");
                return;
            }
        }
        byte[] n = new byte[16];
        new SecureRandom().nextBytes(n);
        String nonce = HexFormat.of().formatHex(n);
        nonces.add(nonce);
        ex.respond(401, "text/plain", bytes("unauthorized digest\n"), "WWW-Authenticate",
                "Digest realm=\"" + DIGEST_REALM + "\", qop=\"auth\", nonce=\"" + nonce
                        + "\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5");
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A map that keeps the order given (JSON fields in a fixed order, as the recording has them). */
    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One request being answered: what arrived, and helpers to answer it (blocking). */
    public static final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        /** The request as recorded. */
        public final RecordedRequest recorded;
        /** The path with a {@code /base}, {@code /ini} or {@code /pfx} prefix stripped. */
        public final String path;
        private final Map<String, List<String>> params = new LinkedHashMap<>();
        boolean completed;

        Exchange(Request request, Response response, Callback callback, RecordedRequest recorded) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.recorded = recorded;
            String p = recorded.path();
            for (String prefix : PREFIXES) {
                if (p.equals(prefix) || p.startsWith(prefix + "/")) {
                    p = p.substring(prefix.length());
                    break;
                }
            }
            this.path = p.isEmpty() ? "/" : p;
            if (recorded.query() != null) {
                for (String pair : recorded.query().split("&")) {
                    int eq = pair.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
            }
        }

        /** The first value of a query parameter, or {@code null}. */
        public String param(String name) {
            List<String> v = params.get(name);
            return v == null ? null : v.get(0);
        }

        /** Every value of a query parameter. */
        public List<String> params(String name) {
            return params.getOrDefault(name, List.of());
        }

        public int intParam(String name, int dflt) {
            String v = param(name);
            return v == null ? dflt : Integer.parseInt(v);
        }

        public double doubleParam(String name, double dflt) {
            String v = param(name);
            return v == null ? dflt : Double.parseDouble(v);
        }

        /** A complete response: status, content type (or null), body, then header name/value pairs. */
        public void respond(int status, String contentType, byte[] body, String... headerPairs) {
            response.setStatus(status);
            if (contentType != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            }
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                response.getHeaders().add(headerPairs[i], headerPairs[i + 1]);
            }
            completed = true;
            if (status == 204 || status == 304) {
                callback.succeeded();
                return;
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }

        public void text(int status, String text) {
            respond(status, "text/plain", bytes(text));
        }

        public void json(int status, Object value, String suffix) {
            respond(status, "application/json", bytes(Json.write(value) + suffix));
        }

        public void redirect(int status, String location, String body) {
            respond(status, "text/plain", bytes(body), "Location", location);
        }

        /** Starts a response of unknown length (chunked, or HTTP/2 DATA frames): its body comes with {@link #write}. */
        public void begin(int status, String contentType) {
            response.setStatus(status);
            if (contentType != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            }
        }

        /** Writes part of a body and flushes it (status and headers must be set first). */
        public void write(byte[] chunk) throws IOException {
            try (Blocker.Callback b = Blocker.callback()) {
                response.write(false, ByteBuffer.wrap(chunk), b);
                b.block();
            }
        }

        /** Ends a body written with {@link #write}. */
        public void end() {
            completed = true;
            response.write(true, ByteBuffer.allocate(0), callback);
        }

        /** Closes the TCP connection without (any more of) a response. */
        public void closeConnection() {
            completed = true;
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.succeeded();   // nothing can be written any more; failing it would log an error page
        }

        /**
         * Sleeps, waking early if the client went away or the server stops; returns whether the
         * whole time passed.
         */
        public boolean sleep(double seconds) {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            EndPoint ep = request.getConnectionMetaData().getConnection().getEndPoint();
            while (System.nanoTime() < end) {
                if (!ep.isOpen()) {
                    return false;
                }
                try {
                    Thread.sleep(Math.min(20, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return ep.isOpen();
        }
    }
}
