package dev.httpcon.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code httpcon batch}: commands from a reader, one per line, all in one {@link Session}, one JSON
 * object per line out (flushed at once, so batch can be driven line by line through a pipe).
 * Blank lines and lines starting with {@code #} are skipped. A bad line gives
 * {@code {"cmd":...,"error":...}} and batch goes on.
 */
final class Batch {

    private static final System.Logger LOG = System.getLogger(Batch.class.getName());

    private Batch() {
    }

    /** Runs every line until the end of the input (or until the output can no longer be written). */
    static void run(Session session, BufferedReader in, PrintStream out) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Map<String, Object> json = line(session, line);
            if (json != null) {
                out.println(Json.write(json));
                if (out.checkError()) {
                    return;   // nobody reads any more (a closed pipe): sending more requests helps no one
                }
            }
        }
    }

    /** The output of one line, or {@code null} for a blank or comment line. */
    static Map<String, Object> line(Session session, String line) {
        List<String> words;
        try {
            words = ShellWords.split(line);
        } catch (UsageException e) {
            return error(CommandText.ofUnsplittable(line), e.getMessage());
        }
        if (words.isEmpty()) {
            return null;
        }
        String cmd = CommandText.of(words);
        try {
            return session.run(CommandLine.batchLine(words), cmd).json();
        } catch (UsageException e) {
            return error(cmd, e.getMessage());
        } catch (RuntimeException e) {
            // a bug, not the line's fault: reported on its line, logged with its stack trace, batch goes on
            LOG.log(Level.ERROR, "internal error on '" + cmd + "'", e);
            return error(cmd, "internal error: " + e);
        }
    }

    private static Map<String, Object> error(String cmd, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmd", cmd);
        m.put("error", message);
        return m;
    }
}
