package dev.httpcon.examples.siprouter;

import dev.httpcon.HttpResult;
import dev.httpcon.cdi.HttpConExtension;
import dev.httpcon.examples.routing.SipAnswer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.SipException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * {@code java -jar sip-router.jar --config routing.properties [--port 5070] [--host 127.0.0.1]
 * [--threads 16] [--budget 1s] [--t1 500ms] [--metrics-port N] [--async] [--no-lookup] [-v]}: a SIP
 * redirect server on UDP that asks an HTTP routing API (the httpcon connection {@code routing}
 * defined in the config file) where each INVITE or OPTIONS should go. With {@code --async} it
 * answers from the lookup's completion, no SIP worker waiting on HTTP. With {@code --metrics-port}
 * it serves httpcon's metrics on {@code http://127.0.0.1:N/metrics} and traces every lookup
 * ({@link Telemetry}). Runs until it is stopped (SIGINT, SIGTERM).
 *
 * <p>Each lookup is due, at the latest, {@code 64*T1} after its request arrived (RFC 3261's Timer B
 * and F: when the caller gives up on the transaction), or {@code --budget} after it when that is
 * sooner; the lookup passes that deadline to httpcon, which caps every hop of the failover chain
 * by what is left of it.
 */
public final class Main {

    static final String USAGE = "usage: java -jar sip-router.jar --config FILE [--port N] [--host ADDRESS]"
            + " [--threads N] [--budget DURATION] [--t1 DURATION] [--metrics-port N] [--async] [--no-lookup] [-v]";
    private static final Pattern USER = Pattern.compile("^sips?:([^@;]+)@");
    /**
     * ZooKeeper's client warns, with a stack trace, at every failed attempt to reconnect (about
     * once a second while ZooKeeper is out of reach); httpcon says once that it is unreachable and
     * what it keeps. Held here: java.util.logging keeps loggers only weakly, with their levels.
     */
    private static final Logger ZOOKEEPER = Logger.getLogger("org.apache.zookeeper");

    private Main() {
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sip-router: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        quietLogging(o.verbose());
        try {
            run(o);
        } catch (StartupException e) {
            System.err.println("sip-router: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Options o) throws StartupException {
        Config config = config(o.config());
        Telemetry telemetry = null;
        if (o.metricsPort() > 0) {
            try {
                telemetry = Telemetry.start(o.metricsPort(), o.verbose());
            } catch (IllegalStateException e) {
                throw new StartupException(e.getMessage());
            }
        }
        SeContainer container;
        try {
            SeContainerInitializer init = SeContainerInitializer.newInstance()
                    .disableDiscovery()
                    // Weld SE loads no portable extension by itself when discovery is disabled.
                    .addExtensions(new HttpConExtension())
                    .addBeanClasses(Router.class)
                    .addProperty("org.jboss.weld.se.shutdownHook", false);   // closed below, after SIP
            if (telemetry != null) {
                init.addExtensions(telemetry);   // the OpenTelemetry bean httpcon records to
            }
            container = init.initialize();
        } catch (RuntimeException e) {
            close(telemetry);
            throw new StartupException("invalid configuration in " + o.config() + ": " + rootMessage(e));
        }
        Router router = container.select(Router.class).get();
        SipServer.Routing routing = !o.lookup() ? (uri, callId, method, deadline) -> withoutLookup(uri)
                : o.async() ? SipServer.async(router::routeAsync) : router::route;
        SipServer server;
        try {
            server = SipServer.start(o.host(), o.port(), o.threads(), routing, o.budget(), o.async());
        } catch (SipException e) {
            container.close();
            close(telemetry);
            throw new StartupException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Telemetry metrics = telemetry;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            container.close();
            close(metrics);
            ConfigProviderResolver.instance().releaseConfig(config);
            stopped.countDown();
        }, "sip-router-shutdown"));
        System.out.println("sip-router: listening on udp " + o.host() + ":" + server.port()
                + (o.lookup() ? ", routing through httpcon connection 'routing' within " + o.budget().toMillis()
                + " ms of each request" + (o.async() ? ", answering from the lookup's completion" : "")
                : ", no lookup (fixed answers)")
                + (metrics == null ? "" : ", metrics on http://127.0.0.1:" + o.metricsPort() + "/metrics, tracing on"));
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Telemetry telemetry) {
        if (telemetry != null) {
            telemetry.close();
        }
    }

