package dev.httpcon.config;

import dev.httpcon.Redaction;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the original's {@code config_file} (manual 3.17, example 1.18):
 * <pre>
 * # comment (also ; comment)
 * [authapiserver]
 * url = https://api.runbo.example.com/v4.2/auth
 * timeout = 1
 * verify_peer = yes
 * http_follow_redirect = no
 * useragent = "quoted values keep their spaces"
 * httpproxy = ""        # a comment may follow a quoted value
 * header.X-Api-Key = "k-123"
 * </pre>
 * Keys are case-insensitive; a value may be written in double quotes, and {@code ""} is the
 * manual's null override. A comment after a value needs the quotes: without them, {@code #} and
 * {@code ;} are part of the value. Every problem names the file and the line.
 */
final class IniParser {

    /** A section being read: its name, where it starts, its values and the line of each. */
    private static final class Section {
        final String name;
        final String where;
        final boolean valid;
        final Map<Param, Setting> settings = new EnumMap<>(Param.class);
        final Map<Param, Integer> lines = new EnumMap<>(Param.class);
        final Map<String, Setting> headers = new LinkedHashMap<>();

        Section(String name, String where, boolean valid) {
            this.name = name;
            this.where = where;
            this.valid = valid;
        }
    }

    private IniParser() {
    }

    /** The sections of a file as definitions; {@code file} names it in messages. */
    static List<Definition> parse(String file, byte[] content, Problems problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            problems.add(file, null, "not a UTF-8 text file");
            return List.of();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Definition> definitions = new ArrayList<>();
        Map<String, String> sectionsSeen = new HashMap<>();
        Section current = null;
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String stripped = lines[i].strip();
            String at = file + ":" + (i + 1);
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;   // a comment is never shown, whatever it holds
            }
            ConfigText line = ConfigText.iniLine(stripped);
            if (stripped.startsWith("[")) {
                add(definitions, current);
                current = section(line, at, sectionsSeen, problems);
            } else {
                keyValue(line, i + 1, at, current, problems);
            }
        }
        add(definitions, current);
        return definitions;
    }

    private static Section section(ConfigText line, String at, Map<String, String> seen, Problems problems) {
        if (!line.value().endsWith("]")) {
            problems.add(at, line.shown(), "expected a section header [name]");
            return new Section(line.shown(), at, false);
        }
        ConfigText nameText = line.sub(1, line.length() - 1).strip();
        if (!Values.isName(nameText.value()) || nameText.isMarked()) {
            String where = at + " [" + nameText.shown() + "]";
            problems.add(where, nameText.shown(), "invalid section name; " + Values.NAME_RULE);
            return new Section(nameText.shown(), where, false);
        }
        String name = nameText.value();
        String where = at + " [" + name + "]";
        String first = seen.putIfAbsent(name, where);
        if (first != null) {
            problems.add(where, name, "duplicate section: [" + name + "] is already defined at " + first);
            return new Section(name, where, false);
        }
        return new Section(name, where, true);
    }

    private static void keyValue(ConfigText line, int number, String at, Section section, Problems problems) {
        String place = section == null ? at : at + " [" + section.name + "]";
        int eq = line.indexOf('=');
        if (eq < 0) {
            // Not shown: a line without '=' might be a stray password.
            problems.add(place, null, "expected key = value, a [name] section, or a comment line starting with # or ;");
            return;
        }
        ConfigText keyText = line.sub(0, eq).strip();
        String key = keyText.value().toLowerCase(Locale.ROOT);
        ConfigText raw = withoutComment(line.sub(eq + 1).strip());
        String where = place + " " + keyText.shownLowerCase();
        if (section == null) {
            problems.add(where, null, "a key outside any section: put it under a [name] section");
            return;
        }
        String header = keyText.isMarked() ? null : Param.headerName(keyText.value());
        if (header != null) {
            header(header, raw, place + " " + keyText.value(), section.headers, problems);
            return;
        }
        Param p = Param.connection(key);
        if (p == null) {
            problems.add(where, null, keyText.isMarked() ? "unknown parameter" : Param.unknownConnection(key));
            return;
        }
        Integer previous = section.lines.putIfAbsent(p, number);
        if (previous != null) {
            problems.add(new Setting(p, raw, where), "duplicate key: " + p.connectionKey() + " is already set in ["
                    + section.name + "] at line " + previous);
            return;
        }
        Setting s = Setting.unquoted(p, raw, where, problems);
        if (s != null) {
            section.settings.put(p, s);
        }
    }

    /**
     * A value without the comment that may follow its closing quote: {@code "" # no proxy} is
     * {@code ""}. Only after a quoted value: in a value without quotes a {@code #} or {@code ;} is
     * part of it (a password may hold one). A value that ends with its quote is taken whole, as
     * always ({@code "a" # b"} is {@code a" # b}); otherwise the value ends at the first quote that is
     * followed by white space and {@code #} or {@code ;}.
     */
    static ConfigText withoutComment(ConfigText raw) {
        String v = raw.value();
        if (!v.startsWith("\"") || (v.length() > 1 && v.endsWith("\""))) {
            return raw;
        }
        for (int q = v.indexOf('"', 1); q > 0; q = v.indexOf('"', q + 1)) {
            int after = q + 1;
            while (after < v.length() && (v.charAt(after) == ' ' || v.charAt(after) == '\t')) {
                after++;
            }
            if (after > q + 1 && after < v.length() && (v.charAt(after) == '#' || v.charAt(after) == ';')) {
                return raw.sub(0, q + 1);
            }
        }
        return raw;   // an unbalanced quote, reported as such
    }

    /**
     * A default header written in a section or a line ({@code header.X-Api-Key = value}): its
     * value without quotes, marked as a secret when the name says so; the same header twice (in
     * any letter case) is a problem.
     */
    static void header(String name, ConfigText raw, String where, Map<String, Setting> headers, Problems problems) {
        ConfigText value = Redaction.isSensitiveHeader(name) ? ConfigText.secret(raw.value()) : raw;
        Setting s = Setting.unquoted(Param.HEADER, value, where, problems);
        if (s == null) {
            return;
        }
        String first = headers.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(null);
        if (first != null) {
            problems.add(s, "header " + first + " is already set for this connection; keep one");
            return;
        }
        headers.put(name, s);
    }

    private static void add(List<Definition> definitions, Section section) {
        if (section != null && section.valid) {
            definitions.add(new Definition(section.name, section.where, section.settings, section.headers));
        }
    }
}
