package dev.httpcon.config;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The TLS settings of a connection, with the PEM material already read and checked at deployment.
 *
 * @param verifyPeer    the original's {@code verify_peer}: check the server's certificate chain
 * @param verifyHost    the original's {@code verify_host} (2 = true): check the host name against the certificate
 * @param minVersion    the original's {@code tlsversion}, as a minimum
 * @param cipherSuites  JSSE cipher suite names to enable, in order; empty for the JVM's defaults
 * @param caCert        where {@code cacert} was read from, or {@code null} for the JVM's trust store
 * @param trusted       the certificates read from {@code cacert}; empty when {@code caCert} is null
 * @param clientCert    where {@code client_cert} was read from, or {@code null}
 * @param clientKey     where {@code client_key} was read from, or {@code null}
 * @param keyMaterial   the client certificate chain and key, or {@code null}
 */
public record TlsSettings(boolean verifyPeer, boolean verifyHost, TlsVersion minVersion, List<String> cipherSuites,
                          PemSource caCert, List<X509Certificate> trusted,
                          PemSource clientCert, PemSource clientKey, KeyMaterial keyMaterial) {

    /** Verification on, JVM defaults for everything else. */
    public static final TlsSettings DEFAULTS =
            new TlsSettings(true, true, TlsVersion.DEFAULT, List.of(), null, List.of(), null, null, null);

    public TlsSettings {
        Objects.requireNonNull(minVersion, "minVersion must be set");
        cipherSuites = List.copyOf(Objects.requireNonNull(cipherSuites, "cipherSuites must be set"));
        trusted = List.copyOf(Objects.requireNonNull(trusted, "trusted must be set"));
        if ((clientCert == null) != (keyMaterial == null) || (clientKey == null) != (keyMaterial == null)) {
            throw new IllegalArgumentException("client_cert, client_key and their key material go together");
        }
    }
}
