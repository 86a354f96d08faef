package dev.httpcon.management;

import java.util.List;

/**
 * The original's RPC {@code httpclient.listcon} and counters, over JMX as
 * {@code dev.httpcon:type=HttpClient}. Read-only; passwords appear only as {@code ****}.
 *
 * <pre>
 * jconsole: MBeans / dev.httpcon / HttpClient / Operations / listcon
 * </pre>
 */
public interface HttpClientMXBean {

    /** Every connection with its settings (no secrets) and ok/fail counts. */
    List<ConnectionRow> listcon();

    /** {@code httpclient.listcon} as text, one connection per line, for consoles. */
    String listconText();

    /** The number of connection definitions (the original's counter {@code httpclient.connections}). */
    int getConnections();

    /** Attempts that got a response below 500, all connections (the original's {@code httpclient.connok}). */
    long getConnok();

    /** Attempts that failed (curl error or status >= 500), all connections ({@code httpclient.connfail}). */
    long getConnfail();
}
