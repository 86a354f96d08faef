package dev.httpcon.cli;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code httpcon} command ({@code java -jar target/httpcon-cli.jar}): a demo that runs out of
 * the box, and listcon, connect, query and batch on connections defined with {@code --config}
 * files and {@code -D} properties, on the real stack (Weld SE, SmallRye Config, SmallRye Metrics,
 * httpcon's extension). See {@code docs/cli.md}.
 *
 * <p>Exit codes: 0 done (whatever the HTTP outcome: it is in the output), 1 the demo saw a step
 * go wrong or an unexpected failure, 2 bad usage, 3 invalid configuration.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int INVALID_CONFIG = 3;

    static final String HELP = """
            httpcon: named HTTP connections (Kamailio's http_client) from the command line.

            usage: %s

            Commands
              demo (also with no command)  start demo servers on 127.0.0.1 and tour GET, POST, failover,
                                           a redirect, a timeout, listcon and the counters
              listcon [--json]             every connection: settings (no password), ok/fail counts
              connect NAME PATH            the original's http_connect on connection NAME:
                  [--method M]             any method (default GET, or POST with --data)
                  [--content-type CT]      Content-Type of the body
                  [--data DATA]            the body (UTF-8)
                  [--header 'Name: value'] an extra header; repeatable
                  [--timeout DURATION]     a time limit for the whole call (every failover hop):
                                           2 (seconds), 2s, 1500ms, 1m
                  [-i, --include]          the response headers too
                  [--json]                 one JSON object instead of text
              query URL [--data DATA] [--header 'Name: value']... [--include] [--json]
                                           the original's http_client_query with the global settings;
                                           the result is the first line of the body
              batch                        commands from stdin, one per line (shell quoting), in one
                                           running container; one JSON object out per line. Also takes
                                           redirect NAME, contenttype NAME, counters, listcon, reload
                                           (read the configuration again, apply or refuse) and the
                                           operator's state NAME, disable NAME, enable NAME
              help                         this text

            Options (anywhere on the line)
              --config FILE                properties file of httpclient.* keys; repeatable (a later
                                           file wins); above microprofile-config.properties, below the
                                           environment and system properties
              -Dkey=value                  a system property (so: a configuration value), as before -jar
              -v, --verbose                log INFO and above to stderr (default: warnings only)
              -h, --help                   this text

            Exit codes: 0 ok (HTTP failures are results, in the output), 1 a demo step went wrong or an
            unexpected failure, 2 bad usage, 3 invalid configuration.
            Every command, option and JSON field: docs/cli.md
            """.formatted(CommandLine.USAGE);

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code;
        try {
            code = run(List.of(args), System.in, out, err);
        } catch (RuntimeException | Error bug) {
            out.flush();
            err.println("httpcon: unexpected failure (a bug, please report it):");
            bug.printStackTrace(err);
            code = FAILED;
        }
        out.flush();
        err.flush();
        // Weld, SmallRye and HttpClient leave pool and timer threads behind; the command is done.
        System.exit(code);
    }

    /** Runs the command; returns the exit code. */
    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine.Invocation invocation;
        try {
            invocation = CommandLine.parse(args);
        } catch (UsageException e) {
            return usage(err, e);
        }
        Command command = invocation.command();
        if (command instanceof Command.Help) {
            out.print(HELP);
            return OK;
        }
        Logging.configure(invocation.verbose());
        invocation.properties().forEach(System::setProperty);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            if (command instanceof Command.Demo) {
                return Demo.run(loader, invocation.configFiles(), out);
            }
            try (CliConfig config = CliConfig.register(loader, invocation.configFiles());
                 CliContainer container = CliContainer.boot(loader)) {
                Session session = new Session(container.beans());
                if (command instanceof Command.Batch) {
                    Batch.run(session, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out);
                } else {
                    Session.Output output = session.run(command, CommandText.of(invocation.words()));
                    out.print(command.json() ? Json.write(output.json()) + "\n" : output.text());
                }
                return OK;
            }
        } catch (UsageException e) {
            return usage(err, e);
        } catch (InvalidConfigException e) {
            err.println(e.getMessage());
            return INVALID_CONFIG;
        } catch (IOException e) {
            err.println("httpcon: " + e.getMessage());
            return FAILED;
        }
    }

    private static int usage(PrintStream err, UsageException e) {
        err.println("httpcon: " + e.getMessage() + (e.usage() == null ? "" : " (usage: " + e.usage() + ")"));
        return USAGE;
    }
}
