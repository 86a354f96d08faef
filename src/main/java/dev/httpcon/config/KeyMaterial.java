package dev.httpcon.config;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A client certificate chain and its private key, read from the PEM files named by
 * {@code client_cert} and {@code client_key}. {@link #toString()} names the certificate subject
 * and never prints the key.
 */
public final class KeyMaterial {

    private final List<X509Certificate> chain;
    private final PrivateKey key;

    public KeyMaterial(List<X509Certificate> chain, PrivateKey key) {
        this.chain = List.copyOf(Objects.requireNonNull(chain, "chain must be set"));
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("a client certificate chain needs at least one certificate");
        }
        this.key = Objects.requireNonNull(key, "key must be set");
    }

    /** The certificate chain, the client's own certificate first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The private key. Never log or print it. */
    public PrivateKey key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyMaterial k && chain.equals(k.chain) && key.equals(k.key);
    }

    @Override
    public int hashCode() {
        return chain.hashCode();
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + chain.get(0).getSubjectX500Principal().getName() + ", key=****]";
    }
}
