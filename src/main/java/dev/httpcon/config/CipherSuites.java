package dev.httpcon.config;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The original's {@code cipher_suites} (curl's CURLOPT_SSL_CIPHER_LIST) turned into JSSE names.
 *
 * <p>Accepted, separated by {@code :}, {@code ,} or spaces, in any letter case: JSSE/IANA names
 * ({@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}); the OpenSSL names of the widely used suites
 * ({@code ECDHE-ECDSA-AES128-GCM-SHA256}); the NSS names of the manual's example
 * ({@code ecdhe_ecdsa_aes_128_gcm_sha_256}); the TLS 1.3 names, which OpenSSL and JSSE share.
 * OpenSSL selection strings ({@code HIGH}, {@code !aNULL}, {@code @STRENGTH}) are not: name suites.
 */
final class CipherSuites {

    private static final Pattern SEPARATORS = Pattern.compile("[:,\\s]+");

    /** OpenSSL and NSS names (upper case) to JSSE names. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            // OpenSSL, TLS 1.2 AEAD suites
            Map.entry("ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("DHE-RSA-AES128-GCM-SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("DHE-RSA-CHACHA20-POLY1305", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            // OpenSSL, CBC suites
            Map.entry("ECDHE-ECDSA-AES128-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("DHE-RSA-AES128-SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("DHE-RSA-AES256-SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry("DHE-RSA-AES128-SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("DHE-RSA-AES256-SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry("AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("DES-CBC3-SHA", "SSL_RSA_WITH_3DES_EDE_CBC_SHA"),
            // NSS (curl built with NSS; the manual's example uses these)
            Map.entry("ECDHE_ECDSA_AES_128_GCM_SHA_256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE_RSA_AES_128_GCM_SHA_256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE_ECDSA_AES_256_GCM_SHA_384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE_RSA_AES_256_GCM_SHA_384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE_ECDSA_CHACHA20_POLY1305_SHA_256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE_RSA_CHACHA20_POLY1305_SHA_256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("DHE_RSA_AES_128_GCM_SHA_256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("DHE_RSA_AES_256_GCM_SHA_384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("RSA_AES_128_GCM_SHA_256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("RSA_AES_256_GCM_SHA_384", "TLS_RSA_WITH_AES_256_GCM_SHA384"));

    private CipherSuites() {
    }

    /** The JSSE names for a cipher list, in the order written, without repeats. */
    static List<String> parse(String value) {
        Set<String> names = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (String written : SEPARATORS.split(value.trim())) {
            if (written.isEmpty()) {
                continue;
            }
            String upper = written.toUpperCase(Locale.ROOT);
            String jsse = ALIASES.getOrDefault(upper, upper);
            if (Supported.SUITES.contains(jsse)) {
                names.add(jsse);
            } else if (ALIASES.containsKey(upper) || upper.startsWith("TLS_") || upper.startsWith("SSL_")) {
                unsupported.add(written);
            } else {
                unknown.add(written);
            }
        }
        if (!unknown.isEmpty() || !unsupported.isEmpty()) {
            throw new BadValue("unknown or unsupported cipher suites (expected JSSE names like "
                    + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 or OpenSSL names like ECDHE-ECDSA-AES128-GCM-SHA256)",
                    describe(unknown, unsupported));
        }
        if (names.isEmpty()) {
            throw new BadValue("expected cipher suite names separated by ':', ',' or spaces");
        }
        return List.copyOf(names);
    }

    private static String describe(List<String> unknown, List<String> unsupported) {
        List<String> parts = new ArrayList<>();
        if (!unknown.isEmpty()) {
            parts.add("unknown cipher suites " + unknown + " (expected JSSE names like "
                    + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 or OpenSSL names like ECDHE-ECDSA-AES128-GCM-SHA256; "
                    + "OpenSSL selection strings like HIGH or !aNULL are not supported)");
        }
        if (!unsupported.isEmpty()) {
            parts.add("not supported by this JVM " + unsupported);
        }
        return String.join("; ", parts);
    }

    /** The suites this JVM implements, looked up once and only when a cipher list is configured. */
    private static final class Supported {
        static final Set<String> SUITES = load();

        private static Set<String> load() {
            try {
                return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no default TLS implementation", e);
            }
        }
    }
}
