package dev.httpcon.cli;

import dev.httpcon.HttpRequest;
import dev.httpcon.Redaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the command line (global options anywhere, then one command) and batch lines (one
 * command each, no global options) into {@link Command}s. Every mistake is a
 * {@link UsageException} saying what is wrong, with the usage line of the command concerned.
 */
final class CommandLine {

    static final String USAGE = "httpcon [--config FILE]... [-Dkey=value]... [-v] "
            + "[demo | listcon | connect | query | batch | help] ...";
    static final String CONNECT_USAGE = "httpcon connect NAME PATH [--method M] [--content-type CT] [--data DATA] "
            + "[--header 'Name: value']... [--timeout DURATION] [--include] [--json]";
    static final String QUERY_USAGE = "httpcon query URL [--data DATA] [--header 'Name: value']... [--include] [--json]";
    static final String LISTCON_USAGE = "httpcon listcon [--json]";
    static final String DEMO_USAGE = "httpcon [demo]";
    static final String BATCH_USAGE = "httpcon batch < FILE";
    static final String REDIRECT_USAGE = "redirect NAME (inside batch)";
    static final String CONTENTTYPE_USAGE = "contenttype NAME (inside batch)";
    static final String COUNTERS_USAGE = "counters (inside batch)";
    static final String RELOAD_USAGE = "reload (inside batch)";
    static final String STATE_USAGE = "state NAME (inside batch)";
    static final String DISABLE_USAGE = "disable NAME (inside batch)";
    static final String ENABLE_USAGE = "enable NAME (inside batch)";

    private static final String JSON = "--json";
    private static final String INCLUDE = "--include";
    /** The flags of the commands that show a result: {@code -i} is {@code --include}, as curl's. */
    private static final Set<String> RESULT_FLAGS = Set.of(JSON, INCLUDE, "-i");
    private static final String METHOD = "--method";
    private static final String CONTENT_TYPE = "--content-type";
    private static final String DATA = "--data";
    private static final String HEADER = "--header";
    private static final String TIMEOUT = "--timeout";
    /** Options of any command that take a value: their value is never read as a global option. */
    private static final Set<String> VALUE_OPTIONS = Set.of(METHOD, CONTENT_TYPE, DATA, HEADER, TIMEOUT);
    private static final Set<String> BATCH_ONLY = Set.of("redirect", "contenttype", "counters", "reload", "state",
            "disable", "enable");

    /**
     * A parsed command line.
     *
     * @param configFiles the {@code --config} files, in order
     * @param properties  the {@code -Dkey=value} options, in order
     * @param verbose     {@code -v}: log INFO and above, not only warnings
     * @param command     the command ({@link Command.Demo} when none is given)
     * @param words       the command's words (global options removed), for display
     */
    record Invocation(List<Path> configFiles, Map<String, String> properties, boolean verbose, Command command,
                      List<String> words) {
        Invocation {
            configFiles = List.copyOf(configFiles);
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            words = List.copyOf(words);
        }
    }

    private CommandLine() {
    }

