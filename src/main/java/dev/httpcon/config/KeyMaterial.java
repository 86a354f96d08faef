package dev.httpcon.config;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;
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

    /**
     * Whether a private key is the one of a public key: RSA by modulus; other algorithms by
     * signing a random challenge and verifying it, which needs no algorithm-specific math.
     */
    public static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        if (key instanceof RSAKey rsaKey) {
            return publicKey instanceof RSAKey rsaPublic && rsaKey.getModulus().equals(rsaPublic.getModulus());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 name their own signature
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // e.g. an EC key against an RSA certificate
        }
    }

    /** Whether the private key belongs to the first certificate of the chain. */
    public boolean keyMatchesCertificate() {
        return belongTogether(key, chain.get(0).getPublicKey());
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
