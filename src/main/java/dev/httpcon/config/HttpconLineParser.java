package dev.httpcon.config;

import dev.httpcon.Redaction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the original's {@code httpcon} lines (manual 3.16):
 * {@code name=>scheme://[user:pass@]host[:port][/path][;param=value]...}, for example
 * {@code apifour=>http://stockholm.example.com/api/getstuff;timeout=12;failover=apione}.
 *
 * <p>Any connection parameter may follow the URL as {@code ;param=value} (values may be written
 * in double quotes; {@code ""} is the null override). Unlike the original, an unknown parameter is
 * a problem, not a log line.
 */
final class HttpconLineParser {

    private static final String LINE_SHAPE = "expected name=>http(s)://[user:password@]host[:port][/path]"
            + "[;param=value]...; a comma inside one line must be written \\,";

    private HttpconLineParser() {
    }

    /**
     * The definitions of the {@code httpclient.httpcon} list, in order; lines without a valid name
     * are left out (and reported). {@code lines} carry their marks ({@link ConfigText#httpconList}).
     */
    static List<Definition> parseAll(List<ConfigText> lines, Problems problems) {
        List<Definition> definitions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Definition d = parse(lines.get(i), Param.PREFIX + Param.HTTPCON.globalKey() + "[" + i + "]", problems);
            if (d != null) {
                definitions.add(d);
            }
        }
        return definitions;
    }

    /**
     * One line; {@code where} names it in messages. Null if it has no name (no {@code =>}, or an
     * invalid name); a bad parameter is reported and left out, so that the rest is still checked.
     * Whatever part of the line may hold a password is shown as {@code ****}: the name, a key, a value.
     */
    static Definition parse(ConfigText line, String where, Problems problems) {
        ConfigText text = line.strip();
        int arrow = text.indexOf("=>");
        if (arrow < 0) {
            problems.add(where, Redaction.url(text.shown()), LINE_SHAPE);
            return null;
        }
        ConfigText name = text.sub(0, arrow).strip();
        boolean validName = Values.isName(name.value());
        if (!validName) {
            problems.add(where, name.shown(), "invalid connection name; " + Values.NAME_RULE);
        }
        String label = where + " (" + name.shown() + ")";
        List<ConfigText> parts = text.sub(arrow + 2).split(';');
        Map<Param, Setting> settings = new EnumMap<>(Param.class);
        Map<String, Setting> headers = new LinkedHashMap<>();
        settings.put(Param.URL, new Setting(Param.URL, parts.get(0).strip(), label + " url"));
        for (int i = 1; i < parts.size(); i++) {
            ConfigText part = parts.get(i).strip();
            if (!part.isEmpty()) { // tolerate ";;" and a trailing ';'
                parameter(part, label, settings, headers, problems);
            }
        }
        return validName ? new Definition(name.value(), name.shown(), where, settings, headers) : null;
    }

    private static void parameter(ConfigText part, String label, Map<Param, Setting> settings,
                                  Map<String, Setting> headers, Problems problems) {
        int eq = part.indexOf('=');
        if (eq < 0) {
            // The text is not shown: without '=' it might be a password written without its key.
            problems.add(label, null, "expected ;param=value after the URL, found a part without '='");
            return;
        }
        ConfigText keyText = part.sub(0, eq).strip();
        String key = keyText.value().toLowerCase(Locale.ROOT);
        String shownKey = keyText.shownLowerCase();
        ConfigText raw = part.sub(eq + 1).strip();
        String header = keyText.isMarked() ? null : Param.headerName(keyText.value());
        if (header != null) {
            IniParser.header(header, raw, label + " " + keyText.value(), headers, problems);
            return;
        }
        Param p = Param.connection(key);
        if (p == null) {
            problems.add(label + " " + shownKey, null, keyText.isMarked() ? "unknown parameter"
                    : Param.unknownConnection(key));
        } else if (p == Param.URL) {
            problems.add(label + " " + shownKey, null, "the url comes right after =>, not as ;url=");
        } else if (settings.containsKey(p)) {
            problems.add(new Setting(p, raw, label + " " + shownKey), "set twice in this line; keep one");
        } else {
            Setting s = Setting.unquoted(p, raw, label + " " + shownKey, problems);
            if (s != null) {
                settings.put(p, s);
            }
        }
    }
}
