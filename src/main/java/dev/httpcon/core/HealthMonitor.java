package dev.httpcon.core;

import dev.httpcon.ConnectionState;
import dev.httpcon.ConnectionStateChanged;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ResilienceSettings;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * What a deployment does when a connection changes state, off the callers' threads: one log line
 * per change, the listeners (the CDI event, {@code StandaloneHttpCon.onStateChange}) in the order
 * of the changes, the measurements' state, and the background probes of {@code health_probe}.
 *
 * <p>Two small daemon threads, each started on first need (a deployment without health changes
 * has none): {@code httpcon-health-events} delivers the changes one by one, in order;
 * {@code httpcon-health-probe} runs the probes (two threads at most, so one probe waiting out a
 * connection's timeout does not hold up every other). A probe is one GET of the connection's
 * {@code health_probe} path through the engine, bounded by the connection's {@code timeout}
 * ({@code health_retry} when it has none), and is not an attempt: neither counted nor measured.
 */
final class HealthMonitor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HealthMonitor.class.getName());

    /** Where the generation of the configuration in force is found: a reload replaces it. */
    private final HttpConCore core;
    private final Recording recording;
    private final List<Consumer<ConnectionStateChanged>> listeners = new CopyOnWriteArrayList<>();
    private ExecutorService events;
    private ScheduledThreadPoolExecutor probes;
    private boolean closed;

    HealthMonitor(HttpConCore core, Recording recording) {
        this.core = core;
        this.recording = recording;
    }

    /** The resilience settings of a connection now, or {@code null} if it is gone. */
    ResilienceSettings settings(String name) {
        ConnectionRuntime r = core.registry().runtime(name);
        return r == null ? null : r.settings().resilience();
    }

    /** Registers a listener of every change from now on; closing the result removes it. */
    AutoCloseable listen(Consumer<ConnectionStateChanged> listener) {
        Objects.requireNonNull(listener, "listener must be set");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A connection changed state (called once per change, inside the change). */
    void changed(String name, ConnectionState from, ConnectionState to, String reason, long generation) {
        recording.recorder().state(name, to);
        ConnectionStateChanged event = new ConnectionStateChanged(name, from, to, reason, Instant.now());
        deliver(event);
        if (to == ConnectionState.NOTREACHABLE) {
            ResilienceSettings s = settings(name);
            if (s != null && s.healthProbe() != null) {
                schedule(name, generation, s.healthRetry());
            }
        }
    }

    private synchronized void deliver(ConnectionStateChanged event) {
        if (closed) {
            return;
        }
        if (events == null) {
            events = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    r -> daemon(r, "httpcon-health-events"));
        }
        events.execute(() -> announce(event));
    }

    private void announce(ConnectionStateChanged event) {
        LOG.log(event.state() == ConnectionState.AVAILABLE ? Level.INFO : Level.WARNING, event.toString());
        for (Consumer<ConnectionStateChanged> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "httpcon: a listener of connection state changes failed on " + event, e);
            }
        }
    }

    private synchronized void schedule(String name, long generation, Duration delay) {
        if (closed) {
            return;
        }
        if (probes == null) {
            probes = new ScheduledThreadPoolExecutor(2, r -> daemon(r, "httpcon-health-probe"));
            probes.setRemoveOnCancelPolicy(true);
            probes.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        try {
            probes.schedule(() -> probe(name, generation), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            // closing
        }
    }

    /**
     * A reload put {@code next} in force after {@code previous}: a connection NOTREACHABLE that had
     * no {@code health_probe} and has one now gets its probes started here, since only the trial
     * calls, which the probe replaces, would otherwise bring it back. (A probe path changed or
     * removed is read by the probes already planned at their next run.)
     */
    void reloaded(ConnectionRegistry previous, ConnectionRegistry next) {
        for (ConnectionRuntime r : next.runtimes()) {
            ConnectionRuntime before = previous.runtime(r.name());
            ResilienceSettings s = r.settings().resilience();
            Health health = r.live().health;
            if (before != null && before.settings().resilience().healthProbe() == null && s.healthProbe() != null
                    && health.state() == ConnectionState.NOTREACHABLE) {
                schedule(r.name(), health.generation(), Duration.ZERO);
            }
        }
    }

    /**
     * One probe of a NOTREACHABLE connection; the next one is planned when this one is done. It
     * runs on the generation of the configuration in force, counted in flight there, so a reload
     * meanwhile does not close the transport under it.
     */
    private void probe(String name, long generation) {
        ConnectionRegistry inForce = core.enter();
        try {
            probe(inForce, name, generation);
        } finally {
            core.exit(inForce);
        }
    }

    private void probe(ConnectionRegistry inForce, String name, long generation) {
        ConnectionRuntime runtime = inForce.runtime(name);
        if (runtime == null) {
            return;
        }
        Health health = runtime.live().health;
        ResilienceSettings s = runtime.settings().resilience();
        if (health.generation() != generation || health.state() != ConnectionState.NOTREACHABLE
                || s.healthProbe() == null) {
            return;   // the spell it was started for is over
        }
        HttpResult r = null;
        try {
            r = runtime.probe(s.healthProbe());
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "httpcon: health probe of '" + name + "' failed", bug);
        }
        if (r != null && r.code() >= 200 && r.code() < 300) {
            health.probed(generation, r, s.healthProbe(), this);
        } else {
            if (r != null) {
                String got = r.code() + " " + r.errorText();
                LOG.log(Level.DEBUG, () -> "httpcon: health probe of '" + name + "' got " + got);
            }
            schedule(name, generation, s.healthRetry());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (probes != null) {
            probes.shutdownNow();
        }
        if (events != null) {
            events.shutdown();   // changes already reported are still delivered
        }
    }
}
