package dev.httpcon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers of the simple value syntaxes. Each returns the parsed value or throws {@link BadValue}
 * saying what was expected; the value itself is added to the message by the caller (masked when
 * it is a secret).
 */
final class Values {


    static final String NAME_RULE = "a connection name is 1 to 64 of A-Z a-z 0-9 _ - (no dots, spaces or other characters)";

    private static final Pattern DIGITS = Pattern.compile("-?[0-9]+");
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("(-?[0-9]+)\\s*([A-Za-z]*)");
    private static final Pattern JAVA_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private static final String BOOLEAN = "yes/true/on/enable/enabled/1 or no/false/off/disable/disabled/0";
    private static final String DURATION_RULE =
            "expected a duration: 2 (seconds), 2s, 1500ms or 1m, at most 24 days; 0 = no deadline";
    private static final String BYTES_RULE = "expected a size in bytes: 65536, 64k (x1024) or 2m (x1048576); 0 = no limit";

    /** Milliseconds per duration unit; no unit means seconds, as in the original. */
    private static final Map<String, Long> MS_PER_UNIT = Map.of("", 1000L, "s", 1000L, "ms", 1L, "m", 60_000L);
    /** Bytes per size unit (binary). */
    private static final Map<String, Long> BYTES_PER_UNIT = Map.of("", 1L, "k", 1024L, "m", 1024L * 1024);

    // HttpClient takes socket and connect timeouts as int milliseconds; a longer deadline (24 days)
    // could not be applied as written.
    private static final long MAX_DURATION_MS = Integer.MAX_VALUE;

    private Values() {
    }

