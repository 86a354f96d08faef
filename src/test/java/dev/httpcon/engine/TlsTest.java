package dev.httpcon.engine;

import dev.httpcon.testing.Via;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.KeyMaterial;
import dev.httpcon.config.PemSource;
import dev.httpcon.config.TlsSettings;
import dev.httpcon.config.TlsVersion;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestCerts;
import dev.httpcon.testing.TestSettings;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TLS per connection: trust, host check, client certificates, versions, ciphers, SNI. */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Via.class, names = {"CLASSIC", "ASYNC"})
class TlsTest extends EngineTestBase {

    /** The classic and the asynchronous attempt, with the same expectations. */
    @Parameter
    Via via;

    @Override
    protected Via via() {
        return via;
    }

    private static final String AES128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String AES256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";

    private static final TestCerts.Ca ca = TestCerts.ca("httpcon Test CA");

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension(
            () -> ReferenceServer.builder().tls(ca.server("localhost", "127.0.0.1")).start());
    private final ReferenceServer server = SERVER.server();

    private static TlsSettings tls(boolean verifyPeer, boolean verifyHost, TestCerts.Ca trusted) {
        return TestSettings.tls(verifyPeer, verifyHost, trusted);
    }

    private static TlsSettings with(TlsSettings t, TlsVersion min, List<String> ciphers, TestCerts.Issued client) {
        KeyMaterial km = client == null ? null : new KeyMaterial(client.chain(), client.keys().getPrivate());
        PemSource cert = client == null ? null : new PemSource("client.pem", "memory:client.pem");
        PemSource key = client == null ? null : new PemSource("client.key", "memory:client.key");
        return new TlsSettings(t.verifyPeer(), t.verifyHost(), min, ciphers, t.caCert(), t.trusted(), cert, key, km);
    }

    private HttpResult get(URI url, TlsSettings tls) {
        return get(TestSettings.connection("tls", url).tls(tls).build(), "/json");
    }

    @Test
    void aServerSignedByTheConfiguredCaIsTrusted() {
        HttpResult r = get(server.url(), tls(true, true, ca));

        assertEquals(200, r.code(), r.toString());
        assertEquals(URI.create("https://127.0.0.1:" + server.port() + "/json"), r.effectiveUrl());
    }

    @Test
    void theJvmTrustStoreDoesNotKnowTheTestCa() {
        HttpResult r = get(server.url(), TlsSettings.DEFAULTS);

        assertEquals(60, r.code(), r.toString());
        assertEquals(CurlError.PEER_FAILED_VERIFICATION, r.error());
        assertEquals("SSL peer certificate or SSH remote key was not OK", r.errorText());
    }

    @Test
    void aSelfSignedCertificateFailsUnlessPeerVerificationIsOff() {
        try (ReferenceServer self = ReferenceServer.builder().tls(TestCerts.selfSigned("self", "127.0.0.1")).start()) {
            assertEquals(60, get(self.url(), tls(true, true, ca)).code());
            assertEquals(200, get(self.url(), tls(false, true, null)).code());
        }
    }

    @Test
    void aWrongHostNameFailsUnlessHostVerificationIsOff() {
        try (ReferenceServer named = ReferenceServer.builder().tls(ca.server("localhost")).start()) {
            HttpResult wrong = get(named.url(), tls(true, true, ca));
            assertEquals(60, wrong.code());
            assertTrue(wrong.message().contains("127.0.0.1"), wrong.message());

            assertEquals(200, get(named.url(), tls(true, false, ca)).code());
            assertEquals(200, get(named.url("localhost", ""), tls(true, true, ca)).code());
            // verify_peer off does not switch the host check off (as with curl and OpenSSL)
            assertEquals(60, get(named.url(), tls(false, true, null)).code());
        }
    }

    @Test
    void anExpiredCertificateFails() {
        try (ReferenceServer expired = ReferenceServer.builder().tls(ca.expiredServer("127.0.0.1")).start()) {
            HttpResult r = get(expired.url(), tls(true, true, ca));

            assertEquals(60, r.code());
            assertTrue(expired.requests().isEmpty());
        }
    }

    @Test
    void aRequiredClientCertificateIsPresented() {
        // TLS 1.2: the server refuses a missing certificate inside the handshake (see the TLS 1.3 case below).
        try (ReferenceServer mtls = ReferenceServer.builder().tls(ca.server("127.0.0.1")).requireClientCert(ca)
                .protocols("TLSv1.2").start()) {
            HttpResult without = get(mtls.url(), tls(true, true, ca));
            assertEquals(35, without.code(), without.toString());
            assertEquals(CurlError.SSL_CONNECT_ERROR, without.error());

            HttpResult with = get(mtls.url(), with(tls(true, true, ca), TlsVersion.DEFAULT, List.of(),
                    ca.client("sip-proxy-1")));
            assertEquals(200, with.code(), with.toString());
            assertEquals("CN=sip-proxy-1", mtls.lastRequest().clientCert());

            TestCerts.Ca stranger = TestCerts.ca("Stranger CA");
            HttpResult foreign = get(mtls.url(), with(tls(true, true, ca), TlsVersion.DEFAULT, List.of(),
                    stranger.client("intruder")));
            assertEquals(35, foreign.code(), foreign.toString());
        }
    }

