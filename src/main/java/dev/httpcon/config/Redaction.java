package dev.httpcon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How configuration values may be shown to a person: every password replaced by {@code ****},
 * with the same rules as the validation messages (URLs: {@link dev.httpcon.Redaction#url(String)}).
 *
 * <pre>{@code
 * Redaction.property("httpclient.connection.api.password", "s3cret");   // ****
 * Redaction.property("httpclient.httpcon", "a=>http://u:p@h/x;timeout=2,b=>http://h2");
 *                                                       // a=>http://u:****@h/x;timeout=2,b=>http://h2
 * Redaction.property("httpclient.pasword", "s3cret");   // **** (an unknown key may hold anything)
 * }</pre>
 */
public final class Redaction {

    /** An indexed list element, {@code httpcon[3]}. */
    private static final Pattern INDEX = Pattern.compile("\\[[0-9]+]$");
    /** The commas between httpcon lines: a comma written {@code \,} belongs to its line. */
    private static final Pattern LINE_SEPARATOR = Pattern.compile("(?<!\\\\),");

    private Redaction() {
    }

    /**
     * The value of a configuration key as it may be shown: passwords (and URL credentials, also
     * inside httpcon lines) masked. Values of unknown keys under {@code httpclient.} are not shown
     * at all; keys outside {@code httpclient.} are not httpcon's and are returned as they are.
     */
    public static String property(String key, String value) {
        if (value == null || !key.startsWith(Param.PREFIX)) {
            return value;
        }
        String rest = INDEX.matcher(key.substring(Param.PREFIX.length())).replaceFirst("");
        if (rest.equals(Param.HTTPCON.globalKey())) {
            List<String> lines = new ArrayList<>();
            for (String line : LINE_SEPARATOR.split(value, -1)) {
                lines.add(HttpconLineParser.mask(line));
            }
            return String.join(",", lines);
        }
        Param p;
        if (rest.startsWith("connection.")) {
            int dot = rest.lastIndexOf('.');
            p = dot > "connection.".length() ? Param.connection(rest.substring(dot + 1)) : null;
        } else {
            p = Param.global(rest);
        }
        return p == null ? "****" : p.mask(value);
    }
}