    /** Parses the program arguments. */
    static Invocation parse(List<String> args) throws UsageException {
        List<Path> files = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        boolean verbose = false;
        boolean help = false;
        List<String> words = new ArrayList<>();
        boolean endOfOptions = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (endOfOptions) {
                words.add(a);
            } else if (a.equals("--")) {
                endOfOptions = true;
                words.add(a);
            } else if (a.equals("--config")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--config needs a file name", USAGE);
                }
                files.add(configFile(args.get(++i)));
            } else if (a.startsWith("--config=")) {
                files.add(configFile(a.substring("--config=".length())));
            } else if (a.startsWith("-D")) {
                String kv = a.substring(2);
                int eq = kv.indexOf('=');
                String key = eq < 0 ? kv : kv.substring(0, eq);
                if (key.isBlank()) {
                    throw new UsageException("-D needs a key: -Dkey=value", USAGE);
                }
                properties.put(key, eq < 0 ? "" : kv.substring(eq + 1));
            } else if (a.equals("-v") || a.equals("--verbose")) {
                verbose = true;
            } else if (a.equals("-h") || a.equals("--help")) {
                help = true;
            } else {
                words.add(a);
                if (VALUE_OPTIONS.contains(a) && i + 1 < args.size()) {
                    words.add(args.get(++i));
                }
            }
        }
        Command command = help ? new Command.Help() : words.isEmpty() ? new Command.Demo() : command(words, false);
        return new Invocation(files, properties, verbose, command, words);
    }

    private static Path configFile(String name) throws UsageException {
        if (name.isEmpty()) {
            throw new UsageException("--config needs a file name", USAGE);
        }
        try {
            return Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("--config " + name + ": not a file name (" + e.getReason() + ")", USAGE);
        }
    }

    /** Parses one batch line's words. */
    static Command batchLine(List<String> words) throws UsageException {
        return command(words, true);
    }

    private static Command command(List<String> words, boolean inBatch) throws UsageException {
        String name = words.get(0);
        List<String> rest = words.subList(1, words.size());
        if (inBatch && (name.equals("demo") || name.equals("batch") || name.equals("help"))) {
            throw new UsageException(name + " cannot run inside batch");
        }
        if (!inBatch && BATCH_ONLY.contains(name)) {
            throw new UsageException(name + " only works inside batch, where state carries from line to line",
                    "printf 'connect NAME PATH\\n" + name + (name.equals("counters") || name.equals("reload") ? "" : " NAME")
                            + "\\n' | httpcon batch");
        }
        return switch (name) {
            case "demo" -> {
                options(name, rest, Set.of(), Set.of(), DEMO_USAGE).positionals(0, DEMO_USAGE);
                yield new Command.Demo();
            }
            case "batch" -> {
                options(name, rest, Set.of(), Set.of(), BATCH_USAGE).positionals(0, BATCH_USAGE);
                yield new Command.Batch();
            }
            case "help" -> new Command.Help();
            case "listcon" -> {
                Options o = options(name, rest, Set.of(), Set.of(JSON), LISTCON_USAGE);
                o.positionals(0, LISTCON_USAGE);
                yield new Command.Listcon(o.flag(JSON));
            }
            case "connect" -> connect(rest);
            case "query" -> query(rest);
            case "redirect" -> new Command.Redirect(nameOnly(name, rest, REDIRECT_USAGE));
            case "contenttype" -> new Command.ContentType(nameOnly(name, rest, CONTENTTYPE_USAGE));
            case "counters" -> {
                options(name, rest, Set.of(), Set.of(JSON), COUNTERS_USAGE).positionals(0, COUNTERS_USAGE);
                yield new Command.Counters();
            }
            case "reload" -> {
                options(name, rest, Set.of(), Set.of(JSON), RELOAD_USAGE).positionals(0, RELOAD_USAGE);
                yield new Command.Reload();
            }
            case "state" -> new Command.State(nameOnly(name, rest, STATE_USAGE));
            case "disable" -> new Command.Disable(nameOnly(name, rest, DISABLE_USAGE));
            case "enable" -> new Command.Enable(nameOnly(name, rest, ENABLE_USAGE));
            default -> throw new UsageException("unknown command '" + name + "'", inBatch
                    ? "connect, query, listcon, redirect, contenttype, counters, reload, state, disable or enable"
                    : USAGE);
        };
    }

    private static String nameOnly(String command, List<String> rest, String usage) throws UsageException {
        Options o = options(command, rest, Set.of(), Set.of(JSON), usage);
        o.positionals(1, usage, "NAME");
        return o.positional.get(0);
    }

    private static Command connect(List<String> rest) throws UsageException {
        Options o = options("connect", rest, VALUE_OPTIONS, RESULT_FLAGS, CONNECT_USAGE);
        o.positionals(2, CONNECT_USAGE, "NAME", "PATH");
        String data = o.one(DATA);
        String contentType = o.one(CONTENT_TYPE);
        if (contentType != null && data == null) {
            throw new UsageException("connect: --content-type needs --data (a Content-Type is only sent with a body)",
                    CONNECT_USAGE);
        }
        String method = o.one(METHOD);
        if (method == null) {
            method = data == null ? "GET" : "POST";
        }
        try {
            HttpRequest.Builder b = HttpRequest.builder(method, o.positional.get(1));
            for (String h : o.all(HEADER)) {
                HttpRequest.Header header = header(h, CONNECT_USAGE);
                b.header(header.name(), header.value());
            }
            if (data != null) {
                b.body(contentType, data);
            }
            String timeout = o.one(TIMEOUT);
            if (timeout != null) {
                b.timeout(duration(timeout));
            }
            return new Command.Connect(o.positional.get(0), b.build(), o.flag(JSON), o.include());
        } catch (IllegalArgumentException e) {
            throw new UsageException("connect: " + e.getMessage(), CONNECT_USAGE);
        }
    }

    private static Command query(List<String> rest) throws UsageException {
        Options o = options("query", rest, Set.of(DATA, HEADER), RESULT_FLAGS, QUERY_USAGE);
        o.positionals(1, QUERY_USAGE, "URL");
        List<String> lines = new ArrayList<>();
        for (String h : o.all(HEADER)) {
            HttpRequest.Header header = header(h, QUERY_USAGE);
            lines.add(header.name() + ": " + header.value());
        }
        return new Command.Query(o.positional.get(0), o.one(DATA), lines.isEmpty() ? null : String.join("\r\n", lines),
                o.flag(JSON), o.include());
    }

    /** A duration as the configuration writes one: {@code 2} (seconds), {@code 2s}, {@code 1500ms}, {@code 1m}. */
    static java.time.Duration duration(String text) throws UsageException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m)?").matcher(text.strip());
        if (!m.matches()) {
            throw new UsageException("connect: --timeout needs a duration: 2 (seconds), 2s, 1500ms or 1m", CONNECT_USAGE);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> java.time.Duration.ofMillis(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            default -> java.time.Duration.ofSeconds(n);
        };
    }

    /** {@code 'Name: value'}; the message never repeats the value (it may be a token). */
    private static HttpRequest.Header header(String text, String usage) throws UsageException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new UsageException("--header needs 'Name: value'", usage);
        }
        try {
            return new HttpRequest.Header(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--header: " + e.getMessage(), usage);
        }
    }

    private static Options options(String command, List<String> args, Set<String> valueOptions, Set<String> flags,
                                   String usage) throws UsageException {
        Options o = new Options(command);
        boolean endOfOptions = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (endOfOptions || !a.startsWith("-") || a.equals("-")) {
                o.positional.add(a);
                continue;
            }
            if (a.equals("--")) {
                endOfOptions = true;
                continue;
            }
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            String name = eq > 0 ? a.substring(0, eq) : a;
            if (valueOptions.contains(name)) {
                String value;
                if (eq > 0) {
                    value = a.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(command + ": " + name + " needs a value", usage);
                }
                o.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (flags.contains(name)) {
                if (eq > 0) {
                    throw new UsageException(command + ": " + name + " takes no value", usage);
                }
                o.options.computeIfAbsent(name, k -> new ArrayList<>()).add("");
            } else if (isGlobal(name)) {
                throw new UsageException(command + ": " + name + " is only allowed on the command line, not inside batch",
                        usage);
            } else {
                throw new UsageException(command + ": unknown option " + name, usage);
            }
        }
        return o;
    }

    private static boolean isGlobal(String option) {
        return option.equals("--config") || option.startsWith("-D") || option.equals("-v") || option.equals("--verbose")
                || option.equals("-h") || option.equals("--help");
    }

    /** A command's arguments: positionals in order, options by name. */
    private static final class Options {
        private final String command;
        private final List<String> positional = new ArrayList<>();
        private final Map<String, List<String>> options = new LinkedHashMap<>();

        Options(String command) {
            this.command = command;
        }

        /** Exactly {@code count} positionals, named for the message when one is missing. */
        Options positionals(int count, String usage, String... names) throws UsageException {
            if (positional.size() < count) {
                throw new UsageException(command + ": missing " + names[positional.size()], usage);
            }
            if (positional.size() > count) {
                throw new UsageException(command + ": unexpected argument '" + Redaction.maskPassword(positional.get(count)) + "'",
                        usage);
            }
            return this;
        }

        String one(String option) throws UsageException {
            List<String> v = options.getOrDefault(option, List.of());
            if (v.size() > 1) {
                throw new UsageException(command + ": " + option + " given " + v.size() + " times; give it once");
            }
            return v.isEmpty() ? null : v.get(0);
        }

        List<String> all(String option) {
            return options.getOrDefault(option, List.of());
        }

        boolean flag(String option) {
            return options.containsKey(option);
        }

        boolean include() {
            return flag(INCLUDE) || flag("-i");
        }
    }
}
