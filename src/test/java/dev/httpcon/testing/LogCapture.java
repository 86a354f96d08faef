package dev.httpcon.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log record of every logger while open, with every logger at ALL (slf4j goes to
 * java.util.logging in the tests, so HttpClient's header and wire loggers are included). The test
 * servers (Jetty) stay at INFO: they see credentials by design and are not httpcon.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     ... requests ...
 *     assertFalse(logs.text().contains(password));
 * }
 * }</pre>
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final StringBuilder text = new StringBuilder();
    private final List<LogRecord> records = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Logger root = Logger.getLogger("");
    private final Logger jetty = Logger.getLogger("org.eclipse.jetty");
    private final Level rootLevel = root.getLevel();
    private final Level jettyLevel = jetty.getLevel();

    private LogCapture() {
        setLevel(Level.ALL);
        root.addHandler(this);
        root.setLevel(Level.ALL);
        jetty.setLevel(Level.INFO);
    }

    /** Starts capturing. */
    public static LogCapture start() {
        return new LogCapture();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
        text.append(record.getLoggerName()).append(' ').append(formatter.format(record));
    }

    /** Everything captured so far, formatted (messages, parameters and stack traces). */
    public synchronized String text() {
        return text.toString();
    }

    /**
     * Everything captured so far without time stamps: logger, level, message with its parameters
     * filled in, and stack traces, one record after the other. For comparing two runs.
     */
    public synchronized String messages() {
        StringBuilder sb = new StringBuilder();
        for (LogRecord r : records) {
            sb.append(r.getLoggerName()).append(' ').append(r.getLevel()).append(' ')
                    .append(formatter.formatMessage(r)).append('\n');
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                sb.append(t).append('\n');
                for (StackTraceElement e : t.getStackTrace()) {
                    sb.append("  at ").append(e).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** The records captured so far. */
    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(rootLevel);
        jetty.setLevel(jettyLevel);
    }
}
