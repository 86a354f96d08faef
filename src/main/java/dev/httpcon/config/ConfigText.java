package dev.httpcon.config;

import dev.httpcon.Redaction;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Configuration text as written, with every character that may belong to a password marked; what
 * is split off it (a line, a {@code ;param}, a list item, the two sides of {@code =}) keeps its
 * marks, and is shown with each marked run as {@code ****}. Marks are set once, on the whole text
 * before any split: a password holding {@code ;} or {@code ,} is cut by the split, and afterwards
 * its pieces look like anything else (a URL {@code http://u:pa}, a parameter {@code ss=1}, a line
 * of its own).
 *
 * <p>What is marked in a source:
 * <ul>
 *   <li>in any value: what may be a URL password, {@link Redaction#passwordRange} (from the first
 *       {@code :} after {@code ://} to the last {@code @} of the whole source);</li>
 *   <li>in httpcon lines: everything after {@code ;password=}, after {@code ;header.<Name>=} of a
 *       header whose name says it carries credentials, or after {@code ;key=} of a key that
 *       is not a known parameter (a misspelt {@code passwrod} holds a password too), to the end of
 *       the source, since a {@code ;} or {@code ,} in that value cuts it;</li>
 *   <li>in an INI line: the value of {@code password}, of such a header or of an unknown key, to the
 *       end of the line;</li>
 *   <li>a per-key {@code password} value, or such a header's, as a whole.</li>
 * </ul>
 * This errs on the side of hiding too much: in a list written as one value
 * ({@code httpclient.httpcon=a=>...,b=>...}) everything after a password is hidden from messages,
 * also the lines that follow it. One key per line ({@code httpclient.httpcon[0]}) keeps each line
 * on its own.
 *
 * <p>{@link #toString()} is the shown form; {@link #value()} the text itself, for parsing only.
 */
final class ConfigText {

    private final String text;
    /** The marked positions; null when nothing is marked (the usual case, kept cheap). */
    private final BitSet marks;

    private ConfigText(String text, BitSet marks) {
        this.text = text;
        this.marks = marks == null || marks.isEmpty() ? null : marks;
    }

    /** A value: a URL password marked. */
    static ConfigText of(String text) {
        BitSet marks = new BitSet();
        markPasswordRange(text, marks);
        return new ConfigText(text, marks);
    }

    /** A secret: every character marked. */
    static ConfigText secret(String text) {
        BitSet marks = new BitSet();
        marks.set(0, text.length());
        return new ConfigText(text, marks);
    }

    /** A value of {@code param} from a source of its own (a per-key or global property). */
    static ConfigText value(Param param, String text) {
        return param.isSecret() ? secret(text) : of(text);
    }

    /**
     * The value of a default header from a source of its own: all of it marked when the header's
     * name says it carries credentials ({@link Redaction#isSensitiveHeader}), as a password is.
     */
    static ConfigText header(String headerName, String text) {
        return Redaction.isSensitiveHeader(headerName) ? secret(text) : of(text);
    }

    /** One httpcon line, or a list of them joined with {@code ,}: passwords and unknown keys' values marked. */
    static ConfigText httpconLines(String text) {
        BitSet marks = new BitSet();
        markPasswordRange(text, marks);
        int semicolon = text.indexOf(';');
        while (semicolon >= 0) {
            int end = semicolon + 1;
            while (end < text.length() && "=;,".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            if (end < text.length() && text.charAt(end) == '=' && !isShownKey(text.substring(semicolon + 1, end))) {
                marks.set(end + 1, text.length());
                break;
            }
            semicolon = text.indexOf(';', semicolon + 1);
        }
        return new ConfigText(text, marks);
    }

    /**
     * The items of an httpcon list as one source: joined with {@code ,} (where the list split cut
     * them), marked, and cut again at the same places.
     */
    static List<ConfigText> httpconList(List<String> items) {
        return cut(httpconLines(String.join(",", items)), items);
    }

    /** {@code joined} (the items joined with {@code ,}) cut back into the items, with their marks. */
    private static List<ConfigText> cut(ConfigText joined, List<String> items) {
        List<ConfigText> parts = new ArrayList<>(items.size());
        int at = 0;
        for (String item : items) {
            parts.add(joined.sub(at, at + item.length()));
            at += item.length() + 1;
        }
        return parts;
    }

    /** The items of a list of plain values (names) as one source, cut again where the list split cut them. */
    static List<ConfigText> list(List<String> items) {
        return cut(of(String.join(",", items)), items);
    }

    /** One line of an INI file: a password and the value of a password or unknown key marked. */
    static ConfigText iniLine(String line) {
        BitSet marks = new BitSet();
        markPasswordRange(line, marks);
        int eq = line.indexOf('=');
        if (eq >= 0 && !isShownKey(line.substring(0, eq))) {
            marks.set(eq + 1, line.length());
        }
        return new ConfigText(line, marks);
    }

    /**
     * Whether the value of {@code key} (as written, before {@code =}) may be shown: a known
     * parameter but password, or a default header whose name does not say it carries credentials.
     */
    private static boolean isShownKey(String key) {
        String header = Param.headerName(key.strip());
        if (header != null) {
            return !header.isEmpty() && !Redaction.isSensitiveHeader(header);
        }
        Param p = Param.connection(key.strip().toLowerCase(Locale.ROOT));
        return p != null && p != Param.PASSWORD;
    }

    private static void markPasswordRange(String text, BitSet marks) {
        int[] range = Redaction.passwordRange(text);
        if (range != null) {
            marks.set(range[0], range[1]);
        }
    }

    /** The text itself. Only for parsing: never put it in a message. */
    String value() {
        return text;
    }

    int length() {
        return text.length();
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    /** Whether any character may belong to a password: then nothing made of this text may be shown. */
    boolean isMarked() {
        return marks != null;
    }

    int indexOf(String s) {
        return text.indexOf(s);
    }

    int indexOf(char c) {
        return text.indexOf(c);
    }

    /** Characters {@code from} (inclusive) to {@code to} (exclusive), with their marks. */
    ConfigText sub(int from, int to) {
        if (from == 0 && to == text.length()) {
            return this;
        }
        return new ConfigText(text.substring(from, to), marks == null ? null : marks.get(from, to));
    }

    ConfigText sub(int from) {
        return sub(from, text.length());
    }

    /** Without leading and trailing white space, as {@link String#strip()}. */
    ConfigText strip() {
        int from = 0;
        int to = text.length();
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return sub(from, to);
    }

    /** Split at every {@code separator}, empty parts kept (as {@code String.split(s, -1)}). */
    List<ConfigText> split(char separator) {
        List<ConfigText> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = text.indexOf(separator, from)) >= 0) {
            parts.add(sub(from, at));
            from = at + 1;
        }
        parts.add(sub(from));
        return parts;
    }

    /**
     * Without its optional double quotes ({@link Values#unquote}): {@code "a b"} gives {@code a b}.
     *
     * @throws BadValue for an unbalanced quote
     */
    ConfigText unquote() {
        String unquoted = Values.unquote(text);
        return unquoted.length() == text.length() ? this : sub(1, text.length() - 1);
    }

    /** The lower-case text when nothing in it is marked (a key, a name), else {@code ****}. */
    String shownLowerCase() {
        return marks == null ? text.toLowerCase(Locale.ROOT) : Redaction.MASK;
    }

    /** The text with each marked run as {@code ****}. */
    String shown() {
        if (marks == null) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        for (int start = marks.nextSetBit(0); start >= 0 && start < text.length();
             start = marks.nextSetBit(start)) {
            int end = Math.min(marks.nextClearBit(start), text.length());
            sb.append(text, from, start).append(Redaction.MASK);
            from = end;
            start = end;
        }
        return sb.append(text, from, text.length()).toString();
    }

    /** The shown form: never the marked characters. */
    @Override
    public String toString() {
        return shown();
    }
}
