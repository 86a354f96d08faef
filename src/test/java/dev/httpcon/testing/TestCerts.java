package dev.httpcon.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Certificates made in the test, in memory: a CA, server and client certificates signed by it,
 * self-signed and expired ones, written as PEM files when a test needs files. No keytool, no
 * files checked in.
 *
 * <pre>{@code
 * TestCerts.Ca ca = TestCerts.ca("Test CA");
 * TestCerts.Issued server = ca.server("localhost", "127.0.0.1");
 * Path caPem = ca.writeCert(dir.resolve("ca.pem"));
 * SSLContext serverCtx = server.serverContext(null);
 * }</pre>
 */
public final class TestCerts {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    private TestCerts() {
    }

    /** A new EC P-256 key pair (fast to make). */
    public static KeyPair ecKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new RSA 2048 key pair (slower; for PKCS#1 key file tests). */
    public static KeyPair rsaKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new certificate authority. */
    public static Ca ca(String commonName) {
        KeyPair keys = ecKeys();
        X509Certificate cert = build(new X500Name("CN=" + commonName), keys, new X500Name("CN=" + commonName),
                keys.getPrivate(), List.of(), List.of(), true, null, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)));
        return new Ca(cert, keys);
    }

    /** A self-signed server certificate for these names (DNS names and IP addresses). */
    public static Issued selfSigned(String commonName, String... names) {
        KeyPair keys = ecKeys();
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        split(names, dns, ips);
        X509Certificate cert = build(new X500Name("CN=" + commonName), keys, new X500Name("CN=" + commonName),
                keys.getPrivate(), dns, ips, false, KeyPurposeId.id_kp_serverAuth,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        return new Issued(cert, keys, List.of(cert));
    }

    /** A certificate authority that signs server and client certificates. */
    public static final class Ca {
        private final X509Certificate cert;
        private final KeyPair keys;

        private Ca(X509Certificate cert, KeyPair keys) {
            this.cert = cert;
            this.keys = keys;
        }

        public X509Certificate cert() {
            return cert;
        }

        /** A server certificate valid now for these DNS names and IP addresses. */
        public Issued server(String... names) {
            return issue(names[0], KeyPurposeId.id_kp_serverAuth, ecKeys(),
                    Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), names);
        }

        /** A server certificate that expired yesterday. */
        public Issued expiredServer(String... names) {
            return issue(names[0], KeyPurposeId.id_kp_serverAuth, ecKeys(),
                    Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)), names);
        }

        /** A client certificate. */
        public Issued client(String commonName) {
            return issue(commonName, KeyPurposeId.id_kp_clientAuth, ecKeys(),
                    Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        }

        /** A client certificate with an RSA key (its key can be written as PKCS#1). */
        public Issued rsaClient(String commonName) {
            return issue(commonName, KeyPurposeId.id_kp_clientAuth, rsaKeys(),
                    Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        }

        private Issued issue(String cn, KeyPurposeId purpose, KeyPair subjectKeys, Instant from, Instant to,
                             String... names) {
            List<String> dns = new ArrayList<>();
            List<String> ips = new ArrayList<>();
            split(names, dns, ips);
            X509Certificate c = build(new X500Name("CN=" + cn), subjectKeys,
                    new X500Name(cert.getSubjectX500Principal().getName()), keys.getPrivate(), dns, ips, false,
                    purpose, from, to);
            return new Issued(c, subjectKeys, List.of(c, cert));
        }

        /** Writes the CA certificate as PEM. */
        public Path writeCert(Path file) throws IOException {
            Files.writeString(file, pem(cert), StandardCharsets.US_ASCII);
            return file;
        }

        /** A trust store holding this CA. */
        public KeyStore trustStore() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setCertificateEntry("ca", cert);
                return ks;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A certificate with its key and chain (own certificate first). */
    public record Issued(X509Certificate cert, KeyPair keys, List<X509Certificate> chain) {

        /** A PKCS12 key store with this key and chain. */
        public KeyStore keyStore() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("key", keys.getPrivate(), STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
                return ks;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The password of {@link #keyStore()}. */
        public char[] storePassword() {
            return STORE_PASSWORD.clone();
        }

        /**
         * A server-side SSLContext with this key; trusting {@code clientCa} for client certificates
         * (or nothing when null).
         */
        public SSLContext serverContext(Ca clientCa) {
            return serverContext(clientCa == null ? List.of() : List.of(clientCa));
        }

        /** A server-side SSLContext with this key, trusting each of {@code clientCas} for client certificates. */
        public SSLContext serverContext(List<Ca> clientCas) {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore(), STORE_PASSWORD);
                TrustManagerFactory tmf = null;
                if (!clientCas.isEmpty()) {
                    KeyStore trusted = KeyStore.getInstance("PKCS12");
                    trusted.load(null, null);
                    for (int i = 0; i < clientCas.size(); i++) {
                        trusted.setCertificateEntry("ca" + i, clientCas.get(i).cert());
                    }
                    tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(trusted);
                }
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), new SecureRandom());
                return ctx;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Writes the certificate chain as PEM. */
        public Path writeCert(Path file) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (X509Certificate c : chain) {
                sb.append(pem(c));
            }
            Files.writeString(file, sb, StandardCharsets.US_ASCII);
            return file;
        }

        /** Writes the private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
        public Path writeKey(Path file) throws IOException {
            Files.writeString(file, pem(keys.getPrivate()), StandardCharsets.US_ASCII);
            return file;
        }

        /**
         * Writes the private key in OpenSSL's traditional form: {@code BEGIN RSA PRIVATE KEY}
         * (PKCS#1) or {@code BEGIN EC PRIVATE KEY} (SEC1).
         */
        public Path writeTraditionalKey(Path file) throws IOException {
            StringWriter out = new StringWriter();
            try (PemWriter w = new PemWriter(out)) {
                w.writeObject(new JcaMiscPEMGenerator(keys.getPrivate()));
            }
            Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
            return file;
        }
    }

    /** A certificate as PEM text. */
    public static String pem(X509Certificate cert) {
        try {
            return pem(new PemObject("CERTIFICATE", cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private key as PKCS#8 PEM text. */
    public static String pem(PrivateKey key) {
        return pem(new PemObject("PRIVATE KEY", key.getEncoded()));
    }

    private static String pem(PemObject o) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void split(String[] names, List<String> dns, List<String> ips) {
        for (String n : names) {
            if (n.matches("[0-9.]+") || n.contains(":")) {
                ips.add(n);
            } else {
                dns.add(n);
            }
        }
    }

    private static X509Certificate build(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey signer,
                                         List<String> dns, List<String> ips, boolean isCa, KeyPurposeId purpose,
                                         Instant from, Instant to) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), subject,
                    subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            List<GeneralName> sans = new ArrayList<>();
            dns.forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
            ips.forEach(i -> sans.add(new GeneralName(GeneralName.iPAddress, i)));
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            String alg = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            ContentSigner s = new JcaContentSignerBuilder(alg).build(signer);
            return new JcaX509CertificateConverter().getCertificate(b.build(s));
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }
}
