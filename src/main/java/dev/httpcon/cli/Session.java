package dev.httpcon.cli;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.ConnectionState;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpResult;
import dev.httpcon.ReloadResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs commands on the beans of one running container, so state carries from one command to the
 * next: pooled connections, the last redirect and content type, the counts. Every command goes
 * through httpcon's own beans ({@code HttpConnections}, the intercepted {@code @HttpCon}
 * connections, {@code HttpQuery}, the metric registry): failover, redirect capture and metrics
 * happen exactly as in an application.
 *
 * <p>Use it from one thread: the last redirect and content type are remembered per thread.
 */
final class Session {

    /** What a command gave: its JSON object and its text form. */
    record Output(Map<String, Object> json, String text) {
    }

    private final CliBeans beans;

    Session(CliBeans beans) {
        this.beans = beans;
    }

    /** Runs a command; {@code cmd} is how it is shown in the output. */
    Output run(Command command, String cmd) {
        HttpConnections http = beans.connections;
        if (command instanceof Command.Connect c) {
            return result(cmd, connect(c), false, c.include());
        }
        if (command instanceof Command.Query q) {
            return result(cmd, beans.query.query(q.url(), q.data(), q.headerLines()), true, q.include());
        }
        if (command instanceof Command.Listcon) {
            List<ConnectionInfo> rows = http.list();
            return new Output(ListconView.json(cmd, rows), ListconView.text(rows));
        }
        if (command instanceof Command.Redirect r) {
            // the original's http_get_redirect: 1 and the URL for a known connection, -1 otherwise
            boolean known = http.exists(r.name());
            return lastOf(cmd, known, "url", known ? http.get(r.name()).lastRedirect() : null);
        }
        if (command instanceof Command.ContentType t) {
            boolean known = http.exists(t.name());
            return lastOf(cmd, known, "contentType", http.contentType(t.name()));
        }
        if (command instanceof Command.Counters) {
            Map<String, Object> json = CountersView.json(cmd, beans.metrics, http.names());
            return new Output(json, CountersView.text(json));
        }
        if (command instanceof Command.Reload) {
            return reload(cmd, http.reload());
        }
        if (command instanceof Command.State s) {
            return state(cmd, s.name(), http::state);
        }
        if (command instanceof Command.Disable d) {
            return state(cmd, d.name(), http::disable);
        }
        if (command instanceof Command.Enable e) {
            return state(cmd, e.name(), http::enable);
        }
        throw new IllegalArgumentException(command + " is not run inside a session");
    }

    private HttpResult connect(Command.Connect c) {
        Optional<HttpConnection> connection = beans.connections.find(c.name());
        if (connection.isEmpty()) {
            // the developer API's own answer for an unknown name: code -1 naming the defined ones, nothing sent
            return beans.connections.connect(c.name(), c.request().path(), null, null);
        }
        return connection.get().send(c.request());
    }

    /**
     * A reload: {@code {"cmd","outcome","generation","added","removed","changed","changes"}}; a
     * refused one is an error object, {@code {"cmd","error","outcome","generation","problems"}}.
     */
    static Output reload(String cmd, ReloadResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmd", cmd);
        if (r.refused()) {
            m.put("error", r.summary());
        }
        m.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
        m.put("generation", r.generation());
        if (r.refused()) {
            m.put("problems", r.problems());
        } else {
            m.put("added", r.added());
            m.put("removed", r.removed());
            m.put("changed", r.changed());
            m.put("changes", r.changes());
        }
        return new Output(m, r.text() + "\n");
    }

    /**
     * {@code {"cmd":...,"code":1,"state":"NOTREACHABLE"}}: the state after {@code op}; code -1 and
     * {@code "state":null} for an unknown name, as {@code redirect} answers.
     */
    private Output state(String cmd, String name, java.util.function.Function<String, ConnectionState> op) {
        boolean known = beans.connections.exists(name);
        return lastOf(cmd, known, "state", known ? op.apply(name).name() : null);
    }

    private static Output result(String cmd, HttpResult r, boolean firstLineOnly, boolean include) {
        return new Output(ResultView.json(cmd, r, firstLineOnly, include), ResultView.text(r, firstLineOnly, include));
    }

    private static Output lastOf(String cmd, boolean known, String field, String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmd", cmd);
        m.put("code", known ? 1 : -1);
        m.put(field, value);
        StringBuilder text = new StringBuilder();
        ResultView.line(text, "code", known ? "1" : "-1 (no such connection)");
        ResultView.line(text, field, value == null ? "-" : value.isEmpty() ? "(none yet)" : value);
        return new Output(m, text.toString());
    }
}
