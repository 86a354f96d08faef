package dev.httpcon.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * The command's JSON writer: one value on one line, keys in the order of the (linked) map. Strings
 * are written as UTF-8 text (the output stream's encoding) with every character JSON or a
 * line-oriented reader could stumble on escaped: quote, backslash, control characters
 * (U+0000..U+001F and U+007F), the JavaScript line separators U+2028/U+2029, and lone surrogates,
 * which UTF-8 cannot carry. A surrogate pair (a character outside the BMP) is written as the
 * character itself.
 *
 * <p>Public for the test servers, whose bodies keep the spacing of the recorded reference server
 * ({@link #writeSpaced}); not an API.
 */
public final class Json {

    private Json() {
    }

    /** Maps (string keys), iterables, strings, integral and finite numbers, booleans and null: {@code {"a":[1,2]}}. */
    static String write(Object value) {
        return write(value, ",", ":");
    }

    /** The same with a space after {@code ,} and {@code :}, as Python's {@code json.dumps}: {@code {"a": [1, 2]}}. */
    public static String writeSpaced(Object value) {
        return write(value, ", ", ": ");
    }

    private static String write(Object value, String comma, String colon) {
        StringBuilder sb = new StringBuilder();
        new Writer(sb, comma, colon).write(value);
        return sb.toString();
    }

    /** One write: the buffer and the separators. */
    private record Writer(StringBuilder sb, String comma, String colon) {

        void write(Object v) {
            if (v == null) {
                sb.append("null");
            } else if (v instanceof CharSequence s) {
                quote(sb, s.toString());
            } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                    || v instanceof Byte || v instanceof BigInteger) {
                sb.append(v);
            } else if (v instanceof BigDecimal d) {
                sb.append(d.toPlainString());
            } else if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                // JSON has no NaN or infinity
                sb.append(Double.isFinite(d) ? v.toString() : "null");
            } else if (v instanceof Map<?, ?> m) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        sb.append(comma);
                    }
                    first = false;
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("JSON object keys are strings, got " + e.getKey());
                    }
                    quote(sb, key);
                    sb.append(colon);
                    write(e.getValue());
                }
                sb.append('}');
            } else if (v instanceof Iterable<?> list) {
                sb.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        sb.append(comma);
                    }
                    first = false;
                    write(item);
                }
                sb.append(']');
            } else {
                throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
            }
        }
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
