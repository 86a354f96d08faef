package dev.httpcon.examples.siprouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.examples.routing.testing.FailoverRun;
import dev.httpcon.examples.routing.testing.RoutingApi;
import dev.httpcon.examples.routing.testing.Sipp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sip-router nodes sharing one configuration in ZooKeeper (a real server in this JVM), as
 * {@code docs/cluster.md} sets them up: each node's own file names ZooKeeper and nothing else. sipp
 * sends INVITEs at a steady rate to both; in the middle of the run the routing URL is changed in
 * ZooKeeper, from routing API A to routing API B.
 *
 * <p>Checked against what each API recorded it answered (and when): not one call failed, every SIP
 * answer is the one its API gave, each user was asked exactly once, and for each node no answer
 * came from B before the change nor from A later than 2 s after it (plus the slack a busy machine
 * may add), so both nodes switched in time and none was answered from a wrong API.
 */
class ZooKeeperClusterIT {

    /** INVITEs per node, at {@link #RATE} a second: about ten seconds of calls. */
    private static final int CALLS = 200;
    private static final int RATE = 20;
    /** The change is made once each node has had this many answers: in the middle of its run. */
    private static final int CHANGE_AFTER = 60;
    /** The promise: every node follows a change within 2 s (docs/cluster.md; 0.2 to 0.3 s is usual). */
    private static final long SWITCH_MILLIS = 2000;
    /**
     * What a busy 2-core machine may add to it, the project's one slack for time in tests: a full
     * build beside this test once took a node 3.0 s. A node that misses the watch and waits for a
     * poll or a restart takes far longer, and fails.
     */
    private static final long SLACK_MILLIS = 2000;

    @TempDir
    Path dir;

    @BeforeAll
    static void sippInstalled() {
        Sipp.requireInstalled();
    }

    @Test
    void bothNodesFollowARoutingUrlChangedInZooKeeperWithin2sWithoutAFailedCall() throws Exception {
        try (TestingServer zk = new TestingServer(true);
             CuratorFramework operator = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
             RoutingApi a = RoutingApi.start("10.0.0.1");
             RoutingApi b = RoutingApi.start("10.0.0.2")) {
            operator.start();
            // What an operator writes with zkCli.sh (docs/cluster.md): one znode per key.
            operator.create().creatingParentsIfNeeded().forPath("/httpcon/httpclient.keep_connections", bytes("1"));
            // Deadlines far above a lookup's time on a busy machine: this test is about answers.
            operator.create().forPath("/httpcon/httpclient.httpcon", bytes("routing=>" + a.url() + ";timeout=5s"));

            Path nodeConfig = Files.writeString(dir.resolve("node.properties"),
                    "httpclient.zookeeper.connect=" + zk.getConnectString() + "\n", StandardCharsets.UTF_8);
            Path dir1 = Files.createDirectories(dir.resolve("node1"));
            Path dir2 = Files.createDirectories(dir.resolve("node2"));
            try (RouterProcess node1 = RouterProcess.start(nodeConfig, dir1);
                 RouterProcess node2 = RouterProcess.start(nodeConfig, dir2)) {
                // node 1 is called for users u1..u200, node 2 for u1001..u1200
                CompletableFuture<Sipp.Run> run1 = sipp(node1, 1, dir1);
                CompletableFuture<Sipp.Run> run2 = sipp(node2, 1001, dir2);

                waitFor(() -> answered(a, 1) >= CHANGE_AFTER && answered(a, 1001) >= CHANGE_AFTER, run1, run2);
                long changedAt = System.nanoTime();
                operator.setData().forPath("/httpcon/httpclient.httpcon", bytes("routing=>" + b.url() + ";timeout=5s"));

                Sipp.Run r1 = run1.get(120, TimeUnit.SECONDS);
                Sipp.Run r2 = run2.get(120, TimeUnit.SECONDS);
                String context = "\nnode 1 sipp exit " + r1.exitCode() + "\n" + tail(r1.output()) + "\nnode 2 sipp exit "
                        + r2.exitCode() + "\n" + tail(r2.output()) + "\nnode 1:\n" + tail(node1.errors())
                        + "\nnode 2:\n" + tail(node2.errors());
                assertEquals(0, r1.exitCode(), "node 1: every call must succeed (302 or 404, ACKed)" + context);
                assertEquals(0, r2.exitCode(), "node 2: every call must succeed (302 or 404, ACKed)" + context);

                List<Sipp.Final> finals = new ArrayList<>(r1.finals());
                finals.addAll(r2.finals());
                Set<String> users = new HashSet<>();
                users.addAll(users(1));
                users.addAll(users(1001));
                FailoverRun.assertEveryAnswerIsTheApisAnswer(finals, users, Map.of("A", a, "B", b), context);

                String node1Switch = assertSwitched("node 1", 1, a, b, changedAt);
                String node2Switch = assertSwitched("node 2", 1001, a, b, changedAt);
                System.out.println(2 * CALLS + " INVITEs to two nodes at " + RATE + "/s each; the routing URL changed in"
                        + " ZooKeeper after " + CHANGE_AFTER + " answers per node; " + node1Switch + "; " + node2Switch);
            }
        }
    }

