package dev.httpcon.engine;

import dev.httpcon.CurlError;
import dev.httpcon.config.KeyMaterial;
import dev.httpcon.config.TlsSettings;
import dev.httpcon.config.TlsVersion;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * Turns a connection's {@link TlsSettings} into HttpClient's TLS strategy: trust (the JVM's store,
 * the {@code cacert} certificates instead, or anything when {@code verify_peer} is off), the host
 * name check ({@code verify_host}), a client certificate, a minimum protocol version and cipher
 * suites. SNI is sent by JSSE for host names.
 *
 * <p>Settings that cannot work (a client key that does not belong to its certificate, an unknown
 * cipher suite) do not fail here: they give a strategy that fails every TLS connection with the
 * matching curl code (58, 59), so plain-http requests of the same connection still work, as in
 * curl, which only reads TLS options when it opens a TLS connection.
 */
final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * HttpClient's TLS strategy for both transports: the classic one upgrades sockets, the
     * asynchronous one (HTTP/2 by ALPN, asynchronous calls) upgrades I/O sessions; the same
     * trust, key, version, cipher, host name and SNI rules apply to both.
     */
    interface Strategy extends TlsSocketStrategy, TlsStrategy {
    }

    /** The strategy for these settings; never throws. */
    static Strategy strategy(TlsSettings tls) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(tls.keyMaterial()), trustManagers(tls), new SecureRandom());
            String[] protocols = tls.minVersion() == TlsVersion.DEFAULT ? null
                    : tls.minVersion().protocols().toArray(new String[0]);
            String[] ciphers = tls.cipherSuites().isEmpty() ? null : ciphers(ctx, tls.cipherSuites());
            // HostnameVerificationPolicy.CLIENT: our verifier decides alone. With the default policy
            // JSSE checks the name as well, and a switched-off verify_host would still fail.
            HostnameVerifier verifier = tls.verifyHost() ? new DefaultHostnameVerifier() : NoopHostnameVerifier.INSTANCE;
            return new SniStrategy(ctx, protocols, ciphers, verifier);
        } catch (TlsSetupException e) {
            return new Failing(e.error(), e.getMessage());
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Failing(CurlError.SSL_CONNECT_ERROR, "TLS setup failed: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    private static KeyManager[] keyManagers(KeyMaterial material) throws TlsSetupException {
        if (material == null) {
            return null;
        }
        try {
            checkKeyMatches(material);
            char[] pw = "httpcon".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", material.key(), pw, material.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new TlsSetupException(CurlError.SSL_CERTPROBLEM, "unable to use the client certificate: "
                    + e.getClass().getSimpleName());
        }
    }

    /** OpenSSL refuses a key that does not belong to the certificate (curl: code 58); JSSE would not. */
    private static void checkKeyMatches(KeyMaterial material) throws TlsSetupException {
        if (!material.keyMatchesCertificate()) {
            throw new TlsSetupException(CurlError.SSL_CERTPROBLEM,
                    "unable to set private key: the client key does not match the client certificate");
        }
    }

    private static TrustManager[] trustManagers(TlsSettings tls) throws GeneralSecurityException {
        if (!tls.verifyPeer()) {
            return new TrustManager[] {TrustAll.INSTANCE};
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (tls.trusted().isEmpty()) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try {
                ks.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
            int i = 0;
            for (X509Certificate c : tls.trusted()) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            tmf.init(ks);
        }
        return tmf.getTrustManagers();
    }

    private static String[] ciphers(SSLContext ctx, List<String> wanted) throws TlsSetupException {
        Set<String> supported = new HashSet<>(Arrays.asList(ctx.getSupportedSSLParameters().getCipherSuites()));
        List<String> unknown = new ArrayList<>();
        for (String c : wanted) {
            if (!supported.contains(c)) {
                unknown.add(c);
            }
        }
        if (!unknown.isEmpty()) {
            throw new TlsSetupException(CurlError.SSL_CIPHER, "failed setting cipher list: not supported by this JVM: "
                    + unknown);
        }
        return wanted.toArray(new String[0]);
    }

    /**
     * Sends SNI for every host name, as curl (OpenSSL) does. JSSE sends it only for names with a
     * dot, so a certificate chosen by SNI for a single-label name ({@code localhost}, a
     * Kubernetes service) would otherwise not be found. The target reaches
     * {@link #initializeSocket} through a thread-local: the upgrade runs on the calling thread.
     */
    private static final class SniStrategy extends DefaultClientTlsStrategy implements Strategy {
        private static final ThreadLocal<String> TARGET = new ThreadLocal<>();

        SniStrategy(SSLContext ctx, String[] protocols, String[] ciphers, HostnameVerifier verifier) {
            super(ctx, protocols, ciphers, null, HostnameVerificationPolicy.CLIENT, verifier);
        }

        @Override
        public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
                throws IOException {
            TARGET.set(target);
            try {
                return super.upgrade(socket, target, port, attachment, context);
            } catch (SSLException | InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                // A reset or broken pipe in the middle of the handshake is a TLS failure (curl: 35):
                // typically the server refusing our certificate, or no certificate, without an alert.
                SSLHandshakeException h = new SSLHandshakeException("TLS handshake failed: " + e.getMessage());
                h.initCause(e);
                throw h;
            } finally {
                TARGET.remove();
            }
        }

        @Override
        protected void initializeSocket(SSLSocket socket) {
            SSLParameters p = withSni(socket.getSSLParameters(), TARGET.get());
            if (p != null) {
                socket.setSSLParameters(p);
            }
        }

        /** The asynchronous transport's engines know their peer's host name: no thread-local needed. */
        @Override
        protected void initializeEngine(SSLEngine engine) {
            SSLParameters p = withSni(engine.getSSLParameters(), engine.getPeerHost());
            if (p != null) {
                engine.setSSLParameters(p);   // keeps what HttpClient set (protocols, ciphers, ALPN)
            }
        }

        /** {@code p} with SNI for {@code host}, or null when JSSE's choice stands (an IP address, SNI already set). */
        private static SSLParameters withSni(SSLParameters p, String host) {
            if (host == null || host.isEmpty() || Character.digit(host.charAt(host.length() - 1), 16) >= 0
                    && (host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
                return null;   // no SNI for IP addresses (RFC 6066)
            }
            if (p.getServerNames() != null && !p.getServerNames().isEmpty()) {
                return null;
            }
            try {
                p.setServerNames(List.of(new SNIHostName(host)));
                return p;
            } catch (IllegalArgumentException notAHostName) {
                return null;   // leave it to JSSE
            }
        }
    }

    /** A TLS setting that cannot work, with its curl code; raised when a TLS connection is opened. */
    static final class TlsSetupException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient CurlError error;

        TlsSetupException(CurlError error, String message) {
            super(message);
            this.error = error;
        }

        CurlError error() {
            return error;
        }
    }

    private record Failing(CurlError error, String message) implements Strategy {
        @Override
        public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
                throws IOException {
            throw new TlsSetupException(error, message);
        }

        @Override
        public void upgrade(TransportSecurityLayer session, NamedEndpoint endpoint, Object attachment,
                            Timeout handshakeTimeout, FutureCallback<TransportSecurityLayer> callback) {
            if (callback != null) {
                callback.failed(new TlsSetupException(error, message));
            }
        }

        @Deprecated
        @Override
        public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress localAddress,
                               SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
            throw new UncheckedIOException(new TlsSetupException(error, message));
        }
    }

    /** {@code verify_peer} off: any certificate chain is accepted (the host name check is separate). */
    private static final class TrustAll extends X509ExtendedTrustManager {
        static final TrustAll INSTANCE = new TrustAll();

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
