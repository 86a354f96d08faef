package dev.httpcon.management;

import java.util.List;

/**
 * The original's RPC {@code httpclient.listcon} and counters, over JMX as
 * {@code dev.httpcon:type=HttpClient}, and the operator's hand on connection state
 * ({@code disable}, {@code enable}, {@code state}). Passwords appear only as {@code ****}.
 *
 * <pre>
 * jconsole: MBeans / dev.httpcon / HttpClient / Operations / listcon
 * jconsole: MBeans / dev.httpcon / HttpClient / Operations / disable("routing")
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

    /**
     * The state of a connection: {@code AVAILABLE}, {@code NOTREACHABLE} or {@code DISABLED}.
     *
     * @throws IllegalArgumentException naming the defined connections, for an unknown name
     */
    String state(String connection);

    /**
     * Takes a connection out of service: DISABLED, every call skips it (its failover takes the
     * call) until {@link #enable}. Returns the state now.
     *
     * @throws IllegalArgumentException naming the defined connections, for an unknown name
     */
    String disable(String connection);

    /**
     * Puts a connection back in service: AVAILABLE, its failure count reset. Returns the state now.
     *
     * @throws IllegalArgumentException naming the defined connections, for an unknown name
     */
    String enable(String connection);
}
