package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CipherSuitesTest {

    @Test
    void jsseOpenSslNssAndTls13NamesAreAccepted() {
        assertEquals(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
                CipherSuites.parse("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:ECDHE-RSA-AES256-GCM-SHA384, "
                        + "ecdhe-ecdsa-chacha20-poly1305 AES128-GCM-SHA256,TLS_AES_256_GCM_SHA384 DHE-RSA-AES128-SHA"));
    }

    /** The manual's example 1.10 uses curl/NSS names. */
    @Test
    void theManualsExampleLoads() {
        assertEquals(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
                CipherSuites.parse("ecdhe_ecdsa_aes_128_gcm_sha_256,rsa_aes_128_gcm_sha_256"));
    }

    @Test
    void repeatsAreDropped() {
        assertEquals(List.of("TLS_AES_128_GCM_SHA256"), CipherSuites.parse("TLS_AES_128_GCM_SHA256:tls_aes_128_gcm_sha256"));
    }

    @Test
    void unknownAndUnsupportedNamesAreListed() {
        String message = assertThrows(BadValue.class, () -> CipherSuites.parse(
                "HIGH:!aNULL:ECDHE-RSA-AES128-GCM-SHA256:SSL_RSA_WITH_RC4_128_MD5:NOPE")).withValue();
        assertEquals("unknown cipher suites [HIGH, !aNULL, NOPE] (expected JSSE names like "
                + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 or OpenSSL names like ECDHE-ECDSA-AES128-GCM-SHA256; OpenSSL "
                + "selection strings like HIGH or !aNULL are not supported); not supported by this JVM "
                + "[SSL_RSA_WITH_RC4_128_MD5]", message);
    }

    @Test
    void anEmptyListIsAProblem() {
        assertEquals("expected cipher suite names separated by ':', ',' or spaces",
                assertThrows(BadValue.class, () -> CipherSuites.parse(" : , ")).getMessage());
    }
}
