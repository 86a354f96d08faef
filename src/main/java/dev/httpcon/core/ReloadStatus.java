package dev.httpcon.core;

import dev.httpcon.ReloadResult;
import java.util.List;

/**
 * The reloads of one deployment so far and the state of what they read, for operators (JMX).
 *
 * @param generation the configuration in force: 1 as deployed, one more per reload applied
 * @param applied    reloads that put a new configuration in force
 * @param unchanged  reloads that found the configuration in force
 * @param refused    reloads that found an invalid configuration (or none to read) and changed nothing
 * @param last       the last reload, or {@code null} if none yet
 * @param watched    the files whose changes trigger a reload (absolute paths)
 * @param period     {@code httpclient.reload_period} in milliseconds, 0 for none
 * @param sources    the state of the configuration sources that can be out of reach (ZooKeeper), one
 *                   line each; empty when there are none
 * @param sourcesReachable whether every such source is reachable now (true when there are none): what
 *                   a readiness check reports; the configuration in force stays either way
 */
public record ReloadStatus(long generation, long applied, long unchanged, long refused, ReloadResult last,
                           List<String> watched, long period, List<String> sources, boolean sourcesReachable) {

    public ReloadStatus {
        watched = List.copyOf(watched);
        sources = List.copyOf(sources);
    }
}
