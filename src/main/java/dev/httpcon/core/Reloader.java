package dev.httpcon.core;

import dev.httpcon.ReloadResult;
import dev.httpcon.ReloadResult.Outcome;
import dev.httpcon.ReloadResult.Trigger;
import dev.httpcon.config.ConfigProblem;
import dev.httpcon.config.ConfigValidationException;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.SettingsChanges;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reloads of one core: reading the configuration again ({@link SettingsFeed}), putting a new
 * generation in force or refusing, and what triggers it besides an explicit call (a watched file,
 * {@code httpclient.reload_period}, ZooKeeper). Then it reports each reload (log, counts, the
 * measurement back ends, listeners such as the CDI event) and closes generations once drained.
 *
 * <p>Reloads run one at a time (one lock); triggers run them on one daemon thread,
 * {@code httpcon-reload}, made with the first need for it.
 */
final class Reloader implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Reloader.class.getName());

    /**
     * A watched file is read this long after its last change event: an editor that writes in
     * several steps is usually done by then (one that writes in place may still be caught
     * halfway; an invalid result is refused and read again at its next change).
     */
    static final long FILE_QUIET_MILLIS = 300;
    /** Several znodes set one after the other (a script, zkCli.sh) make one reload. */
    static final long ZOOKEEPER_QUIET_MILLIS = 100;

    private final HttpConCore core;
    private final Object lock = new Object();
    private final List<Consumer<ReloadResult>> listeners = new CopyOnWriteArrayList<>();
    /** Names a reload removed, with the generation that removed them (to say so when they are called). */
    private final Map<String, Long> removed = new ConcurrentHashMap<>();
    /** Generations replaced by a reload that still have calls in flight. */
    private final Set<ConnectionRegistry> retiring = ConcurrentHashMap.newKeySet();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile ReloadResult last;
    private List<String> lastProblems = List.of();

    private volatile SettingsFeed feed;
    /** The deployment's class loader, the context loader of every reload, as it was of the first load. */
    private ClassLoader loader;
    private ScheduledExecutorService executor;
    private FileWatch watch;
    private ScheduledFuture<?> periodic;
    private Duration period = Duration.ZERO;
    private Quiet fileChanges;
    private Quiet zooKeeperChanges;
    private volatile boolean closed;

    Reloader(HttpConCore core) {
        this.core = core;
    }

    /** Reads from {@code feed} from now on, and arms its triggers. */
    void start(SettingsFeed feed) {
        synchronized (lock) {
            this.feed = feed;
            this.loader = Thread.currentThread().getContextClassLoader();
            this.fileChanges = new Quiet(() -> reload(Trigger.FILE), FILE_QUIET_MILLIS);
            this.zooKeeperChanges = new Quiet(() -> reload(Trigger.ZOOKEEPER), ZOOKEEPER_QUIET_MILLIS);
            feed.onChange(zooKeeperChanges::signal);
            arm(core.registry().settings());
        }
    }

    void listen(Consumer<ReloadResult> listener) {
        listeners.add(listener);
    }

    /**
     * Reads the configuration again and applies it; see {@link HttpConCore#reload}. It runs with
     * the deployment's class loader as context loader, whatever the thread: files named in the
     * configuration are found as they were at deployment (classpath resources first).
     */
    ReloadResult reload(Trigger trigger) {
        synchronized (lock) {
            Thread t = Thread.currentThread();
            ClassLoader previous = t.getContextClassLoader();
            if (loader != null) {
                t.setContextClassLoader(loader);
            }
            try {
                return reloadWithLoader(trigger);
            } finally {
                t.setContextClassLoader(previous);
            }
        }
    }

    private ReloadResult reloadWithLoader(Trigger trigger) {
        synchronized (lock) {
            ConnectionRegistry current = core.registry();
            SettingsFeed f = feed;
            if (closed || f == null) {
                return report(refusal(trigger, current, List.of(closed ? "httpcon is closed"
                        : "nothing to read again: this deployment was started from settings, not from a"
                        + " configuration source")), current);
            }
            HttpConSettings next;
            try {
                next = f.reload();
            } catch (ConfigValidationException e) {
                List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
                return report(refusal(trigger, current, problems), current);
            } catch (RuntimeException e) {
                // The message is not shown: a configuration implementation's may quote a value.
                return report(refusal(trigger, current, List.of("the configuration could not be read ("
                        + e.getClass().getName() + "); nothing was changed")), current);
            }
            return apply(next, trigger);
        }
    }

    /** Puts validated settings in force, or reports that they are the ones in force. */
    ReloadResult apply(HttpConSettings next, Trigger trigger) {
        synchronized (lock) {
            ConnectionRegistry current = core.registry();
            SettingsChanges changes = SettingsChanges.between(current.settings(), next);
            if (changes.isEmpty()) {
                return report(new ReloadResult(Outcome.UNCHANGED, trigger, Instant.now(), current.generation(),
                        List.of(), List.of(), List.of(), List.of(), List.of()), current);
            }
            ConnectionRegistry nextGeneration;
            try {
                executor();   // the drained generation is closed there
                nextGeneration = current.next(next, this::drained);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "httpcon: reload: the new configuration could not be put in force", e);
                return report(refusal(trigger, current, List.of("the new configuration could not be put in force ("
                        + e.getClass().getName() + "); nothing was changed")), current);
            }
            try {
                core.resolveExecutors(nextGeneration, current);
            } catch (ConfigValidationException e) {
                nextGeneration.close();   // never in force: nothing runs on it
                return report(refusal(trigger, current, e.problems().stream().map(ConfigProblem::toString).toList()),
                        current);
            }
            ConnectionRegistry previous = core.swap(nextGeneration);
            retiring.add(previous);
            previous.inFlight().retire();
            core.reloaded(previous, nextGeneration);
            changes.removed().forEach(name -> removed.put(name, nextGeneration.generation()));
            changes.added().forEach(removed::remove);
            if (!changes.added().isEmpty() || !changes.removed().isEmpty()) {
                core.recorder().connections(nextGeneration.names());
            }
            arm(next);
            return report(new ReloadResult(Outcome.APPLIED, trigger, Instant.now(), nextGeneration.generation(),
                    changes.added(), changes.removed(), changes.changed(), changes.lines(), List.of()), nextGeneration);
        }
    }

    private static ReloadResult refusal(Trigger trigger, ConnectionRegistry current, List<String> problems) {
        return new ReloadResult(Outcome.REFUSED, trigger, Instant.now(), current.generation(), List.of(), List.of(),
                List.of(), List.of(), problems);
    }

    /** Counts, logs and announces a reload; returns it. */
    private ReloadResult report(ReloadResult r, ConnectionRegistry inForce) {
        (switch (r.outcome()) {
            case APPLIED -> applied;
            case UNCHANGED -> unchanged;
            case REFUSED -> refused;
        }).incrementAndGet();
        last = r;
        log(r);
        core.recorder().reload(r);
        for (Consumer<ReloadResult> l : listeners) {
            try {
                l.accept(r);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "httpcon: a reload listener failed: " + e, e);
            }
        }
        return r;
    }

    private void log(ReloadResult r) {
        switch (r.outcome()) {
            case APPLIED -> {
                LOG.log(Level.INFO, "httpcon: " + r.summary());
                r.changes().forEach(line -> LOG.log(Level.INFO, "httpcon:   " + line));
            }
            case UNCHANGED -> LOG.log(r.trigger() == Trigger.API || r.trigger() == Trigger.JMX ? Level.INFO
                    : Level.DEBUG, () -> "httpcon: " + r.summary());
            case REFUSED -> {
                // A timer or a watch finding the same problems again says it once.
                boolean again = r.problems().equals(lastProblems) && r.trigger() != Trigger.API
                        && r.trigger() != Trigger.JMX;
                Level level = again ? Level.DEBUG : Level.WARNING;
                LOG.log(level, () -> "httpcon: " + r.summary() + ":\n\t" + String.join("\n\t", r.problems()));
            }
        }
        if (r.outcome() != Outcome.UNCHANGED) {
            lastProblems = r.problems();
        }
    }

    /** A retired generation has nothing in flight any more: close it, off the caller's thread. */
    void drained(ConnectionRegistry generation) {
        retiring.remove(generation);
        ScheduledExecutorService e;
        synchronized (this) {
            e = executor;
        }
        if (e != null) {
            try {
                e.execute(generation::close);
                return;
            } catch (RejectedExecutionException shutDown) {
                // closing: close it here
            }
        }
        generation.close();
    }

    /** Why there is no connection {@code name} among {@code defined}. */
    String whyUndefined(String name, Set<String> defined) {
        Long generation = removed.get(name);
        return generation != null
                ? "connection '" + name + "' was removed from the configuration (reload to generation " + generation
                        + "); defined: " + defined
                : "no connection named '" + name + "'; defined: " + defined;
    }

    ReloadStatus status() {
        SettingsFeed f = feed;
        List<String> watched;
        long periodMillis;
        synchronized (lock) {
            watched = watch == null ? List.of() : watch.files().stream().map(Path::toString).toList();
            periodMillis = period.toMillis();
        }
        return new ReloadStatus(core.registry().generation(), applied.get(), unchanged.get(), refused.get(), last,
                watched, periodMillis, f == null ? List.of() : f.sourceStates(), f == null || f.sourcesReachable());
    }

    /** Watches the files of {@code settings} and sets the timer of its {@code reload_period}. */
    private void arm(HttpConSettings settings) {
        if (closed || feed == null) {
            return;
        }
        Set<Path> files = watchable(settings);
        if (watch == null || !watch.files().equals(files)) {
            if (watch != null) {
                watch.close();
                watch = null;
            }
            if (!files.isEmpty()) {
                watch = FileWatch.start(files, fileChanges::signal);
            }
        }
        Duration p = settings.reload().period();
        if (!p.equals(period)) {
            if (periodic != null) {
                periodic.cancel(false);
                periodic = null;
            }
            period = p;
            if (!p.isZero()) {
                periodic = executor().scheduleWithFixedDelay(() -> reload(Trigger.PERIOD), p.toMillis(), p.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * The files worth watching: the {@code config_file} and the certificate, key and CA files,
     * those that are files (not inside an archive). MicroProfile Config's own files are read again
     * by every reload but not watched: {@code reload_period}, or an explicit reload, reads them.
     */
    private static Set<Path> watchable(HttpConSettings settings) {
        Set<Path> paths = new LinkedHashSet<>();
        for (String l : settings.files()) {
            Path p = FileWatch.path(l);
            if (p != null) {
                paths.add(p);
            }
        }
        return paths;
    }

    private synchronized ScheduledExecutorService executor() {
        if (executor == null) {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "httpcon-reload");
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true);
            executor = e;
        }
        return executor;
    }

    @Override
    public void close() {
        SettingsFeed f;
        synchronized (lock) {
            closed = true;
            if (watch != null) {
                watch.close();
                watch = null;
            }
            f = feed;
        }
        synchronized (this) {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
        if (f != null) {
            f.close();
        }
        for (ConnectionRegistry r : new ArrayList<>(retiring)) {
            retiring.remove(r);
            r.close();
        }
    }

    /** Runs a reload once the signals have stopped for a while: a burst of changes makes one reload. */
    private final class Quiet {
        private final Runnable action;
        private final long quietMillis;
        private ScheduledFuture<?> pending;

        Quiet(Runnable action, long quietMillis) {
            this.action = action;
            this.quietMillis = quietMillis;
        }

        synchronized void signal() {
            if (closed) {
                return;
            }
            if (pending != null) {
                pending.cancel(false);
            }
            try {
                pending = executor().schedule(action, quietMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shutDown) {
                // closing
            }
        }
    }
}
