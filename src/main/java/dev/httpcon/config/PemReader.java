package dev.httpcon.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads certificates and private keys from PEM files, each file once per load.
 *
 * <p>Keys: unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY})
 * and SEC1 ({@code BEGIN EC PRIVATE KEY}); the last two are wrapped into PKCS#8 here (see
 * {@link Der}), since the JDK reads only PKCS#8. Encrypted keys are refused with the command that
 * decrypts them: a key password would be one more secret to keep in configuration.
 */
final class PemReader {

    /** One {@code -----BEGIN type-----} block: its type, its RFC 1421 headers and its decoded body. */
    record Block(String type, Map<String, String> headers, byte[] der) {
    }

    // OIDs as DER elements: rsaEncryption (1.2.840.113549.1.1.1) and id-ecPublicKey (1.2.840.10045.2.1).
    private static final byte[] RSA_ENCRYPTION =
            {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
    private static final byte[] VERSION_0 = Der.encode(Der.INTEGER, new byte[] {0});

    /** The key algorithms a PKCS#8 key may use, tried in turn (the common ones first). */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA");

    private static final String KEY_FORMS =
            "-----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----";

    private final Memo<List<Block>> blocks = new Memo<>();
    private final Memo<List<X509Certificate>> certificates = new Memo<>();
    private final Memo<PrivateKey> keys = new Memo<>();

    /** The certificates in a PEM file, in file order. @throws BadValue if there are none or one is broken */
    List<X509Certificate> certificates(FileResolver.Found file) {
        return certificates.get(file.source().location(), location -> readCertificates(blocks(file)));
    }

    /** The one private key in a PEM file. @throws BadValue if there is none, more than one, or it cannot be read */
    PrivateKey privateKey(FileResolver.Found file) {
        return keys.get(file.source().location(), location -> readKey(blocks(file)));
    }

    private List<Block> blocks(FileResolver.Found file) {
        return blocks.get(file.source().location(), location -> parse(file.read()));
    }

    /** The PEM blocks of a file. @throws BadValue if it is not PEM */
    private static List<Block> parse(byte[] bytes) {
        // ISO-8859-1 maps every byte to a char, so a binary (DER) file gives a clear "not PEM" below.
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n|\n|\r");
        List<Block> found = new ArrayList<>();
        String type = null;
        StringBuilder body = new StringBuilder();
        Map<String, String> headers = new HashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (type == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----") && line.length() > 16) {
                    type = line.substring(11, line.length() - 5);
                    body.setLength(0);
                    headers = new HashMap<>();
                }
            } else if (line.equals("-----END " + type + "-----")) {
                found.add(new Block(type, Map.copyOf(headers), decode(type, body.toString())));
                type = null;
            } else if (line.startsWith("-----")) {
                throw new BadValue("not valid PEM: -----BEGIN " + type + "----- has no matching END line");
            } else if (line.contains(":")) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            } else {
                body.append(line);
            }
        }
        if (type != null) {
            throw new BadValue("not valid PEM: -----BEGIN " + type + "----- has no matching END line");
        }
        if (found.isEmpty()) {
            throw new BadValue("not a PEM file (no -----BEGIN line); convert a DER file with "
                    + "openssl x509 -inform der (certificates) or openssl pkey -inform der (keys)");
        }
        return List.copyOf(found);
    }

    private static byte[] decode(String type, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new BadValue("not valid PEM: the " + type + " block is not valid base64");
        }
    }

    private static List<X509Certificate> readCertificates(List<Block> blocks) {
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JVM cannot read X.509 certificates", e);
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (Block b : blocks) {
            if (b.type().equals("CERTIFICATE")) {
                try {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                } catch (CertificateException e) {
                    throw new BadValue("certificate " + (certs.size() + 1) + " in the file is not a valid X.509 "
                            + "certificate (" + e.getMessage() + ")");
                }
            }
        }
        if (certs.isEmpty()) {
            throw new BadValue("no certificate in it: expected one or more -----BEGIN CERTIFICATE----- blocks");
        }
        return List.copyOf(certs);
    }

    private static PrivateKey readKey(List<Block> blocks) {
        List<Block> keyBlocks = blocks.stream().filter(b -> b.type().endsWith("PRIVATE KEY")).toList();
        if (keyBlocks.isEmpty()) {
            throw new BadValue("no private key in it: expected " + KEY_FORMS);
        }
        if (keyBlocks.size() > 1) {
            throw new BadValue("holds " + keyBlocks.size() + " private keys: expected exactly one");
        }
        Block key = keyBlocks.get(0);
        if (key.type().equals("ENCRYPTED PRIVATE KEY") || key.headers().getOrDefault("Proc-Type", "").contains("ENCRYPTED")) {
            throw new BadValue("encrypted keys are not supported; decrypt it with openssl pkey -in KEY -out KEY.pem");
        }
        try {
            return switch (key.type()) {
                case "PRIVATE KEY" -> pkcs8(key.der());
                case "RSA PRIVATE KEY" -> pkcs8(wrap(RSA_ENCRYPTION, Der.encode(Der.NULL), key.der()));
                case "EC PRIVATE KEY" -> pkcs8(wrap(EC_PUBLIC_KEY, curveOf(key.der()), key.der()));
                default -> throw new BadValue("unsupported key type '" + key.type() + "': expected " + KEY_FORMS
                        + " (convert with openssl pkey -in KEY -out KEY.pem)");
            };
        } catch (IllegalArgumentException e) {
            throw new BadValue("the " + key.type() + " block is not a valid key (" + e.getMessage() + ")");
        }
    }

    /** PKCS#8 PrivateKeyInfo: version 0, the algorithm (OID and parameter), the traditional key as an octet string. */
    private static byte[] wrap(byte[] algorithm, byte[] parameter, byte[] traditionalKey) {
        return Der.encode(Der.SEQUENCE, VERSION_0, Der.encode(Der.SEQUENCE, algorithm, parameter),
                Der.encode(Der.OCTET_STRING, traditionalKey));
    }

    /** The named curve of a SEC1 key: the OID in its [0] field, which PKCS#8 moves into the algorithm. */
    private static byte[] curveOf(byte[] sec1) {
        for (byte[] field : Der.children(sec1)) {
            if (Der.tag(field) == Der.CONTEXT_0) {
                byte[] curve = Der.content(field);
                if (Der.tag(curve) != Der.OID) {
                    throw new BadValue("EC keys with explicit curve parameters are not supported; use a named curve "
                            + "(openssl pkey -in KEY -out KEY.pem keeps it)");
                }
                return curve;
            }
        }
        throw new BadValue("the EC PRIVATE KEY names no curve; convert it to PKCS#8 with "
                + "openssl pkey -in KEY -out KEY.pem");
    }

    private static PrivateKey pkcs8(byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        throw new BadValue("the private key could not be read as any of " + KEY_ALGORITHMS
                + " (is the file damaged?)");
    }
}
