package dev.httpcon.cli;

import dev.httpcon.HttpRequest;
import dev.httpcon.Redaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code "cmd"} of an output line: the command as typed, re-quoted for a shell, with secrets
 * masked: a password in a URL ({@code user:****@host}, {@link Redaction#maskPassword}) and the
 * value of a credential header ({@code Authorization}, {@code Cookie}, ...: the rule of
 * {@link HttpRequest.Header#isSensitive()}). Query strings stay: the reader typed them, and the
 * result line carries the effective URL whole anyway.
 */
final class CommandText {

    private static final String HEADER = "--header";

    private CommandText() {
    }

    /** The words, masked and quoted. */
    static String of(List<String> words) {
        List<String> shown = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i > 0 && words.get(i - 1).equals(HEADER)) {
                shown.add(header(w));
            } else if (w.startsWith(HEADER + "=")) {
                shown.add(HEADER + "=" + header(w.substring(HEADER.length() + 1)));
            } else {
                shown.add(Redaction.maskPassword(w));
            }
        }
        return ShellWords.join(shown);
    }

    /**
     * A line that could not be split into words (an unterminated quote): only its first word, the
     * command name, since the rest cannot be told apart safely.
     */
    static String ofUnsplittable(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        String first = space < 0 ? trimmed : trimmed.substring(0, space);
        return first.contains("'") || first.contains("\"") ? "" : Redaction.maskPassword(first);
    }

    private static String header(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return text.contains("://") ? Redaction.maskPassword(text) : Redaction.MASK;
        }
        String name = text.substring(0, colon).strip();
        try {
            return new HttpRequest.Header(name, text.substring(colon + 1).strip()).toString();
        } catch (IllegalArgumentException invalid) {
            return name + ": ****";
        }
    }
}
