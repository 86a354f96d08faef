package dev.httpcon.cli;

import dev.httpcon.HttpRequest;
import java.util.Objects;

/** What one command line or one batch line asks for, parsed and checked by {@link CommandLine}. */
sealed interface Command {

    /** Whether the command line asked for JSON ({@code --json}); batch always writes JSON. */
    default boolean json() {
        return false;
    }

    /** Whether the response headers are shown too ({@code --include}). */
    default boolean include() {
        return false;
    }

    /** The tour: demo servers, their connections, one request of each kind. */
    record Demo() implements Command {
    }

    /** Commands from stdin, one per line, in one running container; JSON out. */
    record Batch() implements Command {
    }

    /** The full help text. */
    record Help() implements Command {
    }

    /** The original's RPC {@code httpclient.listcon}. */
    record Listcon(boolean json) implements Command {
    }

    /**
     * The original's {@code http_connect}: {@code request} (method, path, headers, body) on the
     * connection {@code name}.
     */
    record Connect(String name, HttpRequest request, boolean json, boolean include) implements Command {
        public Connect {
            Objects.requireNonNull(name, "name must be set");
            Objects.requireNonNull(request, "request must be set");
        }
    }

    /**
     * The original's {@code http_client_query}: {@code url} with the global settings; POST when
     * {@code data} is not empty; {@code headerLines} CRLF-separated or {@code null}.
     */
    record Query(String url, String data, String headerLines, boolean json, boolean include) implements Command {
        public Query {
            Objects.requireNonNull(url, "url must be set");
        }
    }

    /** The original's {@code http_get_redirect}: this session's last effective URL on {@code name}. */
    record Redirect(String name) implements Command {
    }

    /** The original's {@code http_get_content_type}: this session's last Content-Type on {@code name}. */
    record ContentType(String name) implements Command {
    }

    /** The counters in MicroProfile Metrics: the original's three and the per-connection ones. */
    record Counters() implements Command {
    }

    /** Reads the configuration again and puts it in force, or refuses with every problem. */
    record Reload() implements Command {
    }

    /** The state of connection {@code name}: AVAILABLE, NOTREACHABLE or DISABLED. */
    record State(String name) implements Command {
    }

    /** Takes connection {@code name} out of service (DISABLED) for the rest of the batch. */
    record Disable(String name) implements Command {
    }

    /** Puts connection {@code name} back in service (AVAILABLE). */
    record Enable(String name) implements Command {
    }
}
