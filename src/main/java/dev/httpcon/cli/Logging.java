package dev.httpcon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * java.util.logging for a command: one line per record on stderr, warnings and above (Weld's and
 * SmallRye's INFO chatter stays out of the output), or INFO and above with {@code -v}. jboss-logging
 * (Weld, SmallRye) is told to use JUL; slf4j (HttpClient) reaches JUL through slf4j-jdk14.
 */
final class Logging {

    /**
     * ZooKeeper's client warns, with a stack trace, at every failed attempt to reconnect (about
     * once a second while ZooKeeper is out of reach); httpcon says once that it is unreachable and
     * what it keeps. Held here: java.util.logging keeps loggers only weakly, with their levels.
     */
    private static final Logger ZOOKEEPER = Logger.getLogger("org.apache.zookeeper");

    private Logging() {
    }

    /** Call before anything logs. */
    static void configure(boolean verbose) {
        System.setProperty("org.jboss.logging.provider", "jdk");
        LogManager.getLogManager().reset();
        Level level = verbose ? Level.INFO : Level.WARNING;
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        ConsoleHandler handler = new ConsoleHandler();   // System.err
        handler.setLevel(level);
        handler.setFormatter(new OneLine(verbose));
        root.addHandler(handler);
        ZOOKEEPER.setLevel(verbose ? Level.INFO : Level.SEVERE);
    }

    /** {@code httpcon: WARNING: message}, plus the stack trace of a logged exception with -v. */
    private static final class OneLine extends Formatter {
        private final boolean verbose;

        OneLine(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder("httpcon: ").append(r.getLevel().getName()).append(": ")
                    .append(formatMessage(r));
            if (verbose) {
                sb.append(" [").append(r.getLoggerName()).append(']');
            }
            sb.append(System.lineSeparator());
            if (r.getThrown() != null && verbose) {
                StringWriter w = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(w));
                sb.append(w);
            }
            return sb.toString();
        }
    }
}
