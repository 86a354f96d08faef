package dev.httpcon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a batch line into words as a POSIX shell would, without any expansion, and quotes words
 * back for display.
 *
 * <ul>
 *   <li>spaces and tabs separate words;</li>
 *   <li>{@code 'single quotes'} keep everything literally;</li>
 *   <li>{@code "double quotes"} keep everything but {@code \"}, {@code \\}, {@code \$} and
 *       {@code \`}, which stand for the second character;</li>
 *   <li>outside quotes a backslash takes the next character literally;</li>
 *   <li>an unquoted {@code #} at the start of a word begins a comment;</li>
 *   <li>quoted parts join the word they touch: {@code --header='X-A: 1'} is one word.</li>
 * </ul>
 * No variables, globbing, pipes or redirections: {@code $HOME}, {@code *} and {@code |} are plain text.
 */
final class ShellWords {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /** The words of {@code line}. @throws UsageException for an unterminated quote or a trailing backslash */
    static List<String> split(String line) throws UsageException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new UsageException("the line ends with a backslash");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new UsageException("unterminated ' quote (opened at column " + (i + 1) + ")");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Appends the double-quoted part opened at {@code open}; returns the index after its closing quote. */
    private static int doubleQuoted(String line, int open, StringBuilder word) throws UsageException {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new UsageException("unterminated \" quote (opened at column " + (open + 1) + ")");
    }

    /** The word as a shell (and {@link #split}) reads it back: bare when safe, else in single quotes. */
    static String quote(String word) {
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words quoted and joined with spaces. */
    static String join(List<String> words) {
        List<String> quoted = new ArrayList<>(words.size());
        for (String w : words) {
            quoted.add(quote(w));
        }
        return String.join(" ", quoted);
    }
}
