package dev.httpcon.management;

import java.util.List;

/**
 * The original's RPC {@code httpclient.listcon} and counters, over JMX as
 * {@code dev.httpcon:type=HttpClient}, the reload of the configuration, and the operator's hand
 * on connection state ({@code disable}, {@code enable}, {@code state}). Passwords appear only as
 * {@code ****}; no attribute or result holds a secret.
 *
 * <pre>
 * jconsole: MBeans / dev.httpcon / HttpClient / Operations / listcon, reload
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
     * Reads every configuration source again, validates the whole configuration as at deployment
     * and puts it in force, or changes nothing. The result, as text: the summary line, then one
     * line per change, or per problem when the reload was refused.
     */
    String reload();

    /** The configuration in force: 1 as deployed, one more per reload applied. */
    long getConfigurationGeneration();

    /** Reloads that put a new configuration in force. */
    long getReloadsApplied();

    /** Reloads that found nothing to change. */
    long getReloadsUnchanged();

    /** Reloads refused (an invalid configuration, or none to read): nothing changed. */
    long getReloadsRefused();

    /** The last reload as {@link #reload()} gives it, or empty if none yet. */
    String getLastReload();

    /** The files whose changes make a reload. */
    List<String> getWatchedFiles();

    /**
     * One line per configuration source that can be out of reach (ZooKeeper): reachable or since
     * when not, and which configuration is kept meanwhile. Empty without such a source.
     */
    List<String> getConfigurationSources();

    /** Whether every configuration source that can be out of reach is reachable now (true without one). */
    boolean isConfigurationSourcesReachable();

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
