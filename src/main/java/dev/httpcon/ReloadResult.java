package dev.httpcon;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one reload of the configuration did: {@link HttpConnections#reload()} returns it, the JMX
 * operation {@code reload} reports it, and every reload is announced with it (a CDI event, or a
 * listener of {@code StandaloneHttpCon}).
 *
 * <pre>{@code
 * ReloadResult r = connections.reload();
 * if (r.refused()) {
 *     r.problems().forEach(p -> log.warn("not reloaded: " + p));   // nothing changed
 * } else {
 *     r.changes().forEach(log::info);         // e.g. connection 'routing': url http://a/api -> http://b/api
 * }
 *
 * void onReload(@Observes ReloadResult r) { ... }                   // in a CDI bean
 * }</pre>
 *
 * <p>Never holds a secret: a changed password is said to have changed, URLs are shown as
 * {@link Redaction#url(java.net.URI)} shows them.
 *
 * @param outcome    what happened
 * @param trigger    what asked for the reload
 * @param at         when it was decided
 * @param generation the configuration in force afterwards: 1 as deployed, one more per applied reload
 * @param added      connections added (usable at once by name; an injection point needs a redeploy)
 * @param removed    connections removed (their calls now answer -1 saying so)
 * @param changed    connections whose settings changed (calls that start from now on use them)
 * @param changes    one line per change, for people: what changed, never a secret
 * @param problems   why a refused reload was refused: every problem, as at deployment
 */
public record ReloadResult(Outcome outcome, Trigger trigger, Instant at, long generation, List<String> added,
                           List<String> removed, List<String> changed, List<String> changes, List<String> problems) {

    /** What a reload did. */
    public enum Outcome {
        /** The new configuration is in force: something changed. */
        APPLIED,
        /** The configuration read was the one in force: nothing to do. */
        UNCHANGED,
        /** The configuration read was invalid (or could not be read): nothing changed, {@link #problems()} says why. */
        REFUSED
    }

    /** What asked for a reload. */
    public enum Trigger {
        /** {@link HttpConnections#reload()}, also the command's batch line {@code reload}. */
        API,
        /** The JMX operation {@code reload} of {@code dev.httpcon:type=HttpClient}. */
        JMX,
        /** A watched file changed: the {@code config_file}, a certificate, key or CA file. */
        FILE,
        /** {@code httpclient.reload_period}. */
        PERIOD,
        /** A znode under the ZooKeeper root changed, or ZooKeeper was reached again. */
        ZOOKEEPER
    }

    public ReloadResult {
        Objects.requireNonNull(outcome, "outcome must be set");
        Objects.requireNonNull(trigger, "trigger must be set");
        Objects.requireNonNull(at, "at must be set");
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
    }

    /** Whether a new configuration is in force. */
    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }

    /** Whether the configuration read was refused (nothing changed). */
    public boolean refused() {
        return outcome == Outcome.REFUSED;
    }

    /**
     * One line: {@code reload (jmx): applied, generation 3: 1 added, 0 removed, 1 changed}, or
     * {@code reload (file): refused, 2 problems; generation 2 stays in force}.
     */
    public String summary() {
        String head = "reload (" + trigger.name().toLowerCase(java.util.Locale.ROOT) + "): ";
        return switch (outcome) {
            case APPLIED -> head + "applied, generation " + generation + ": " + added.size() + " added, "
                    + removed.size() + " removed, " + changed.size() + " changed";
            case UNCHANGED -> head + "nothing changed, generation " + generation + " stays in force";
            case REFUSED -> head + "refused, " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + "; generation " + generation + " stays in force";
        };
    }

    /**
     * The {@link #summary()}, then one line per change (or per problem, when refused), indented
     * by two spaces: what a console shows.
     */
    public String text() {
        StringBuilder sb = new StringBuilder(summary());
        for (String line : refused() ? problems : changes) {
            sb.append("\n  ").append(line);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