    @Test
    void withTls13AMissingClientCertificateShowsAfterTheHandshake() {
        // The client's handshake is over before the server rejects it; the failure shows on the
        // first write or read (curl with OpenSSL reports 55 or 56 the same way). Never a response.
        try (ReferenceServer mtls = ReferenceServer.builder().tls(ca.server("127.0.0.1")).requireClientCert(ca)
                .protocols("TLSv1.3").start()) {
            HttpResult r = get(mtls.url(), tls(true, true, ca));

            assertTrue(java.util.Set.of(35, 55, 56).contains(r.code()), r.toString());
            assertTrue(mtls.requests().isEmpty());
            assertEquals(200, get(mtls.url(), with(tls(true, true, ca), TlsVersion.DEFAULT, List.of(),
                    ca.client("sip-proxy-1"))).code());
        }
    }

    @Test
    void aClientKeyThatDoesNotMatchItsCertificateIsCode58() {
        TestCerts.Issued good = ca.client("good");
        TestCerts.Issued other = ca.client("other");
        TestCerts.Issued mismatched = new TestCerts.Issued(good.cert(), other.keys(), good.chain());
        ConnectionSettings c = TestSettings.connection("bad", server.url())
                .tls(with(tls(true, true, ca), TlsVersion.DEFAULT, List.of(), mismatched)).build();
        HttpEngine engine = engine();

        HttpResult https = send(engine, c, HttpRequest.get("/json"));
        assertEquals(58, https.code(), https.toString());
        assertEquals("Problem with the local SSL certificate", https.errorText());

        try (ReferenceServer plain = ReferenceServer.start()) {
            ConnectionSettings sameTlsPlainUrl = TestSettings.connection("bad", plain.url()).tls(c.tls()).build();
            assertEquals(200, send(engine, sameTlsPlainUrl, HttpRequest.get("/json")).code(),
                    "TLS settings only matter for https");
        }
    }

    @Test
    void theMinimumTlsVersionIsEnforced() {
        try (ReferenceServer old = ReferenceServer.builder().tls(ca.server("127.0.0.1")).protocols("TLSv1.2").start()) {
            assertEquals(200, get(old.url(), with(tls(true, true, ca), TlsVersion.TLSv1_2, List.of(), null)).code());

            HttpResult r = get(old.url(), with(tls(true, true, ca), TlsVersion.TLSv1_3, List.of(), null));
            assertEquals(35, r.code(), r.toString());
            assertTrue(old.requests().size() == 1);
        }
    }

    @Test
    void cipherSuitesAreSelected() {
        try (ReferenceServer one = ReferenceServer.builder().tls(ca.server("127.0.0.1")).protocols("TLSv1.2")
                .cipherSuites(AES128).start()) {
            assertEquals(200, get(one.url(), with(tls(true, true, ca), TlsVersion.DEFAULT, List.of(AES128), null))
                    .code());
            assertEquals(35, get(one.url(), with(tls(true, true, ca), TlsVersion.DEFAULT, List.of(AES256), null))
                    .code());

            HttpResult unknown = get(one.url(), with(tls(true, true, ca), TlsVersion.DEFAULT,
                    List.of("TLS_NO_SUCH_CIPHER"), null));
            assertEquals(59, unknown.code());
            assertEquals("Couldn't use specified SSL cipher", unknown.errorText());
            assertTrue(unknown.message().contains("TLS_NO_SUCH_CIPHER"));
            assertEquals(1, one.requests().size());
        }
    }

    @Test
    void sniIsSentForHostNames() {
        get(server.url("localhost", ""), tls(true, true, ca));
        assertEquals("localhost", server.lastRequest().sni());

        get(server.url(), tls(true, true, ca));
        assertNull(server.lastRequest().sni(), "no SNI for an IP address (RFC 6066)");
    }

    @Test
    void httpsToAPlainHttpServerIsCode35() {
        try (ReferenceServer plain = ReferenceServer.start()) {
            HttpResult r = get(URI.create("https://127.0.0.1:" + plain.port()), tls(true, true, ca));

            assertEquals(35, r.code(), r.toString());
        }
    }
}
