package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value syntaxes, parser by parser. */
class ValuesTest {

    private static final String DURATION_RULE =
            "expected a duration: 2 (seconds), 2s, 1500ms or 1m, at most 24 days; 0 = no deadline";

    private static String problem(Runnable parse) {
        return assertThrows(BadValue.class, parse::run).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "yes", "true", "on", "enable", "enabled", "YES", " True "})
    void trueSpellings(String v) {
        assertEquals(true, Values.bool(v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "no", "false", "off", "disable", "disabled", "No", "OFF"})
    void falseSpellings(String v) {
        assertEquals(false, Values.bool(v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "y", "", "maybe"})
    void notABoolean(String v) {
        assertEquals("expected a boolean: yes/true/on/enable/enabled/1 or no/false/off/disable/disabled/0",
                problem(() -> Values.bool(v)));
    }

    @ParameterizedTest
    @CsvSource({"0,false", "1,true", "2,true", "yes,true", "off,false"})
    void verifyHost(String v, boolean expected) {
        assertEquals(expected, Values.verifyHost(v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "-1", "strict"})
    void notAVerifyHost(String v) {
        assertEquals("expected 0 (off), 1 or 2 (on), or a boolean: yes/true/on/enable/enabled/1 or "
                + "no/false/off/disable/disabled/0", problem(() -> Values.verifyHost(v)));
    }

    @ParameterizedTest
    @CsvSource({"2,2000", "2s,2000", "1500ms,1500", "1m,60000", "0,0", "0ms,0", "3 S,3000", "2147483647ms,2147483647"})
    void durations(String v, long millis) {
        assertEquals(Duration.ofMillis(millis), Values.duration(v));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "soon|" + DURATION_RULE,
        "1.5s|" + DURATION_RULE,
        "2h|" + DURATION_RULE,
        "-1|must not be negative; " + DURATION_RULE,
        "2147484s|too large: at most 2147483; " + DURATION_RULE,
        "99999999999999999999999|too large: at most 2147483; " + DURATION_RULE,
        "2147483648ms|too large: at most 2147483647; " + DURATION_RULE})
    void notADuration(String v, String expected) {
        assertEquals(expected, problem(() -> Values.duration(v)));
    }

    @ParameterizedTest
    @CsvSource({"0,0", "2000,2000", "64k,65536", "2M,2097152", "9223372036854775807,9223372036854775807"})
    void bytes(String v, long expected) {
        assertEquals(expected, Values.bytes(v));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2g|expected a size in bytes: 65536, 64k (x1024) or 2m (x1048576); 0 = no limit",
        "-5|must not be negative; expected a size in bytes: 65536, 64k (x1024) or 2m (x1048576); 0 = no limit",
        "9223372036854775808|too large: at most 9223372036854775807; expected a size in bytes: 65536, 64k (x1024) "
                + "or 2m (x1048576); 0 = no limit",
        "9999999999999m|too large: at most 8796093022207; expected a size in bytes: 65536, 64k (x1024) "
                + "or 2m (x1048576); 0 = no limit"})
    void notBytes(String v, String expected) {
        assertEquals(expected, problem(() -> Values.bytes(v)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x|expected a whole number from 0 to 65535",
        "-1|must not be negative; expected a whole number from 0 to 65535",
        "65536|too large: at most 65535; expected a whole number from 0 to 65535",
        "1e3|expected a whole number from 0 to 65535"})
    void notAPort(String v, String expected) {
        assertEquals(expected, problem(() -> Values.port(v)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1|BASIC", "2|DIGEST", "3|BASIC DIGEST", "16|DIGEST_IE",
        "31|BASIC DIGEST NEGOTIATE NTLM DIGEST_IE"})
    void authMethods(String v, String expected) {
        Set<AuthMethod> methods = Set.copyOf(List.of(expected.split(" ")).stream().map(AuthMethod::valueOf).toList());
        assertEquals(methods, Values.authMethods(v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "32", "basic", "-3"})
    void notAnAuthMethod(String v) {
        assertEquals(true, problem(() -> Values.authMethods(v)).contains(
                "expected a bitmap from 1 to 31 adding 1 (Basic), 2 (Digest), 4 (Negotiate), 8 (NTLM), 16 (Digest, "
                        + "IE flavour); the default is 3"));
    }

    @ParameterizedTest
    @CsvSource({"DEFAULT,DEFAULT", "0,DEFAULT", "TLSv1,TLSv1", "1,TLSv1", "TLSv1.0,TLSv1_0", "4,TLSv1_0",
        "tlsv1.1,TLSv1_1", "5,TLSv1_1", "TLSv1.2,TLSv1_2", "6,TLSv1_2", "TLSv1.3,TLSv1_3", "7,TLSv1_3"})
    void tlsVersions(String v, TlsVersion expected) {
        assertEquals(expected, Values.tlsVersion(v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3", "SSLv2", "sslv3"})
    void sslIsRefused(String v) {
        assertEquals("SSLv2/SSLv3 are not supported (the JVM implements neither); use TLSv1.2 or later",
                problem(() -> Values.tlsVersion(v)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "TLSv1.4", "tls12"})
    void unknownTlsVersion(String v) {
        assertEquals(true, problem(() -> Values.tlsVersion(v)).startsWith(
                "expected DEFAULT, TLSv1, TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3 or a number 0..7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "api-2", "API_two", "0123456789012345678901234567890123456789012345678901234567890123"})
    void names(String v) {
        assertEquals(v, Values.name(v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "a b", "k\u00e4se", "01234567890123456789012345678901234567890123456789012345678901234"})
    void notNames(String v) {
        assertEquals("expected a connection name; a connection name is 1 to 64 of A-Z a-z 0-9 _ - "
                + "(no dots, spaces or other characters)", problem(() -> Values.name(v)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.", "1com.Example", "com.example.Orders;x", ","})
    void notClassNames(String v) {
        assertEquals("expected fully qualified interface names separated by commas, like "
                + "com.example.OrdersClient,com.example.StockClient", problem(() -> Values.classNames(v)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent\tname", "line\nbreak", "nul\u0000"})
    void textWithoutControlCharacters(String v) {
        assertEquals("expected text without control characters (tabs, line breaks)", problem(() -> Values.text(v)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\"a b\"|a b", "\"\"|''", "plain|plain", "ends\"|ends\"", "\"\"\"|\""})
    void unquote(String v, String expected) {
        assertEquals(expected, Values.unquote(v));
    }
}
