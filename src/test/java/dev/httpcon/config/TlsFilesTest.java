package dev.httpcon.config;

import static dev.httpcon.config.Load.failing;
import static dev.httpcon.config.Load.ok;
import static dev.httpcon.config.Load.problemAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.testing.TestCerts;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cacert, client_cert and client_key: PEM files read at load, with every way they can be wrong. */
class TlsFilesTest {

    private static TestCerts.Ca ca;
    private static TestCerts.Issued ecClient;
    private static TestCerts.Issued rsaClient;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() {
        ca = TestCerts.ca("Files CA");
        ecClient = ca.client("ec-client");
        rsaClient = ca.rsaClient("rsa-client");
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    /**
     * The same chain and the same private key. Keys are compared by their secret number: a key
     * read from SEC1 carries its curve and public key inside, so its encoding (and equals) differs.
     */
    private static void assertIdentity(TestCerts.Issued expected, ConnectionSettings c) {
        assertEquals(expected.chain(), c.tls().keyMaterial().chain());
        PrivateKey want = expected.keys().getPrivate();
        PrivateKey got = c.tls().keyMaterial().key();
        if (want instanceof ECPrivateKey ec) {
            assertEquals(ec.getS(), ((ECPrivateKey) got).getS());
        } else {
            assertEquals(((RSAPrivateKey) want).getPrivateExponent(), ((RSAPrivateKey) got).getPrivateExponent());
        }
    }

    @Test
    void caCertificatesAreRead() throws IOException {
        TestCerts.Ca other = TestCerts.ca("Other CA");
        Files.writeString(dir.resolve("two.pem"), TestCerts.pem(ca.cert()) + "\n" + TestCerts.pem(other.cert()));
        HttpConSettings s = ok("httpclient.cacert", path("two.pem"), "httpclient.httpcon", "a=>https://h");
        assertEquals(List.of(ca.cert(), other.cert()), s.connection("a").tls().trusted());
        assertEquals(new PemSource(path("two.pem"), path("two.pem")), s.connection("a").tls().caCert());
    }

    @Test
    void pkcs8Pkcs1AndSec1KeysAreRead() throws IOException {
        ecClient.writeCert(dir.resolve("ec.crt"));
        ecClient.writeKey(dir.resolve("ec-pkcs8.key"));
        writeSec1(ecClient, dir.resolve("ec-sec1.key"));
        rsaClient.writeCert(dir.resolve("rsa.crt"));
        rsaClient.writeKey(dir.resolve("rsa-pkcs8.key"));
        rsaClient.writeTraditionalKey(dir.resolve("rsa-pkcs1.key"));
        assertTrue(Files.readString(dir.resolve("ec-sec1.key")).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        assertTrue(Files.readString(dir.resolve("rsa-pkcs1.key")).startsWith("-----BEGIN RSA PRIVATE KEY-----"));

        HttpConSettings s = ok(
                "httpclient.connection.ec8.url", "https://h", "httpclient.connection.ec8.client_cert", path("ec.crt"),
                "httpclient.connection.ec8.client_key", path("ec-pkcs8.key"),
                "httpclient.connection.sec1.url", "https://h", "httpclient.connection.sec1.client_cert", path("ec.crt"),
                "httpclient.connection.sec1.client_key", path("ec-sec1.key"),
                "httpclient.connection.rsa8.url", "https://h", "httpclient.connection.rsa8.client_cert", path("rsa.crt"),
                "httpclient.connection.rsa8.client_key", path("rsa-pkcs8.key"),
                "httpclient.connection.pkcs1.url", "https://h", "httpclient.connection.pkcs1.client_cert", path("rsa.crt"),
                "httpclient.connection.pkcs1.client_key", path("rsa-pkcs1.key"));

        assertIdentity(ecClient, s.connection("ec8"));
        assertIdentity(ecClient, s.connection("sec1"));
        assertIdentity(rsaClient, s.connection("rsa8"));
        assertIdentity(rsaClient, s.connection("pkcs1"));
        assertEquals(2, s.connection("ec8").tls().keyMaterial().chain().size(), "the chain: client, then CA");
    }

    /**
     * A SEC1 key as OpenSSL writes it ({@code openssl ecparam -genkey}, {@code openssl ec}): with
     * its named curve in field [0] and its public key in [1]. (TestCerts' traditional EC key leaves
     * the curve out, see below.)
     */
    private static void writeSec1(TestCerts.Issued issued, Path file) throws IOException {
        ECPrivateKey key = (ECPrivateKey) issued.keys().getPrivate();
        ASN1BitString publicKey = SubjectPublicKeyInfo.getInstance(issued.keys().getPublic().getEncoded()).getPublicKeyData();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(),
                publicKey, SECObjectIdentifiers.secp256r1);
        writePem(file, new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }

    @Test
    void aSec1KeyWithoutItsCurveIsAProblem() throws IOException {
        ecClient.writeCert(dir.resolve("ec.crt"));
        ecClient.writeTraditionalKey(dir.resolve("no-curve.key"));
        ConfigValidationException e = failing("httpclient.client_cert", path("ec.crt"),
                "httpclient.client_key", path("no-curve.key"));
        assertEquals("the EC PRIVATE KEY names no curve; convert it to PKCS#8 with openssl pkey -in KEY -out KEY.pem",
                problemAt(e, "httpclient.client_key").expected());
    }

    @Test
    void certificateAndKeyMayShareOneFile() throws IOException {
        Files.writeString(dir.resolve("both.pem"), TestCerts.pem(ecClient.cert()) + TestCerts.pem(ecClient.keys().getPrivate()));
        ConnectionSettings c = ok("httpclient.client_cert", path("both.pem"), "httpclient.client_key", path("both.pem"),
                "httpclient.httpcon", "a=>https://h").connection("a");
        assertEquals(List.of(ecClient.cert()), c.tls().keyMaterial().chain());
        assertEquals(ecClient.keys().getPrivate(), c.tls().keyMaterial().key(), "PKCS#8 as written by the JDK");
    }

    @Test
    void identityFilesInEveryForm() throws IOException {
        ecClient.writeCert(dir.resolve("c.pem"));
        ecClient.writeKey(dir.resolve("k.pem"));
        ca.writeCert(dir.resolve("ca.pem"));
        Files.writeString(dir.resolve("conns.cfg"), "[ini]\nurl = https://h\ncacert = ca.pem\nclient_cert = c.pem\n"
                + "client_key = k.pem\n");
        HttpConSettings s = ok(
                "httpclient.config_file", path("conns.cfg"),
                "httpclient.httpcon", "line=>https://h;cacert=" + path("ca.pem") + ";client_cert=" + path("c.pem")
                        + ";client_key=" + path("k.pem"),
                "httpclient.connection.prop.url", "https://h",
                "httpclient.connection.prop.cacert", path("ca.pem"),
                "httpclient.connection.prop.client_cert", path("c.pem"),
                "httpclient.connection.prop.client_key", path("k.pem"));
        for (String name : List.of("ini", "line", "prop")) {
            assertEquals(List.of(ca.cert()), s.connection(name).tls().trusted(), name);
            assertIdentity(ecClient, s.connection(name));
        }
        assertSame(s.connection("ini").tls(), s.connection("prop").tls(), "same files, same settings object");
    }

    @Test
    void aConnectionCanDropTheGlobalIdentityWithTheNullOverride() throws IOException {
        ecClient.writeCert(dir.resolve("c.pem"));
        ecClient.writeKey(dir.resolve("k.pem"));
        Files.writeString(dir.resolve("conns.cfg"), "[anon]\nurl = https://h\nclient_cert = \"\"\nclient_key = \"\"\n"
                + "[plain]\nurl = https://h\n");
        HttpConSettings s = ok("httpclient.client_cert", path("c.pem"), "httpclient.client_key", path("k.pem"),
                "httpclient.config_file", path("conns.cfg"));
        assertNull(s.connection("anon").tls().keyMaterial());
        assertIdentity(ecClient, s.connection("plain"));
    }

    @Test
    void encryptedKeysAreRefusedWithTheCommandToDecryptThem() throws Exception {
        ecClient.writeCert(dir.resolve("c.pem"));
        PrivateKey key = ecClient.keys().getPrivate();
        writePem(dir.resolve("pkcs8-encrypted.key"), new JcaPKCS8Generator(key,
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                        .setPassword("pw".toCharArray()).build()));
        writePem(dir.resolve("traditional-encrypted.key"), new JcaMiscPEMGenerator(key,
                new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider())
                        .build("pw".toCharArray())));
        assertTrue(Files.readString(dir.resolve("traditional-encrypted.key")).contains("Proc-Type: 4,ENCRYPTED"));

        ConfigValidationException e = failing(
                "httpclient.httpcon[0]", "a=>https://h;client_cert=" + path("c.pem") + ";client_key=" + path("pkcs8-encrypted.key"),
                "httpclient.httpcon[1]", "b=>https://h;client_cert=" + path("c.pem") + ";client_key="
                        + path("traditional-encrypted.key"));
        String expected = "encrypted keys are not supported; decrypt it with openssl pkey -in KEY -out KEY.pem";
        assertEquals(expected, problemAt(e, "httpclient.httpcon[0] (a) client_key").expected());
        assertEquals(expected, problemAt(e, "httpclient.httpcon[1] (b) client_key").expected());
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    private static void writePem(Path file, PemObjectGenerator generator) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(generator);
        }
        Files.writeString(file, out.toString());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsAProblem() throws IOException {
        ecClient.writeCert(dir.resolve("ec.crt"));
        ca.client("someone else").writeKey(dir.resolve("other-ec.key"));
        rsaClient.writeKey(dir.resolve("rsa.key"));
        ConfigValidationException e = failing(
                "httpclient.connection.a.url", "https://h",
                "httpclient.connection.a.client_cert", path("ec.crt"),
                "httpclient.connection.a.client_key", path("other-ec.key"),
                "httpclient.connection.b.url", "https://h",
                "httpclient.connection.b.client_cert", path("ec.crt"),
                "httpclient.connection.b.client_key", path("rsa.key"));
        ConfigProblem a = problemAt(e, "httpclient.connection.a.client_key");
        assertEquals(path("other-ec.key"), a.value());
        assertEquals("client_key '" + path("other-ec.key") + "' (httpclient.connection.a.client_key) is not the private "
                + "key of client_cert '" + path("ec.crt") + "' (httpclient.connection.a.client_cert): their public keys "
                + "differ", a.expected());
        assertTrue(problemAt(e, "httpclient.connection.b.client_key").expected().endsWith("their public keys differ"));
    }

    @Test
    void certificateAndKeyGoTogether() throws IOException {
        ecClient.writeCert(dir.resolve("c.pem"));
        ecClient.writeKey(dir.resolve("k.pem"));
        ConfigValidationException e = failing(
                "httpclient.client_cert", path("c.pem"),
                "httpclient.httpcon[0]", "keyonly=>https://h;client_key=" + path("k.pem") + ";client_cert=\"\"");
        assertEquals("a client certificate needs its key: client_cert is '" + path("c.pem")
                + "' (httpclient.client_cert) but no client_key is set", problemAt(e, "httpclient.client_cert").expected());
        ConfigProblem keyOnly = problemAt(e, "httpclient.httpcon[0] (keyonly) client_key");
        assertEquals("a client key needs its certificate: client_key is '" + path("k.pem")
                + "' (httpclient.httpcon[0] (keyonly) client_key) but no client_cert is set", keyOnly.expected());
        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void anUnreadableKeyIsReportedOnceNotAlsoAsAMissingKey() throws IOException {
        ecClient.writeCert(dir.resolve("c.pem"));
        ConfigValidationException e = failing("httpclient.client_cert", path("c.pem"),
                "httpclient.client_key", path("missing.key"),
                "httpclient.httpcon", "a=>https://h;verify_peer=0,b=>https://h;client_cert=" + path("c.pem"));
        assertEquals("file not found: " + path("missing.key") + " (an absolute name)",
                problemAt(e, "httpclient.client_key").expected());
        assertEquals(1, e.problems().size(), e.getMessage());
    }

    @Test
    void aConnectionMayFixAMismatchedGlobalPairWithItsOwnKey() throws IOException {
        ecClient.writeCert(dir.resolve("c.pem"));
        ecClient.writeKey(dir.resolve("right.key"));
        ca.client("someone else").writeKey(dir.resolve("wrong.key"));
        ConfigValidationException e = failing("httpclient.client_cert", path("c.pem"),
                "httpclient.client_key", path("wrong.key"),
                "httpclient.httpcon", "fixed=>https://h;client_key=" + path("right.key") + ",inherits=>https://h;verify_host=0");
        assertTrue(problemAt(e, "httpclient.client_key").expected().endsWith("their public keys differ"));
        assertEquals(1, e.problems().size(), e.getMessage());
    }

    @Test
    void brokenFilesAreProblems() throws Exception {
        Files.write(dir.resolve("binary.der"), ca.cert().getEncoded());
        ecClient.writeKey(dir.resolve("key.pem"));
        ecClient.writeCert(dir.resolve("cert.pem"));
        Files.writeString(dir.resolve("truncated.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n");
        Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("notacert.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("dsa.key"), "-----BEGIN DSA PRIVATE KEY-----\nAAAA\n-----END DSA PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("two.key"), TestCerts.pem(ecClient.keys().getPrivate()) + TestCerts.pem(
                rsaClient.keys().getPrivate()));
        Files.createDirectory(dir.resolve("adir"));

        ConfigValidationException e = failing(
                "httpclient.httpcon[0]", "der=>https://h;cacert=" + path("binary.der"),
                "httpclient.httpcon[1]", "nocert=>https://h;cacert=" + path("key.pem"),
                "httpclient.httpcon[2]", "missing=>https://h;cacert=" + path("missing.pem"),
                "httpclient.httpcon[3]", "truncated=>https://h;cacert=" + path("truncated.pem"),
                "httpclient.httpcon[4]", "garbage=>https://h;cacert=" + path("garbage.pem"),
                "httpclient.httpcon[5]", "notacert=>https://h;cacert=" + path("notacert.pem"),
                "httpclient.httpcon[6]", "nokey=>https://h;client_cert=" + path("cert.pem") + ";client_key=" + path("cert.pem"),
                "httpclient.httpcon[7]", "dsa=>https://h;client_cert=" + path("cert.pem") + ";client_key=" + path("dsa.key"),
                "httpclient.httpcon[8]", "twokeys=>https://h;client_cert=" + path("cert.pem") + ";client_key=" + path("two.key"),
                "httpclient.httpcon[9]", "dir=>https://h;cacert=" + path("adir"));

        assertTrue(problemAt(e, "httpclient.httpcon[0] (der) cacert").expected().startsWith("not a PEM file (no -----BEGIN line)"));
        assertEquals("no certificate in it: expected one or more -----BEGIN CERTIFICATE----- blocks",
                problemAt(e, "httpclient.httpcon[1] (nocert) cacert").expected());
        assertEquals("file not found: " + path("missing.pem") + " (an absolute name)",
                problemAt(e, "httpclient.httpcon[2] (missing) cacert").expected());
        assertEquals("not valid PEM: -----BEGIN CERTIFICATE----- has no matching END line",
                problemAt(e, "httpclient.httpcon[3] (truncated) cacert").expected());
        assertEquals("not valid PEM: the CERTIFICATE block is not valid base64",
                problemAt(e, "httpclient.httpcon[4] (garbage) cacert").expected());
        assertTrue(problemAt(e, "httpclient.httpcon[5] (notacert) cacert").expected()
                .startsWith("certificate 1 in the file is not a valid X.509 certificate"));
        assertEquals("no private key in it: expected -----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- or "
                + "-----BEGIN EC PRIVATE KEY-----", problemAt(e, "httpclient.httpcon[6] (nokey) client_key").expected());
        assertTrue(problemAt(e, "httpclient.httpcon[7] (dsa) client_key").expected()
                .startsWith("unsupported key type 'DSA PRIVATE KEY'"));
        assertEquals("holds 2 private keys: expected exactly one",
                problemAt(e, "httpclient.httpcon[8] (twokeys) client_key").expected());
        assertEquals("is a directory: " + path("adir") + "; expected a file",
                problemAt(e, "httpclient.httpcon[9] (dir) cacert").expected());
        assertEquals(10, e.problems().size(), e.getMessage());
    }

    @Test
    void aBrokenFileSharedByManyConnectionsIsReportedAtEachPlaceThatNamesIt() throws IOException {
        Files.writeString(dir.resolve("empty.pem"), "");
        ConfigValidationException e = failing("httpclient.httpcon",
                "a=>https://h;cacert=" + path("empty.pem") + ",b=>https://h;cacert=" + path("empty.pem"));
        problemAt(e, "httpclient.httpcon[0] (a) cacert");
        problemAt(e, "httpclient.httpcon[1] (b) cacert");
        assertEquals(2, e.problems().size());
    }
}
