package dev.httpcon.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConfigProblem;
import dev.httpcon.config.ConfigValidationException;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.HttpConSettings;
import dev.httpcon.config.MapConfigView;
import dev.httpcon.config.SettingsLoader;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.management.HttpClientManagement;
import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.LogCapture;
import dev.httpcon.testing.ReferenceServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * No part of a password shows anywhere httpcon writes, whatever the password and however it was
 * written: random passwords over the whole printable ASCII range (with {@code ; , / ? # @ % : \ "},
 * spaces and {@code =} made frequent), in each definition form (the URL of an httpcon line, its
 * {@code ;password=}, an INI {@code config_file} with comment lines, the per-key
 * {@code httpclient.connection.<name>.*} keys including {@code password} itself, a misspelt
 * password key, a global proxy URL), written correctly (percent-encoded, quoted, {@code \,}) or as
 * is, in a valid definition or a broken one (bad URL, unknown parameter, bad number, bad boolean,
 * unknown failover, a parameter set twice). What is searched: the validation exception (message,
 * {@code toString}, problems), every log record at every level (HttpClient's included), the
 * {@code toString} of everything built (settings, connections, listcon rows, results), listcon as
 * the command prints it (text and JSON), a {@code connect} result as the command prints it, and
 * the JMX view ({@code listcon} and {@code listconText}).
 *
 * <p>What "a part" means here, and how text that legitimately contains the same characters is
 * told apart:
 * <ul>
 *   <li>A fragment is any 3 consecutive characters of the password. The same definition is also
 *       loaded with a second password, the first with its letters rotated by 13 (ROT13):
 *       punctuation, spaces and digits stay, so the definition splits and parses the same way.
 *       A fragment is a leak when it shows in the first run's output and not in the second's:
 *       what shows in both is httpcon's own text (a key name, {@code ://}, a message). Fragments
 *       without a letter are the same in both runs and so are not judged by this rule; the two
 *       rules below still cover them.</li>
 *   <li>Runs of digits are written as {@code 0} in both outputs and in the password before
 *       comparing: log records carry times, ports and counters that differ from run to run.</li>
 *   <li>The user name is {@value #USER}; a URL shown with {@value #USER}{@code :} followed by
 *       anything but {@code ****} shows the start of the password, however short.</li>
 *   <li>Passwords shorter than 3 characters cannot be judged by fragments (a single letter is in
 *       every message); for them no problem value may be the password or end with
 *       {@code :password}, the form a URL cut inside its password takes.</li>
 * </ul>
 */
class PasswordFragmentsPropertyTest {

    static final String USER = "Uq7vuser";

    private static ReferenceServer server;
    private static Path dir;

    @BeforeContainer
    static void start() throws IOException {
        server = ReferenceServer.builder().start();
        dir = Files.createTempDirectory("httpcon-fragments");
    }

    @AfterContainer
    static void stop() throws IOException {
        server.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Where the password is written. */
    enum Where { LINE_INDEXED, LINE_JOINED, INI, PER_KEY, GLOBAL_PROXY }

    /** How it is written there. */
    enum How { URL_USERINFO, PASSWORD_PARAMETER, MISSPELT_PASSWORD_KEY }

    /** What else is wrong with the definition. */
    enum Breakage { NONE, BAD_URL, UNKNOWN_PARAMETER, BAD_NUMBER, BAD_BOOLEAN, UNKNOWN_FAILOVER, SET_TWICE }

    /**
     * One definition: the password's connection {@code sec} and a plain {@code other}.
     *
     * @param encoded     written as the form needs it (percent-encoded in a URL, quoted, {@code \,}) or as is
     * @param secretFirst {@code sec} defined before {@code other}, its password before its other parameters
     */
    record Scenario(Where where, How how, boolean encoded, Breakage breakage, boolean secretFirst, String password) {
        @Override
        public String toString() {
            return where + "/" + how + (encoded ? "/encoded" : "/as-is") + "/" + breakage
                    + (secretFirst ? "/first" : "/last") + " password=[" + password + "]";
        }
    }

    @Property(tries = 600, edgeCases = net.jqwik.api.EdgeCasesMode.MIXIN)
    void noFragmentOfAPasswordShowsAnywhere(@ForAll("scenarios") Scenario s) {
        Output out = run(s, s.password());
        Output reference = run(s, rot13(s.password()));
        Statistics.label("outcome").collect(out.valid() ? "valid" : "problems");
        Statistics.label("form").collect(s.where());
        check(s, out, reference);
        Statistics.label("outcome").coverage(c -> {
            c.check("valid").percentage(p -> p > 8);
            c.check("problems").percentage(p -> p > 30);
        });
    }

    /** The example of the issue this test was written for: the part before the ';' was shown. */
    @Example
    void aSemicolonInAUrlPasswordShowsNoPartOfIt() {
        Scenario s = new Scenario(Where.LINE_INDEXED, How.URL_USERINFO, false, Breakage.NONE, true, "pa;ss");
        check(s, run(s, s.password()), run(s, rot13(s.password())));
        s = new Scenario(Where.LINE_JOINED, How.URL_USERINFO, false, Breakage.NONE, true, "Pass,Word");
        check(s, run(s, s.password()), run(s, rot13(s.password())));
        s = new Scenario(Where.LINE_JOINED, How.PASSWORD_PARAMETER, false, Breakage.NONE, true, "Pass,Word;more");
        check(s, run(s, s.password()), run(s, rot13(s.password())));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        // Valid definitions (nothing broken, the password written as the form needs it) are the ones
        // that reach listcon, JMX and requests: about a fifth of the tries.
        Arbitrary<Breakage> breakage = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(Breakage.NONE)),
                Tuple.of(6, Arbitraries.of(Breakage.class)));
        Arbitrary<Boolean> encoded = Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just(true)),
                Tuple.of(3, Arbitraries.just(false)));
        return Combinators.combine(Arbitraries.of(Where.class), Arbitraries.of(How.class), encoded, breakage,
                Arbitraries.of(true, false), passwords()).as(Scenario::new);
    }

    static Arbitrary<String> passwords() {
        Arbitrary<Character> printable = Arbitraries.chars().range(' ', '~');
        Arbitrary<Character> special = Arbitraries.of(';', ',', '@', ':', '/', '?', '#', '%', '\\', '"', ' ', '=', '>',
                '&', '[', ']');
        Arbitrary<Character> letter = Arbitraries.chars().range('a', 'z').range('A', 'Z');
        return Arbitraries.frequencyOf(Tuple.of(4, printable), Tuple.of(3, special), Tuple.of(4, letter))
                .list().ofMinSize(1).ofMaxSize(24)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    // ---- the definition ----------------------------------------------------------------------------

    private static final String OTHER = "other";
    private static final String SEC = "sec";

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The configuration for {@code s} with {@code password}; the INI file, if any, is written. */
    static Map<String, String> config(Scenario s, String password, Path ini) {
        String secUrl;
        List<String> params = new ArrayList<>();
        String port = s.breakage() == Breakage.BAD_URL ? "99999" : String.valueOf(server.port());
        boolean line = s.where() == Where.LINE_INDEXED || s.where() == Where.LINE_JOINED;
        if (s.how() == How.URL_USERINFO && s.where() != Where.GLOBAL_PROXY) {
            String written = s.encoded() ? percentEncoded(password) : password;
            secUrl = "http://" + USER + ":" + written + "@127.0.0.1:" + port + "/sec";
        } else {
            secUrl = "http://127.0.0.1:" + port + "/sec";
            if (s.where() != Where.GLOBAL_PROXY) {
                String key = s.how() == How.PASSWORD_PARAMETER ? "password" : "passwd";
                params.add("username=" + USER);
                params.add(key + "=" + written(s, password, line));
            }
        }
        List<String> broken = switch (s.breakage()) {
            case NONE, BAD_URL -> List.of();
            case UNKNOWN_PARAMETER -> List.of("tiemout=2");
            case BAD_NUMBER -> List.of("timeout=soon", "maxdatasize=lots");
            case BAD_BOOLEAN -> List.of("verify_peer=maybe");
            case UNKNOWN_FAILOVER -> List.of("failover=nosuchcon");
            case SET_TWICE -> List.of("timeout=2", s.where() == Where.PER_KEY ? "keepconnections=1" : "timeout=3");
        };
        List<String> more = new ArrayList<>(List.of("useragent=ua-" + SEC));
        more.addAll(broken);
        if (s.breakage() == Breakage.SET_TWICE && s.where() == Where.PER_KEY) {
            more.add("keep_connections=0");
        }
        if (s.secretFirst()) {
            params.addAll(more);
        } else {
            params.addAll(0, more);
        }

        Map<String, String> props = new LinkedHashMap<>();
        String otherUrl = base() + "/other";
        switch (s.where()) {
            case LINE_INDEXED, LINE_JOINED, GLOBAL_PROXY -> {
                String secLine = SEC + "=>" + secUrl + params.stream().map(p -> ";" + p).collect(Collectors.joining());
                String otherLine = OTHER + "=>" + otherUrl + ";timeout=2s";
                List<String> lines = s.secretFirst() ? List.of(secLine, otherLine) : List.of(otherLine, secLine);
                if (s.where() == Where.LINE_JOINED) {
                    props.put("httpclient.httpcon", String.join(",", lines));
                } else {
                    props.put("httpclient.httpcon[0]", lines.get(0));
                    props.put("httpclient.httpcon[1]", lines.get(1));
                }
                if (s.where() == Where.GLOBAL_PROXY) {
                    String written = s.encoded() ? percentEncoded(password) : password;
                    props.put("httpclient.httpproxy", "http://" + USER + ":" + written + "@127.0.0.1:3128");
                }
            }
            case INI -> {
                List<String> text = new ArrayList<>();
                text.add("# connections for the fragment test; an old password: password = " + password);
                text.add("; password = " + password);
                List<String> sec = new ArrayList<>(List.of("[" + SEC + "]", "url = " + secUrl));
                params.forEach(p -> sec.add(p.replaceFirst("=", " = ")));
                List<String> other = List.of("[" + OTHER + "]", "url = " + otherUrl, "timeout = 2s");
                text.addAll(s.secretFirst() ? sec : other);
                text.add("");
                text.addAll(s.secretFirst() ? other : sec);
                write(ini, String.join("\n", text) + "\n");
                props.put("httpclient.config_file", ini.toString());
            }
            case PER_KEY -> {
                String prefix = "httpclient.connection.";
                Map<String, String> sec = new LinkedHashMap<>();
                sec.put(prefix + SEC + ".url", secUrl);
                for (String p : params) {
                    int eq = p.indexOf('=');
                    sec.put(prefix + SEC + "." + p.substring(0, eq), p.substring(eq + 1));
                }
                Map<String, String> other = Map.of(prefix + OTHER + ".url", otherUrl);
                props.putAll(s.secretFirst() ? sec : other);
                props.putAll(s.secretFirst() ? other : sec);
            }
            default -> throw new IllegalStateException();
        }
        return props;
    }

    /** The password as a parameter value: quoted (INI), {@code \,} (a joined line), or as is. */
    private static String written(Scenario s, String password, boolean line) {
        if (!s.encoded() || s.where() == Where.PER_KEY) {
            return password;
        }
        String quoted = "\"" + password + "\"";
        return s.where() == Where.LINE_JOINED ? quoted.replace(",", "\\,") : quoted;
    }

    private static String percentEncoded(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", (int) c));
            }
        }
        return sb.toString();
    }

    // ---- running it and collecting every output ---------------------------------------------------

    /** Everything written for one definition, and whether it loaded. */
    record Output(boolean valid, String text, List<ConfigProblem> problems) {
    }

    static Output run(Scenario s, String password) {
        Path ini = dir.resolve("fragments.cfg");
        Map<String, String> props = config(s, password, ini);
        StringBuilder out = new StringBuilder();
        List<ConfigProblem> problems = List.of();
        boolean valid;
        try (LogCapture logs = LogCapture.start()) {
            try {
                HttpConSettings settings = SettingsLoader.load(new MapConfigView(props));
                valid = true;
                out.append(settings).append('\n').append(settings.globals()).append('\n')
                        .append(settings.connections()).append('\n');
                everythingBuilt(settings, out);
            } catch (ConfigValidationException e) {
                valid = false;
                problems = e.problems();
                out.append(e.getMessage()).append('\n').append(e).append('\n').append(e.problems()).append('\n');
                for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                    out.append(t).append('\n');
                }
            }
            out.append(logs.messages());   // without time stamps: they differ between the two runs
        }
        return new Output(valid, out.toString(), problems);
    }

    /** listcon (Java, the command's text and JSON, JMX), the connections, one request on each. */
    private static void everythingBuilt(HttpConSettings settings, StringBuilder out) {
        try (dev.httpcon.core.HttpConCore http = dev.httpcon.core.HttpConCore.start(settings, MetricsRecorder.NOOP)) {
            List<ConnectionInfo> rows = http.connections().list();
            out.append(rows).append('\n').append(ListconView.text(rows)).append('\n')
                    .append(Json.write(ListconView.json("listcon", rows))).append('\n');
            for (String name : http.connections().names()) {
                HttpConnection c = http.connection(name);
                out.append(c).append(' ').append(c.info()).append('\n');
                ConnectionSettings cs = settings.connection(name);
                URI url = cs.url();
                if ("127.0.0.1".equals(url.getHost()) && url.getPort() == server.port()) {
                    HttpResult r = c.get("/json");
                    List<String> words = List.of("connect", name, "/json");
                    out.append(r).append('\n').append(ResultView.text(r, false, false)).append('\n')
                            .append(Json.write(ResultView.json(CommandText.of(words), r, false, false))).append('\n');
                }
            }
        }
        try (HttpConCore core = HttpConCore.start(settings, MetricsRecorder.NOOP);
             HttpClientManagement jmx = new HttpClientManagement(core)) {
            ObjectName name = jmx.register();
            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            out.append(mbeans.invoke(name, "listconText", null, null)).append('\n')
                    .append(Arrays.deepToString((Object[]) mbeans.invoke(name, "listcon", null, null))).append('\n');
        } catch (javax.management.JMException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the check ---------------------------------------------------------------------------------

    static void check(Scenario s, Output out, Output reference) {
        String shown = digitsAsZero(out.text());
        String referenceShown = digitsAsZero(reference.text());
        String password = digitsAsZero(s.password());
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i + 3 <= password.length(); i++) {
            String fragment = password.substring(i, i + 3);
            if (shown.contains(fragment) && !referenceShown.contains(fragment)) {
                leaks.add(fragment);
            }
        }
        int prefix = out.text().indexOf(USER + ":");
        while (prefix >= 0) {
            int next = prefix + USER.length() + 1;
            if (next < out.text().length() && out.text().charAt(next) != '*') {
                leaks.add(USER + ":" + out.text().charAt(next) + "...");
            }
            prefix = out.text().indexOf(USER + ":", next);
        }
        if (s.password().length() < 3) {
            for (ConfigProblem p : out.problems()) {
                if (p.value() != null && (p.value().equals(s.password()) || p.value().endsWith(":" + s.password()))) {
                    leaks.add("the whole password as the value of " + p.key());
                }
            }
        }
        if (!leaks.isEmpty()) {
            fail(s + ": " + leaks + " shown in\n" + linesWith(out.text(), leaks));
        }
    }

    private static String linesWith(String text, List<String> leaks) {
        return text.lines().filter(l -> leaks.stream().anyMatch(f -> digitsAsZero(l).contains(
                f.endsWith("...") ? f.substring(0, f.length() - 3) : f))).limit(20).collect(Collectors.joining("\n"));
    }

    static String digitsAsZero(String s) {
        return s.replaceAll("[0-9]+", "0");
    }

    static String rot13(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                sb.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                sb.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
