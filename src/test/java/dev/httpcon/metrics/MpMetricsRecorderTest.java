package dev.httpcon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smallrye.metrics.SharedMetricRegistries;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

/**
 * The per-call counters (failovers, skips, refusals) are kept as handles after their first use:
 * each call still counts once, on the right tags, and a name that is not defined is never
 * registered (its tags would be unbounded).
 */
class MpMetricsRecorderTest {

    @Test
    void failoversSkipsAndRefusalsCountEveryCallOnTheirOwnTags() {
        MetricRegistry registry = SharedMetricRegistries.getOrCreate("httpcon-mp-recorder-test");
        MpMetricsRecorder recorder = new MpMetricsRecorder(registry, List.of("a", "b", "c"));
        for (int i = 0; i < 3; i++) {
            recorder.failover("a", "b");
            recorder.skipped("a");
        }
        recorder.failover("b", "c");
        recorder.failover("a", "c");
        recorder.refused("c");
        recorder.refused("c");
        recorder.failover("a", "undefined");
        recorder.skipped("undefined");

        assertEquals(3, failovers(registry, "a", "b"));
        assertEquals(1, failovers(registry, "b", "c"));
        assertEquals(1, failovers(registry, "a", "c"));
        assertEquals(3, registry.counter(MpMetricsRecorder.REQUESTS_SKIPPED, new Tag("connection", "a")).getCount());
        assertEquals(2, registry.counter(MpMetricsRecorder.REQUESTS_REFUSED, new Tag("connection", "c")).getCount());
        assertFalse(registry.getMetrics().keySet().stream().map(MetricID::getTags)
                .anyMatch(tags -> tags.containsValue("undefined")), "an undefined name is never a tag");

        // a reload that removes a connection stops its counts; defined again, they go on
        recorder.connections(Set.of("b", "c"));
        recorder.failover("a", "b");
        recorder.skipped("a");
        recorder.connections(Set.of("a", "b", "c"));
        recorder.failover("a", "b");
        recorder.skipped("a");
        assertEquals(4, failovers(registry, "a", "b"));
        assertEquals(4, registry.counter(MpMetricsRecorder.REQUESTS_SKIPPED, new Tag("connection", "a")).getCount());
    }

    private static long failovers(MetricRegistry registry, String from, String to) {
        return registry.counter(MpMetricsRecorder.FAILOVERS, new Tag("connection", to), new Tag("failover", from))
                .getCount();
    }
}
