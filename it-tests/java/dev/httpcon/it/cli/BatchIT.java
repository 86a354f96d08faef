package dev.httpcon.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.testing.Json;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code httpcon batch}: every line runs in one container, so connection reuse, the last redirect
 * and the counters carry from line to line; a bad line gives an error object and batch goes on.
 */
class BatchIT {

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();

    private final ReferenceServer server = SERVER.server();

    @TempDir
    Path dir;

    @Test
    void stateCarriesFromLineToLineAndABadLineDoesNotStopBatch() throws IOException {
        Path config = Files.writeString(dir.resolve("batch.properties"), String.join("\n",
                "httpclient.keep_connections=yes",
                "httpclient.httpcon=ref=>" + server.url("/base") + ",\\",
                "  fo=>" + server.url("/fail") + ";failover=bk,\\",
                "  bk=>" + server.url("/backup"),
                ""), StandardCharsets.UTF_8);
        String stdin = String.join("\n",
                "# comments and blank lines give no output",
                "",
                "connect ref /echo",
                "connect ref /echo --data 'é 😀 \"quoted\"' --content-type 'text/plain; charset=utf-8'",
                "connect ref /redir302a",
                "redirect ref",
                "contenttype ref",
                "connect ref",
                "connect ref '/unterminated",
                "frob",
                "connect fo /route",
                "redirect nosuch",
                "counters",
                "listcon",
                "") ;
        Cli.Run run = Cli.withStdin(stdin, "--config", config.toString(), "batch");
        assertEquals(0, run.exit(), run::describe);
        assertEquals("", run.err(), run::describe);
        List<Map<String, Object>> out = run.jsonLines();
        assertEquals(12, out.size(), run::describe);

        // connection reuse: both echoes came over one TCP connection (client and server agree)
        Map<String, Object> first = out.get(0);
        Map<String, Object> second = out.get(1);
        assertEquals("connect ref /echo", first.get("cmd"));
        assertEquals(200L, first.get("code"));
        Map<String, Object> echo1 = Json.parseObject((String) first.get("body"));
        Map<String, Object> echo2 = Json.parseObject((String) second.get("body"));
        assertEquals(echo1.get("conn_id"), echo2.get("conn_id"), "the second request reused the connection");
        assertEquals("POST", echo2.get("method"));
        assertEquals("é 😀 \"quoted\"", echo2.get("body"));
        List<RecordedRequest> echoes = server.requests("/base/echo");
        assertEquals(2, echoes.size());
        assertEquals(echoes.get(0).connection(), echoes.get(1).connection());
        assertEquals(2, echoes.get(1).requestOnConnection());

        // a followed redirect, then the original's http_get_redirect and http_get_content_type
        Map<String, Object> redirected = out.get(2);
        assertEquals(200L, redirected.get("code"));
        assertEquals(2, ((List<?>) redirected.get("redirects")).size());
        assertEquals(server.url("/json").toString(), redirected.get("effectiveUrl"), "/redir302b sends to /json");
        assertEquals(Map.of("cmd", "redirect ref", "code", 1L, "url", server.url("/json").toString()), out.get(3));
        assertEquals(Map.of("cmd", "contenttype ref", "code", 1L, "contentType", "application/json"), out.get(4));

        // bad lines: an error object each, and batch went on
        assertEquals(Map.of("cmd", "connect ref", "error", "connect: missing PATH"), out.get(5));
        assertEquals("connect", out.get(6).get("cmd"));
        assertTrue(((String) out.get(6).get("error")).startsWith("unterminated ' quote"), run::describe);
        assertEquals(Map.of("cmd", "frob", "error", "unknown command 'frob'"), out.get(7));

        // failover inside the batch
        Map<String, Object> failover = out.get(8);
        assertEquals(200L, failover.get("code"));
        assertEquals("bk", failover.get("servedBy"));
        assertEquals(List.of("fo", "bk"), ((List<?>) failover.get("attempts")).stream()
                .map(a -> ((Map<?, ?>) a).get("connection")).toList());
        assertEquals(List.of(503L, 200L), ((List<?>) failover.get("attempts")).stream()
                .map(a -> ((Map<?, ?>) a).get("code")).toList());
        assertEquals(-1L, out.get(9).get("code"));
        assertEquals(null, out.get(9).get("url"));

        // counters add up over the whole batch: 3 ok on ref, 1 server error on fo, 1 ok on bk
        Map<String, Object> counters = out.get(10);
        assertEquals(3L, counters.get("connections"));
        assertEquals(4L, counters.get("connok"));
        assertEquals(1L, counters.get("connfail"));
        assertEquals(Map.of(
                "ref", Map.of("ok", 3L, "serverError", 0L, "transportError", 0L, "skipped", 0L, "refused", 0L),
                "fo", Map.of("ok", 0L, "serverError", 1L, "transportError", 0L, "skipped", 0L, "refused", 0L),
                "bk", Map.of("ok", 1L, "serverError", 0L, "transportError", 0L, "skipped", 0L, "refused", 0L)),
                counters.get("perConnection"));

        // listcon sees the same counts
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) out.get(11).get("connections");
        assertEquals(List.of("ref", "fo", "bk"), rows.stream().map(r -> r.get("name")).toList());
        assertEquals(List.of(3L, 0L, 1L), rows.stream().map(r -> r.get("ok")).toList());
        assertEquals(List.of(0L, 1L, 0L), rows.stream().map(r -> r.get("fail")).toList());
        assertEquals("bk", rows.get(1).get("failover"));
    }

    @Test
    void operatorsDisableAndEnableConnectionsAndListconShowsTheirState() throws IOException {
        Path config = Files.writeString(dir.resolve("state.properties"), String.join("\n",
                "httpclient.httpcon=primary=>" + server.url("/base") + ";failover=bk,\\",
                "  bk=>" + server.url("/backup"),
                ""), StandardCharsets.UTF_8);
        String stdin = String.join("\n",
                "state primary",
                "disable primary",
                "connect primary /route",
                "state primary",
                "listcon",
                "counters",
                "enable primary",
                "connect primary /json",
                "state nosuch",
                "disable",
                "");
        Cli.Run run = Cli.withStdin(stdin, "--config", config.toString(), "batch");
        assertEquals(0, run.exit(), run::describe);
        List<Map<String, Object>> out = run.jsonLines();
        assertEquals(10, out.size(), run::describe);
        assertEquals(Map.of("cmd", "state primary", "code", 1L, "state", "AVAILABLE"), out.get(0));
        assertEquals(Map.of("cmd", "disable primary", "code", 1L, "state", "DISABLED"), out.get(1));

        Map<String, Object> skipped = out.get(2);
        assertEquals(200L, skipped.get("code"));
        assertEquals("bk", skipped.get("servedBy"));
        Map<?, ?> firstAttempt = (Map<?, ?>) ((List<?>) skipped.get("attempts")).get(0);
        assertEquals("primary", firstAttempt.get("connection"));
        assertEquals(7L, firstAttempt.get("code"));
        assertEquals(false, firstAttempt.get("sent"));
        assertEquals(List.of(), server.requests("/base/route"), "nothing sent to the disabled connection");

        assertEquals(Map.of("cmd", "state primary", "code", 1L, "state", "DISABLED"), out.get(3));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) out.get(4).get("connections");
        assertEquals(List.of("DISABLED", "AVAILABLE"), rows.stream().map(r -> r.get("state")).toList());
        assertEquals(List.of(1L, 0L), rows.stream().map(r -> r.get("skipped")).toList());
        assertEquals(List.of(0L, 0L), rows.stream().map(r -> r.get("fail")).toList(), "a skip is no failed attempt");
        assertEquals(Map.of("ok", 0L, "serverError", 0L, "transportError", 0L, "skipped", 1L, "refused", 0L),
                ((Map<?, ?>) out.get(5).get("perConnection")).get("primary"));

        assertEquals(Map.of("cmd", "enable primary", "code", 1L, "state", "AVAILABLE"), out.get(6));
        assertEquals("primary", out.get(7).get("servedBy"));
        Map<String, Object> unknown = new java.util.HashMap<>();
        unknown.put("cmd", "state nosuch");
        unknown.put("code", -1L);
        unknown.put("state", null);
        assertEquals(unknown, out.get(8));
        assertEquals(Map.of("cmd", "disable", "error", "disable: missing NAME"), out.get(9));

        Cli.Run outside = Cli.run("--config", config.toString(), "disable", "primary");
        assertEquals(2, outside.exit(), outside::describe);
        assertTrue(outside.err().contains("disable only works inside batch"), outside::describe);
    }

    @Test
    void emptyInputGivesNoOutput() {
        Cli.Run run = Cli.withStdin("", "--config", configWithoutConnections(), "batch");
        assertEquals(0, run.exit(), run::describe);
        assertEquals("", run.out(), run::describe);
        assertFalse(run.err().contains("Exception"), run::describe);
    }

    private String configWithoutConnections() {
        try {
            return Files.writeString(dir.resolve("empty.properties"), "httpclient.connection_timeout=2s\n").toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