    /**
     * The answer without asking the routing API, for measuring what the lookup itself costs: the
     * user of the Request-URI at 127.0.0.1, through the same mapping as a real lookup.
     */
    static SipAnswer withoutLookup(String requestUri) {
        Matcher m = USER.matcher(requestUri);
        String contact = "sip:" + (m.find() ? m.group(1) : "anonymous") + "@127.0.0.1\r\n";
        return SipAnswer.of(HttpResult.builder().status(200).contentType("text/plain")
                .body(contact.getBytes(StandardCharsets.UTF_8)).build());
    }

    /**
     * MicroProfile Config over the file (above microprofile-config.properties, below environment
     * variables and system properties), registered where httpcon's extension will look for it.
     */
    private static Config config(Path file) throws StartupException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new StartupException("--config " + file + ": not a readable file");
        }
        PropertiesConfigSource source;
        try {
            source = new PropertiesConfigSource(file.toUri().toURL(), 200);
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupException("--config " + file + ": cannot be read: " + e.getMessage());
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Config config = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .addDefaultInterceptors()
                .addDefaultSources()
                .withSources(source)
                .build();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        return config;
    }

    /**
     * httpcon's definition error (HTTPCON-...) without Weld's wrapping and stack trace, or the
     * failure as it is when it is not httpcon's.
     */
    private static String rootMessage(RuntimeException e) {
        String text = String.valueOf(e.getMessage());
        int start = text.indexOf("HTTPCON-");
        if (start < 0) {
            return e.toString();
        }
        int end = text.indexOf("\n\tat ", start);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** One line per record on stderr, warnings and above (Weld's INFO lines only with -v). */
    private static void quietLogging(boolean verbose) {
        System.setProperty("org.jboss.logging.provider", "jdk");
        System.setProperty("java.util.logging.SimpleFormatter.format", "sip-router: %4$s: %5$s%6$s%n");
        Level level = verbose ? Level.INFO : Level.WARNING;
        Logger root = LogManager.getLogManager().getLogger("");
        root.setLevel(level);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(level);
        }
        ZOOKEEPER.setLevel(verbose ? Level.INFO : Level.SEVERE);
    }

    /** Startup failed: a message for the user, no stack trace. */
    static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        StartupException(String message) {
            super(message);
        }
    }

    /** RFC 3261's default T1, the round-trip estimate its transaction timers are multiples of. */
    static final Duration DEFAULT_T1 = Duration.ofMillis(500);

    /**
     * The command line.
     *
     * @param budget the most a lookup may take from its request's arrival: the smaller of
     *               {@code --budget} and 64*T1 (the caller's transaction timeout)
     */
    record Options(Path config, String host, int port, int threads, int metricsPort, boolean lookup,
                   boolean verbose, Duration budget, boolean async) {

        static Options parse(String... args) {
            Path config = null;
            String host = "127.0.0.1";
            int port = 5070;
            int threads = 16;
            int metricsPort = 0;
            boolean lookup = true;
            boolean verbose = false;
            boolean async = false;
            Duration budget = null;
            Duration t1 = DEFAULT_T1;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--config" -> config = Path.of(value(args, ++i, a));
                    case "--host" -> host = value(args, ++i, a);
                    case "--port" -> port = number(value(args, ++i, a), a, 0, 65535);
                    case "--threads" -> threads = number(value(args, ++i, a), a, 1, 1024);
                    case "--metrics-port" -> metricsPort = number(value(args, ++i, a), a, 1, 65535);
                    case "--budget" -> budget = duration(value(args, ++i, a), a);
                    case "--t1" -> t1 = duration(value(args, ++i, a), a);
                    case "--no-lookup" -> lookup = false;
                    case "--async" -> async = true;
                    case "-v", "--verbose" -> verbose = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (config == null) {
                throw new IllegalArgumentException("--config FILE is required (it defines the connection 'routing')");
            }
            Duration transaction = t1.multipliedBy(64);
            return new Options(config, host, port, threads, metricsPort, lookup, verbose,
                    budget == null || budget.compareTo(transaction) > 0 ? transaction : budget, async);
        }

        /** {@code 800ms}, {@code 1s}, {@code 2} (seconds): above zero. */
        private static Duration duration(String s, String option) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s)?").matcher(s);
            if (m.matches() && Long.parseLong(m.group(1)) > 0) {
                long n = Long.parseLong(m.group(1));
                return "ms".equals(m.group(2)) ? Duration.ofMillis(n) : Duration.ofSeconds(n);
            }
            throw new IllegalArgumentException(option + " must be a duration above 0 such as 800ms or 1s, got '" + s + "'");
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int number(String s, String option, int min, int max) {
            try {
                int n = Integer.parseInt(s);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a number from " + min + " to " + max + ", got '" + s + "'");
        }
    }
}