    /**
     * For the node called for users {@code first..}: no answer from {@code b} before the change,
     * none from {@code a} more than 2 s (plus the slack) after it, and some from {@code b}. Returns a summary.
     */
    private static String assertSwitched(String node, int first, RoutingApi a, RoutingApi b, long changedAt) {
        long lastA = Long.MIN_VALUE;
        int fromA = 0;
        for (RoutingApi.Timed t : a.timedAnswers()) {
            if (of(t, first)) {
                fromA++;
                lastA = Math.max(lastA, t.atNanos());
            }
        }
        long firstB = Long.MAX_VALUE;
        int fromB = 0;
        for (RoutingApi.Timed t : b.timedAnswers()) {
            if (of(t, first)) {
                fromB++;
                firstB = Math.min(firstB, t.atNanos());
            }
        }
        long lastAMillis = TimeUnit.NANOSECONDS.toMillis(lastA - changedAt);
        long firstBMillis = TimeUnit.NANOSECONDS.toMillis(firstB - changedAt);
        String summary = node + ": " + fromA + " answered by A (the last " + lastAMillis + " ms after the change), "
                + fromB + " by B (the first " + firstBMillis + " ms after)";
        assertTrue(fromA >= CHANGE_AFTER, summary);
        assertTrue(fromB > 0, "the node switched to B: " + summary);
        assertFalse(firstB < changedAt, "answered from B before the change: " + summary);
        assertTrue(lastAMillis <= SWITCH_MILLIS + SLACK_MILLIS,
                "answered from A more than 2 s (and the slack of a busy machine) after the change: " + summary);
        return summary;
    }

    /** Whether an answer was for a user of the node called for users {@code first..first+CALLS-1}. */
    private static boolean of(RoutingApi.Timed t, int first) {
        int n = RoutingApi.number("sip:" + t.answer().user() + "@x");
        return n >= first && n < first + CALLS;
    }

    private static int answered(RoutingApi api, int first) {
        return (int) api.timedAnswers().stream().filter(t -> of(t, first)).count();
    }

    private static CompletableFuture<Sipp.Run> sipp(RouterProcess node, int first, Path dir) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.run(Sipp.scenario("invite.xml", dir), node.port(), first, CALLS, RATE, 60, dir);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Set<String> users(int first) {
        Set<String> users = new HashSet<>();
        for (int n = first; n < first + CALLS; n++) {
            users.add("u" + n);
        }
        return users;
    }

    /** Waits for {@code condition}, failing if a sipp run ended first or 60 s went by. */
    private static void waitFor(java.util.function.BooleanSupplier condition, CompletableFuture<?>... runs)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            for (CompletableFuture<?> r : runs) {
                if (r.isDone()) {
                    throw new AssertionError("a sipp run ended before the change could be made: " + r.join());
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the nodes did not get " + CHANGE_AFTER + " answers each within 60 s");
            }
            Thread.sleep(10);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
