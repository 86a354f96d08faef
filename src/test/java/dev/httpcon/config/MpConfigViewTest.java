package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The key rules of {@link MpConfigView}, written as loops for boot speed, against the regular
 * expressions they replace (MicroProfile Config's wording of the rules).
 */
class MpConfigViewTest {

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]");
    private static final Pattern PROFILE = Pattern.compile("^%[^.]+\\.");

    private static final List<String> NAMES = List.of("", "a", "A", "httpclient.connection.api.verify_peer",
            "HTTPCLIENT_CONNECTION_API_VERIFY_PEER", "httpclient.httpcon[12]", "%dev.httpclient.timeout",
            "%.x", "%dev", "%dev.", "%%a.b", "x%dev.y", "a-b.c/d", "Zz09_", "caf\u00e9.\u00c9t\u00e9",
            "emoji.\uD83D\uDE00.key", "tab\there", "dots...");

    @Test
    void theEnvironmentNameFollowsMicroProfileConfigsRule() {
        for (String name : NAMES) {
            assertEquals(NOT_ALPHANUMERIC.matcher(name).replaceAll("_").toUpperCase(Locale.ROOT),
                    MpConfigView.environmentName(name), name);
        }
        assertEquals("HTTPCLIENT_CONNECTION_API_URL", MpConfigView.environmentName("httpclient.connection.api.url"));
    }

    @Test
    void aProfilePrefixIsRemovedAndNothingElse() {
        for (String name : NAMES) {
            assertEquals(PROFILE.matcher(name).replaceFirst(""), MpConfigView.withoutProfile(name), name);
        }
        assertEquals("httpclient.timeout", MpConfigView.withoutProfile("%dev.httpclient.timeout"));
    }
}
