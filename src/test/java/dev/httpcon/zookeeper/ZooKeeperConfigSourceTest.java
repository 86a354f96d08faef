package dev.httpcon.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.ReloadResult;
import dev.httpcon.ReloadResult.Outcome;
import dev.httpcon.ReloadResult.Trigger;
import dev.httpcon.config.ConfigValidationException;
import dev.httpcon.config.MpConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.core.SettingsFeed;
import dev.httpcon.health.ConnectionsReadiness;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.LogCapture;
import dev.httpcon.testing.RefusedPort;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.TcpRelay;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooDefs;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ZooKeeper config source against a real ZooKeeper server in the test JVM (Curator's
 * {@code TestingServer}), through httpcon as an application starts it: connections defined in
 * znodes, a znode changed and every node reloading, ZooKeeper out of reach (the last good
 * configuration kept, the node catching up when it is back), ACLs, and a start that refuses to go
 * on with a configuration it could not read.
 */
class ZooKeeperConfigSourceTest {

    private static final String LINES = "/httpcon/httpclient.httpcon";
    /** Sessions of 1 to 10 s (2 to 20 ticks), so that a test can let one expire. */
    private static final int TICK_MILLIS = 500;

    private TestingServer zk;
    private CuratorFramework writer;
    private ReferenceServer a;
    private ReferenceServer b;
    private final BlockingQueue<ReloadResult> reloads = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        File dir = Files.createTempDirectory("zk").toFile();
        zk = new TestingServer(new InstanceSpec(dir, -1, -1, -1, true, -1, TICK_MILLIS, -1), true);
        writer = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
        writer.start();
        a = ReferenceServer.start();
        b = ReferenceServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        writer.close();
        zk.close();
        a.close();
        b.close();
    }

    private static MpConfigView view(Map<String, String> properties) {
        Config c = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "node", 100)).build();
        return new MpConfigView(c);
    }

    private StandaloneHttpCon node(String connect, String... more) {
        Map<String, String> p = new HashMap<>();
        p.put("httpclient.zookeeper.connect", connect);
        for (int i = 0; i + 1 < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        StandaloneHttpCon node = dev.httpcon.standalone.StandaloneTesting.start(view(p));
        node.onReload(reloads::add);
        return node;
    }

    private void set(String path, String value) throws Exception {
        byte[] data = value.getBytes(StandardCharsets.UTF_8);
        if (writer.checkExists().forPath(path) == null) {
            writer.create().creatingParentsIfNeeded().forPath(path, data);
        } else {
            writer.setData().forPath(path, data);
        }
    }

    /** The next reload a trigger of {@code trigger} made, within 20 s. */
    private ReloadResult next(Trigger trigger) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (;;) {
            ReloadResult r = reloads.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no reload by " + trigger + " within 20 s");
            }
            if (r.trigger() == trigger) {
                return r;
            }
        }
    }

    @Test
    void connectionsComeFromZnodesAndAChangedZnodeReloadsTheNode() throws Exception {
        set(LINES, "routing=>" + a.url() + ";timeout=5s");
        set("/httpcon/httpclient.keep_connections", "1\n");   // what `echo 1 | ...` writes: the line break goes
        try (StandaloneHttpCon node = node(zk.getConnectString())) {
            assertEquals(200, node.connection("routing").get("/json").code());
            assertEquals(1, a.requests("/json").size());
            assertTrue(dev.httpcon.standalone.StandaloneTesting.settings(node).connection("routing").keepConnections());

            long changed = System.nanoTime();
            set(LINES, "routing=>" + b.url() + ";timeout=5s");
            ReloadResult r = next(Trigger.ZOOKEEPER);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed);

            assertEquals(Outcome.APPLIED, r.outcome(), r.text());
            assertEquals(List.of("connection 'routing': url " + a.url() + " -> " + b.url()), r.changes());
            assertEquals(200, node.connection("routing").get("/json").code());
            assertEquals(1, b.requests("/json").size(), "switched, " + millis + " ms after the change");
            assertEquals(1, a.requests("/json").size());
        }
    }

    @Test
    void zooKeeperWinsOverTheApplicationsPropertiesFilesAndKeysMayAlsoBeDeleted() throws Exception {
        set(LINES, "routing=>" + b.url());
        try (StandaloneHttpCon node = node(zk.getConnectString(), "httpclient.httpcon", "routing=>" + a.url(),
                "httpclient.connection_timeout", "3s")) {
            node.connection("routing").get("/json");
            assertEquals(1, b.requests("/json").size(), "ZooKeeper's 270 above the file's 100");

            writer.delete().forPath(LINES);
            ReloadResult r = next(Trigger.ZOOKEEPER);
            assertEquals(Outcome.APPLIED, r.outcome(), r.text());
            node.connection("routing").get("/json");
            assertEquals(1, a.requests("/json").size(), "the file's value once the znode is gone");
        }
    }

    @Test
    void anInvalidValueInZooKeeperIsRefusedAndTheNodeKeepsItsConfigurationUntilItIsFixed() throws Exception {
        set(LINES, "routing=>" + a.url());
        try (StandaloneHttpCon node = node(zk.getConnectString())) {
            set(LINES, "routing=>" + b.url() + ";failover=nowhere");
            ReloadResult refused = next(Trigger.ZOOKEEPER);
            assertEquals(Outcome.REFUSED, refused.outcome());
            assertTrue(refused.problems().get(0).contains("nowhere"), refused.problems().toString());
            assertEquals(200, node.connection("routing").get("/json").code());
            assertEquals(1, a.requests("/json").size(), "the last good configuration");

            set(LINES, "routing=>" + b.url());
            assertEquals(Outcome.APPLIED, next(Trigger.ZOOKEEPER).outcome());
            node.connection("routing").get("/json");
            assertEquals(1, b.requests("/json").size());
        }
    }

    @Test
    void outOfReachTheNodeKeepsItsConfigurationSaysSoAndCatchesUpWhenZooKeeperIsBack() throws Exception {
        set(LINES, "routing=>" + a.url());
        try (TcpRelay relay = TcpRelay.to(zk.getPort());
             StandaloneHttpCon node = node("127.0.0.1:" + relay.port(), "httpclient.zookeeper.session_timeout", "8s")) {
            relay.cut();
            waitFor(() -> sources(node).contains("unreachable since"),
                    "the node says ZooKeeper is out of reach");
            set(LINES, "routing=>" + b.url());   // meanwhile, other nodes see this

            ReloadResult meanwhile = node.reload();
            assertEquals(Outcome.UNCHANGED, meanwhile.outcome(), "the last configuration read is kept");
            assertEquals(200, node.connection("routing").get("/json").code());
            assertEquals(1, a.requests("/json").size());

            relay.mend();
            ReloadResult caughtUp = next(Trigger.ZOOKEEPER);
            assertEquals(Outcome.APPLIED, caughtUp.outcome(), caughtUp.text());
            assertTrue(sources(node).contains("connected"), sources(node));
            node.connection("routing").get("/json");
            assertEquals(1, b.requests("/json").size());
        }
    }

    @Test
    void outOfReachTheReadinessCheckSaysSoAndStaysUp() throws Exception {
        set(LINES, "routing=>" + a.url());
        try (TcpRelay relay = TcpRelay.to(zk.getPort());
             HttpConCore core = core(view(Map.of("httpclient.zookeeper.connect", "127.0.0.1:" + relay.port(),
                     "httpclient.zookeeper.session_timeout", "8s")))) {
            ConnectionsReadiness readiness = new ConnectionsReadiness(core);
            HealthCheckResponse reachable = readiness.call();
            assertEquals(HealthCheckResponse.Status.UP, reachable.getStatus());
            assertTrue(reachable.getData().isEmpty(), String.valueOf(reachable.getData()));

            relay.cut();
            waitFor(() -> readiness.call().getData().isPresent(), "the readiness check says ZooKeeper is out of reach");
            HealthCheckResponse cut = readiness.call();
            assertEquals(HealthCheckResponse.Status.UP, cut.getStatus(), "the node still serves: not DOWN");
            String said = String.valueOf(cut.getData().get().get(ConnectionsReadiness.CONFIGURATION));
            assertTrue(said.contains("unreachable since") && said.contains("keeping the configuration"), said);

            relay.mend();
            waitFor(() -> readiness.call().getData().isEmpty(), "the readiness check says nothing more once it is back");
        }
    }

    /** A node's core as {@code StandaloneHttpCon} and the CDI extension make it, for the readiness check. */
    private static HttpConCore core(MpConfigView config) {
        SettingsFeed feed = SettingsFeed.open(config);
        HttpConCore core = HttpConCore.start(feed.load(), MetricsRecorder.NOOP);
        core.reloadFrom(feed);
        return core;
    }

    @Test
    void afterALostSessionTheWatchIsSetAgain() throws Exception {
        set(LINES, "routing=>" + a.url());
        try (TcpRelay relay = TcpRelay.to(zk.getPort());
             StandaloneHttpCon node = node("127.0.0.1:" + relay.port(), "httpclient.zookeeper.session_timeout", "1s")) {
            relay.cut();
            waitFor(() -> sources(node).contains("unreachable since"), "out of reach");
            Thread.sleep(3000);   // well past the 1 s session: ZooKeeper expires it
            relay.mend();
            waitFor(() -> sources(node).contains("connected"), "back, with a new session");

            set(LINES, "routing=>" + b.url());
            assertEquals(Outcome.APPLIED, next(Trigger.ZOOKEEPER).outcome(), "the new session watches too");
            node.connection("routing").get("/json");
            assertEquals(1, b.requests("/json").size());
        }
    }

    @Test
    void aStartWithZooKeeperOutOfReachFailsRatherThanGoOnWithPartOfTheConfiguration() {
        RefusedPort refused = RefusedPort.shared();
        ConfigValidationException e = assertThrows(ConfigValidationException.class, () ->
                node("127.0.0.1:" + refused.port(), "httpclient.zookeeper.connection_timeout", "1s"));
        assertTrue(e.getMessage().contains("httpclient.zookeeper.connect = '127.0.0.1:" + refused.port()
                + "': ZooKeeper not reached within 1000 ms"), e.getMessage());
    }

    @Test
    void aclCredentialsAreUsedAndNeverShown() throws Exception {
        String password = "zk-Pa55word-7";
        try (CuratorFramework admin = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
                .retryPolicy(new RetryOneTime(100))
                .authorization("digest", ("httpcon:" + password).getBytes(StandardCharsets.UTF_8)).build()) {
            admin.start();
            admin.create().withACL(ZooDefs.Ids.CREATOR_ALL_ACL).forPath("/secured");
            admin.create().withACL(ZooDefs.Ids.CREATOR_ALL_ACL).forPath("/secured/httpclient.httpcon",
                    ("routing=>" + a.url()).getBytes(StandardCharsets.UTF_8));
        }
        try (LogCapture logs = LogCapture.start()) {
            ConfigValidationException denied = assertThrows(ConfigValidationException.class, () ->
                    node(zk.getConnectString(), "httpclient.zookeeper.root", "/secured"));
            assertTrue(denied.getMessage().contains("not allowed"), denied.getMessage());
            assertThrows(ConfigValidationException.class, () -> node(zk.getConnectString(),
                    "httpclient.zookeeper.root", "/secured", "httpclient.zookeeper.auth", "digest:httpcon:wrong-" + password));

            try (StandaloneHttpCon node = node(zk.getConnectString(), "httpclient.zookeeper.root", "/secured",
                    "httpclient.zookeeper.auth", "digest:httpcon:" + password)) {
                assertEquals(200, node.connection("routing").get("/json").code());
                String shown = logs.text() + denied.getMessage() + sources(node) + dev.httpcon.standalone.StandaloneTesting.settings(node)
                        + dev.httpcon.standalone.StandaloneTesting.settings(node).reload() + SettingsLoader.shownValue("httpclient.zookeeper.auth",
                        "digest:httpcon:" + password);
                assertFalse(shown.contains(password.substring(0, 6)), "no part of the ZooKeeper password shown");
                assertTrue(shown.contains("digest:****"), shown);
            }
        }
    }

    @Test
    void anInvalidAuthIsAProblemThatShowsNoPartOfIt() {
        ConfigValidationException e = assertThrows(ConfigValidationException.class, () ->
                node(zk.getConnectString(), "httpclient.zookeeper.auth", "no-scheme-s3cr3t"));
        assertTrue(e.getMessage().contains("httpclient.zookeeper.auth = '****': expected scheme:credentials"),
                e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void aZnodeThatIsNotUtf8IsLeftOut() throws Exception {
        set(LINES, "routing=>" + a.url());
        writer.create().forPath("/httpcon/httpclient.useragent", new byte[] {(byte) 0xC3, (byte) 0x28});
        try (StandaloneHttpCon node = node(zk.getConnectString())) {
            assertTrue(dev.httpcon.standalone.StandaloneTesting.settings(node).connection("routing").userAgent().startsWith("httpcon/"),
                    dev.httpcon.standalone.StandaloneTesting.settings(node).connection("routing").userAgent());
        }
    }

    private static String sources(StandaloneHttpCon node) {
        return String.valueOf(node.configurationSources());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