    static boolean bool(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "on", "enable", "enabled" -> true;
            case "0", "no", "false", "off", "disable", "disabled" -> false;
            default -> throw new BadValue("expected a boolean: " + BOOLEAN);
        };
    }

    /** The original's {@code verify_host}: 0 off, 1 or 2 on (curl treats 1 as 2), or a boolean. */
    static boolean verifyHost(String value) {
        if (value.trim().equals("2")) {
            return true;
        }
        try {
            return bool(value);
        } catch (BadValue e) {
            throw new BadValue("expected 0 (off), 1 or 2 (on), or a boolean: " + BOOLEAN);
        }
    }

    /** A whole number in {@code min..max}. */
    static int integer(String value, int min, int max) {
        return (int) wholeNumber(value.trim(), min, max, () -> "expected a whole number from " + min + " to " + max);
    }

    /** A port number, 0..65535; 0 disables the proxy (the manual). */
    static int port(String value) {
        return integer(value, 0, 65535);
    }

    /** Bytes, optionally with a binary {@code k} or {@code m} suffix. */
    static long bytes(String value) {
        return scaled(value, BYTES_PER_UNIT, Long.MAX_VALUE, BYTES_RULE);
    }

    /** A duration: plain seconds, or with {@code ms}, {@code s} or {@code m}. */
    static Duration duration(String value) {
        return Duration.ofMillis(scaled(value, MS_PER_UNIT, MAX_DURATION_MS, DURATION_RULE));
    }

    /** A duration above zero (a wait between retries: zero would retry on every call). */
    static Duration positiveDuration(String value) {
        Duration d;
        try {
            d = duration(value);
        } catch (BadValue e) {
            throw new BadValue(POSITIVE_DURATION_RULE);
        }
        if (d.isZero()) {
            throw new BadValue(POSITIVE_DURATION_RULE);
        }
        return d;
    }

    private static final String POSITIVE_DURATION_RULE =
            "expected a duration above 0: 10 (seconds), 10s, 500ms or 1m, at most 24 days";

    /**
     * A path on a connection's URL for the health probe: starts with {@code /}, as a request path
     * would be written; no spaces, control characters or fragment.
     */
    static String probePath(String value) {
        String v = value.trim();
        boolean ok = v.startsWith("/") && v.length() <= 2048;
        for (int i = 0; ok && i < v.length(); i++) {
            char c = v.charAt(i);
            ok = c > ' ' && c != 0x7f && c != '#';
        }
        if (!ok) {
            throw new BadValue("expected a path on the connection's URL starting with / (e.g. /health), "
                    + "without spaces, control characters or #, at most 2048 characters");
        }
        return v;
    }

    /** A whole number with an optional unit from {@code units} (unit to multiplier), at most {@code max} multiplied. */
    private static long scaled(String value, Map<String, Long> units, long max, String expected) {
        Matcher m = NUMBER_WITH_UNIT.matcher(value.trim());
        Long factor = m.matches() ? units.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (factor == null) {
            throw new BadValue(expected);
        }
        return wholeNumber(m.group(1), 0, max / factor, () -> expected) * factor;
    }


    /**
     * A ZooKeeper connect string: {@code host:port} entries separated by commas, optionally
     * followed by a chroot path ({@code zk1:2181,zk2:2181/app}).
     */
    static String zooKeeperConnect(String value) {
        String v = value.trim();
        int slash = v.indexOf('/');
        String hosts = slash < 0 ? v : v.substring(0, slash);
        if (slash >= 0) {
            zooKeeperPath(v.substring(slash));
        }
        String rule = "expected host:port[,host:port...][/chroot], e.g. zk1:2181,zk2:2181";
        if (hosts.isEmpty()) {
            throw new BadValue(rule);
        }
        for (String entry : hosts.split(",", -1)) {
            String e = entry.trim();
            int colon = e.lastIndexOf(':');
            String host = colon < 0 ? e : e.substring(0, colon);
            if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new BadValue(rule);
            }
            if (colon >= 0) {
                try {
                    integer(e.substring(colon + 1), 1, 65535);
                } catch (BadValue bad) {
                    throw new BadValue(rule + " (a port is 1 to 65535)");
                }
            }
        }
        return v;
    }

    /** A ZooKeeper path: {@code /} and segments without empty ones, {@code .} or {@code ..}, no trailing {@code /}. */
    static String zooKeeperPath(String value) {
        String v = value.trim();
        String rule = "expected a ZooKeeper path like /httpcon: starting with /, no empty segment, no . or .., "
                + "no trailing /";
        if (!v.startsWith("/") || (v.length() > 1 && v.endsWith("/"))) {
            throw new BadValue(rule);
        }
        if (v.length() > 1) {
            for (String segment : v.substring(1).split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                        || segment.chars().anyMatch(c -> Character.isISOControl(c))) {
                    throw new BadValue(rule);
                }
            }
        }
        return v;
    }

    /** ZooKeeper credentials, {@code scheme:credentials} (e.g. {@code digest:user:password}); kept secret. */
    static ZooKeeperSettings.Auth zooKeeperAuth(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            // the value is never quoted: it is a secret
            throw new BadValue("expected scheme:credentials, e.g. digest:user:password");
        }
        String scheme = value.substring(0, colon);
        if (!scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw new BadValue("expected scheme:credentials, e.g. digest:user:password (the scheme is a word)");
        }
        return new ZooKeeperSettings.Auth(scheme, Secret.of(value.substring(colon + 1)));
    }

    /** The original's {@code authmethod} bitmap: 1..31 made of 1, 2, 4, 8 and 16. */
    static Set<AuthMethod> authMethods(String value) {
        int bits = (int) wholeNumber(value.trim(), 1, AuthMethod.ALL_BITS,
                () -> "expected a bitmap from 1 to 31 adding 1 (Basic), 2 (Digest), 4 (Negotiate), 8 (NTLM), "
                        + "16 (Digest, IE flavour); the default is 3");
        return AuthMethod.fromBits(bits);
    }

    /** {@code http_version}: {@code 1.1}, {@code 2} or {@code 2-prior-knowledge} (also {@code 1}, {@code 2.0}, {@code h2c}). */
    static HttpVersion httpVersion(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "1.1", "1", "http/1.1" -> HttpVersion.HTTP_1_1;
            case "2", "2.0", "http/2" -> HttpVersion.HTTP_2;
            case "2-prior-knowledge", "h2c" -> HttpVersion.HTTP_2_PRIOR_KNOWLEDGE;
            default -> throw new BadValue("expected 1.1 (HTTP/1.1, the default), 2 (HTTP/2 over TLS when the server "
                    + "offers it, else HTTP/1.1) or 2-prior-knowledge (cleartext HTTP/2 without upgrade)");
        };
    }

    /** The original's {@code tlsversion}: a name or a number 0..7. */
    static TlsVersion tlsVersion(String value) {
        String v = value.trim();
        if (v.equals("2") || v.equals("3") || v.equalsIgnoreCase("SSLv2") || v.equalsIgnoreCase("SSLv3")) {
            throw new BadValue("SSLv2/SSLv3 are not supported (the JVM implements neither); use TLSv1.2 or later");
        }
        for (TlsVersion t : TlsVersion.values()) {
            if (v.equalsIgnoreCase(t.label()) || v.equals(Integer.toString(t.number()))) {
                return t;
            }
        }
        throw new BadValue("expected DEFAULT, TLSv1, TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3 or a number 0..7 "
                + "(0 DEFAULT, 1 TLSv1, 4 TLSv1.0, 5 TLSv1.1, 6 TLSv1.2, 7 TLSv1.3)");
    }

    /**
     * The longest header value written in configuration (the user agent): the limit a request
     * header has ({@code HttpRequest.MAX_HEADER_LENGTH}, curl's 100 KiB header line).
     */
    private static final int MAX_HEADER_TEXT = 100 * 1024;

    /** Text sent as a header value: no control characters, at most 100 KiB. */
    static String headerText(String value) {
        if (value.length() > MAX_HEADER_TEXT) {
            throw new BadValue("too long: " + value.length() + " characters, at most " + MAX_HEADER_TEXT
                    + " (the longest header httpcon sends)");
        }
        return text(value);
    }

    /**
     * The name of an executor ({@code async_executor}): a CDI bean's {@code @Named} name or a JNDI
     * name such as {@code java:comp/DefaultManagedExecutorService}; 1..255 characters, no spaces,
     * control characters, commas, semicolons or quotes (which would end the value in an httpcon line).
     */
    static String executorName(String value) {
        if (value.isEmpty() || value.length() > 255) {
            throw new BadValue("expected the @Named name of a CDI bean or a JNDI name (java:...), 1 to 255 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || ",;\"'".indexOf(c) >= 0) {
                throw new BadValue("expected the @Named name of a CDI bean or a JNDI name (java:...), without spaces,"
                        + " commas, semicolons or quotes");
            }
        }
        return value;
    }

    /** Free text (user agent, user name, file name): anything but control characters, which would break a header. */
    static String text(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new BadValue("expected text without control characters (tabs, line breaks)");
            }
        }
        return value;
    }

    /**
     * Whether {@code value} is a connection name: {@code [A-Za-z0-9_-]{1,64}}, safe in every form,
     * including as one segment of a dotted key. (A loop, not a regex: it runs for every definition.)
     */
    static boolean isName(String value) {
        if (value.isEmpty() || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A connection name. */
    static String name(String value) {
        if (!isName(value)) {
            throw new BadValue("expected a connection name; " + NAME_RULE);
        }
        return value;
    }

    /** A comma-separated list of Java class names (MicroProfile Rest Client interfaces). */
    static List<String> classNames(String value) {
        List<String> names = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String n = part.trim();
            if (!JAVA_NAME.matcher(n).matches()) {
                throw new BadValue("expected fully qualified interface names separated by commas, "
                        + "like com.example.OrdersClient,com.example.StockClient");
            }
            names.add(n);
        }
        return List.copyOf(names);
    }

    /**
     * A value of an httpcon line or INI file without its optional double quotes: {@code "a b"}
     * gives {@code a b}, and {@code ""} the empty string (the null override).
     */
    static String unquote(String value) {
        boolean opens = value.startsWith("\"");
        boolean closes = value.length() > 1 && value.endsWith("\"");
        if (opens && !closes) {
            throw new BadValue("unbalanced double quote: expected \"value\" or value without quotes");
        }
        return opens ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * A whole number in {@code min..max}, with messages for the usual mistakes: garbage, a
     * negative number, a number too large to mean anything. The message is made only when needed:
     * thousands of connections are parsed at boot.
     */
    private static long wholeNumber(String digits, long min, long max, Supplier<String> expected) {
        if (!DIGITS.matcher(digits).matches()) {
            throw new BadValue(expected.get());
        }
        if (digits.startsWith("-")) {
            throw new BadValue("must not be negative; " + expected.get());
        }
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) { // after the pattern check, only an overflow is left
            throw tooLarge(max, expected);
        }
        if (n > max) {
            throw tooLarge(max, expected);
        }
        if (n < min) {
            throw new BadValue(expected.get());
        }
        return n;
    }

    private static BadValue tooLarge(long max, Supplier<String> expected) {
        return new BadValue("too large: at most " + max + "; " + expected.get());
    }
}
