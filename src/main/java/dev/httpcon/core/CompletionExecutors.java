package dev.httpcon.core;

import dev.httpcon.config.ConfigProblem;
import dev.httpcon.config.ConfigValidationException;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.ExecutorRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Resolves the {@code async_executor} of every connection of a generation once, when it is
 * deployed or reloaded, so that a name that does not resolve is a deployment error (or a refused
 * reload) naming the key and the connection, never a silent fallback to the default pool on the
 * first call. A JNDI name ({@code java:...}, the container's {@code ManagedExecutorService}) is
 * looked up here; any other name through the front door's {@link ExecutorLookup}.
 */
final class CompletionExecutors {

    private CompletionExecutors() {
    }

    /**
     * Gives each runtime of {@code next} with an {@code async_executor} its executor: the one its
     * predecessor in {@code previous} resolved when the name is the same (a reload on a watch thread
     * has no container context to look a JNDI name up again), else a new lookup.
     *
     * @throws ConfigValidationException listing every name that does not resolve; no runtime is changed then
     */
    static void resolve(ConnectionRegistry next, ConnectionRegistry previous, ExecutorLookup lookup) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Runnable> assignments = new ArrayList<>();
        for (ConnectionRuntime r : next.runtimes()) {
            ExecutorRef ref = r.settings().asyncExecutor();
            if (ref == null) {
                assignments.add(() -> r.completions(null));
                continue;
            }
            ConnectionRuntime before = previous == null ? null : previous.runtime(r.name());
            if (before != null && before.completions() != null
                    && Objects.equals(ref.name(), nameOf(before.settings()))) {
                Executor kept = before.completions();
                assignments.add(() -> r.completions(kept));
                continue;
            }
            try {
                Executor found = find(ref.name(), lookup);
                assignments.add(() -> r.completions(found));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(ref.where(), ref.name(), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(problems);
        }
        assignments.forEach(Runnable::run);
    }

    private static String nameOf(ConnectionSettings s) {
        return s.asyncExecutor() == null ? null : s.asyncExecutor().name();
    }

    /** The executor of {@code name}: JNDI for {@code java:...}, else the front door's lookup. */
    static Executor find(String name, ExecutorLookup lookup) {
        if (name.startsWith(ExecutorRef.JNDI_PREFIX)) {
            return jndi(name);
        }
        if (lookup == null) {
            throw new IllegalArgumentException("no executor can be found by name here");
        }
        Executor e = lookup.find(name);
        if (e == null) {
            throw new IllegalArgumentException("no executor is named " + name);
        }
        return e;
    }

    /**
     * Looks a JNDI name up (Jakarta Concurrency's {@code ManagedExecutorService}, which is an
     * {@link java.util.concurrent.ExecutorService}). Outside a container there is no initial
     * context: that is said, not hidden behind the default pool.
     */
    static Executor jndi(String name) {
        Object found;
        try {
            found = Jndi.lookup(name);
        } catch (NoClassDefFoundError noNaming) {
            throw new IllegalArgumentException("JNDI (the java.naming module) is not in this Java runtime, so a "
                    + "java: name cannot be looked up");
        }
        if (!(found instanceof Executor executor)) {
            throw new IllegalArgumentException(name + " is bound to " + (found == null ? "null"
                    : "a " + found.getClass().getName()) + ", not an Executor (a ManagedExecutorService is one)");
        }
        return executor;
    }

    /** Names javax.naming only here, so a runtime without java.naming fails with NoClassDefFoundError above. */
    private static final class Jndi {
        static Object lookup(String name) {
            try {
                javax.naming.InitialContext ctx = new javax.naming.InitialContext();
                try {
                    return ctx.lookup(name);
                } finally {
                    ctx.close();
                }
            } catch (javax.naming.NoInitialContextException e) {
                throw new IllegalArgumentException("no JNDI naming context here (not in a Jakarta EE container?), so "
                        + name + " cannot be looked up; name a CDI bean instead, or leave async_executor unset");
            } catch (javax.naming.NameNotFoundException e) {
                throw new IllegalArgumentException("JNDI has no " + name + " (is Jakarta Concurrency enabled in the "
                        + "container, and the name spelt as the container binds it?)");
            } catch (javax.naming.NamingException | RuntimeException e) {
                throw new IllegalArgumentException("the JNDI lookup of " + name + " failed: " + e.getClass().getName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }
    }
}
