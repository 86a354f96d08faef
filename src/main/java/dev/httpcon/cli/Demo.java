package dev.httpcon.cli;

import dev.httpcon.config.SettingsLoader;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code httpcon demo}: starts {@link DemoServers}, defines connections for them, shows that
 * configuration, then runs a short tour through the same {@link Session} as batch: a GET, a POST,
 * failover from the dead primary, a followed redirect and {@code redirect} (the original's
 * {@code http_get_redirect}), a timeout, listcon and the counters. Each step checks its own
 * outcome; the demo exits 0 only when every step gave what it should.
 */
final class Demo {

    /**
     * The demo's own definitions: above the {@code --config} files (so they cannot break the tour),
     * below the environment and system properties (so {@code -D} can still change a global).
     */
    static final int ORDINAL = 250;
    static final String SLOW_TIMEOUT = "500ms";

    private final PrintStream out;
    private Session session;
    private int step;
    private boolean asExpected = true;

    private Demo(PrintStream out) {
        this.out = out;
    }

    /** Runs the demo; returns the exit code (0, or 1 if a step did not give what it should). */
    static int run(ClassLoader loader, List<Path> configFiles, PrintStream out)
            throws IOException, UsageException, InvalidConfigException {
        try (DemoServers servers = DemoServers.start()) {
            Map<String, String> properties = properties(servers);
            Demo demo = new Demo(out);
            try (CliConfig config = CliConfig.register(loader, configFiles,
                    new PropertiesConfigSource(properties, "httpcon demo", ORDINAL));
                 CliContainer container = CliContainer.boot(loader)) {
                demo.introduce(servers, properties);
                demo.tour(new Session(container.beans()));
            }
            return demo.finish();
        }
    }

    /** The configuration the demo runs on, in the order it is shown. */
    static Map<String, String> properties(DemoServers servers) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("httpclient.keep_connections", "yes");
        p.put("httpclient.httpcon", String.join(",",
                "routing=>" + servers.routingUrl(),
                "primary=>" + servers.deadUrl() + ";failover=routing",
                "moved=>" + servers.movedUrl(),
                "slow=>" + servers.slowUrl() + ";timeout=" + SLOW_TIMEOUT));
        p.put("httpclient.connection.routing.username", DemoServers.USER);
        p.put("httpclient.connection.routing.password", DemoServers.PASSWORD);
        return p;
    }

    private void introduce(DemoServers servers, Map<String, String> properties) {
        out.println("httpcon demo: four HTTP endpoints on 127.0.0.1, connections defined for them, then one");
        out.println("request of each kind. Every step is a line you could give to 'httpcon batch' (docs/cli.md).");
        out.println();
        out.println("Servers");
        out.printf("  routing API   %-30s Basic auth %s / ****%n", servers.routingUrl(), DemoServers.USER);
        out.printf("  dead primary  %-30s nothing listens: connection refused%n", servers.deadUrl());
        out.printf("  moved API     %-30s 301 to /v2%n", servers.movedUrl());
        out.printf("  slow API      %-30s answers after %d s%n", servers.slowUrl(), DemoServers.SLOW.toSeconds());
        out.println();
        out.println("Configuration (as properties; a --config file takes the same keys)");
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String shown = SettingsLoader.shownValue(e.getKey(), e.getValue());
            out.println("  " + e.getKey() + "=" + shown.replace(",", ",\\\n      "));
        }
    }

    private void tour(Session session) {
        this.session = session;
        step("GET: ask the routing API for a route (it wants Basic auth: the connection has the credentials)",
                "connect routing '/route?user=alice'", json -> code(json) == 200, "code 200");
        step("POST: store a registration as JSON",
                "connect routing /route --content-type application/json --data '{\"user\":\"bob\",\"contact\":"
                        + "\"sip:bob@192.0.2.20\"}'", json -> code(json) == 201, "code 201");
        step("Failover: the primary refuses connections (curl 7), its failover connection answers",
                "connect primary '/route?user=carol'",
                json -> code(json) == 200 && "routing".equals(json.get("servedBy")), "code 200 served by routing");
        step("Redirect: the old API moved (301); the redirect is followed",
                "connect moved '/route?user=dave'",
                json -> code(json) == 200 && !((List<?>) json.get("redirects")).isEmpty(), "code 200 after a redirect");
        sub("lastRedirect: the effective URL of this session's last request on 'moved' (http_get_redirect)",
                "redirect moved", json -> String.valueOf(json.get("url")).endsWith("/v2/route?user=dave"),
                "the /v2 URL");
        step("Timeout: the slow API takes " + DemoServers.SLOW.toSeconds() + " s, the connection waits " + SLOW_TIMEOUT,
                "connect slow /route", json -> code(json) == 28, "code 28");
        step("listcon: every connection, its settings (password masked) and counts", "listcon",
                json -> ((List<?>) json.get("connections")).size() >= 4, "the four demo connections");
        step("Counters: each attempt counted on the connection that made it (MicroProfile Metrics)", "counters",
                json -> ((Number) json.get("connok")).longValue() == 4 && ((Number) json.get("connfail")).longValue() == 2,
                "connok 4 (routing 3, moved 1) and connfail 2 (primary, slow)");
    }

    private void step(String title, String line, Predicate<Map<String, Object>> expected, String expectation) {
        out.println();
        out.println(++step + ". " + title);
        sub(null, line, expected, expectation);
    }

    private void sub(String title, String line, Predicate<Map<String, Object>> expected, String expectation) {
        if (title != null) {
            out.println("   " + title);
        }
        out.println("httpcon> " + line);
        Session.Output output;
        try {
            List<String> words = ShellWords.split(line);
            output = session.run(CommandLine.batchLine(words), CommandText.of(words));
        } catch (UsageException e) {
            throw new IllegalStateException("demo line '" + line + "': " + e.getMessage(), e);
        }
        output.text().lines().forEach(l -> out.println("  " + l));
        if (!expected.test(output.json())) {
            asExpected = false;
            out.println("  !! unexpected: expected " + expectation);
        }
    }

    private int finish() {
        out.println();
        if (asExpected) {
            out.println("Every step gave what it should. Your own connections: java -jar target/httpcon-cli.jar "
                    + "--config my.properties listcon");
            return 0;
        }
        out.println("Some steps did not give what they should (marked !! above).");
        return 1;
    }

    private static int code(Map<String, Object> json) {
        return ((Number) json.get("code")).intValue();
    }
}
