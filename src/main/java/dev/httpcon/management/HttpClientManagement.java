package dev.httpcon.management;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.ConnectionState;
import dev.httpcon.ReloadResult;
import dev.httpcon.core.ConnectionRuntime;
import dev.httpcon.core.HttpConCore;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The {@link HttpClientMXBean} of one deployment, registered on the platform MBean server as
 * {@code dev.httpcon:type=HttpClient}. A second deployment in the same JVM registers as
 * {@code dev.httpcon:type=HttpClient,instance=2} (and so on) instead of failing.
 */
public final class HttpClientManagement implements HttpClientMXBean, AutoCloseable {

    /** The name of the first deployment's MBean. */
    public static final String OBJECT_NAME = "dev.httpcon:type=HttpClient";

    private static final System.Logger LOG = System.getLogger(HttpClientManagement.class.getName());

    private final HttpConCore core;
    private ObjectName registeredAs;

    public HttpClientManagement(HttpConCore core) {
        this.core = Objects.requireNonNull(core, "core must be set");
    }

    /** Registers this MBean; returns the name used. */
    public synchronized ObjectName register() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        for (int i = 2; server.isRegistered(name); i++) {
            name = new ObjectName(OBJECT_NAME + ",instance=" + i);
        }
        server.registerMBean(this, name);
        registeredAs = name;
        return name;
    }

    /** Unregisters this MBean, if registered. */
    @Override
    public synchronized void close() {
        if (registeredAs == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registeredAs);
        } catch (JMException e) {
            LOG.log(Level.DEBUG, "httpcon: could not unregister " + registeredAs, e);
        }
        registeredAs = null;
    }

    @Override
    public List<ConnectionRow> listcon() {
        List<ConnectionRow> rows = new ArrayList<>();
        for (ConnectionRuntime rt : core.registry().runtimes()) {
            rows.add(ConnectionRow.of(rt.info()));
        }
        return rows;
    }

    @Override
    public String listconText() {
        StringBuilder sb = new StringBuilder();
        for (ConnectionRuntime rt : core.registry().runtimes()) {
            ConnectionInfo c = rt.info();
            sb.append(c.name()).append(' ').append(c.scheme()).append(' ').append(c.url())
                    .append(" user=").append(c.username())
                    .append(" password=").append(c.password())
                    .append(" failover=").append(c.failover())
                    .append(" timeout=").append(c.timeout().toMillis()).append("ms")
                    .append(" state=").append(c.state())
                    .append(" ok=").append(c.ok()).append(" fail=").append(c.fail())
                    .append(" skipped=").append(c.skipped()).append(" refused=").append(c.refused())
                    .append('\n');
        }
        return sb.toString();
    }

    @Override
    public int getConnections() {
        return core.registry().names().size();
    }

    @Override
    public long getConnok() {
        return core.registry().runtimes().stream().mapToLong(ConnectionRuntime::okCount).sum();
    }

    @Override
    public long getConnfail() {
        return core.registry().runtimes().stream().mapToLong(ConnectionRuntime::failCount).sum();
    }

    @Override
    public String reload() {
        return core.reload(ReloadResult.Trigger.JMX).text();
    }

    @Override
    public long getConfigurationGeneration() {
        return core.registry().generation();
    }

    @Override
    public long getReloadsApplied() {
        return core.reloadStatus().applied();
    }

    @Override
    public long getReloadsUnchanged() {
        return core.reloadStatus().unchanged();
    }

    @Override
    public long getReloadsRefused() {
        return core.reloadStatus().refused();
    }

    @Override
    public String getLastReload() {
        ReloadResult last = core.reloadStatus().last();
        return last == null ? "" : last.text();
    }

    @Override
    public List<String> getWatchedFiles() {
        return core.reloadStatus().watched();
    }

    @Override
    public List<String> getConfigurationSources() {
        return core.reloadStatus().sources();
    }

    @Override
    public boolean isConfigurationSourcesReachable() {
        return core.reloadStatus().sourcesReachable();
    }

    @Override
    public String state(String connection) {
        return operate(connection, core::state);
    }

    @Override
    public String disable(String connection) {
        return operate(connection, core::disable);
    }

    @Override
    public String enable(String connection) {
        return operate(connection, core::enable);
    }

    /** JMX clients know the JDK's exceptions only: an unknown name is an IllegalArgumentException. */
    private static String operate(String connection, Function<String, ConnectionState> op) {
        try {
            return op.apply(connection).name();
        } catch (NoSuchElementException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
