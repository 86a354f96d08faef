package dev.httpcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/cli.md names every command, option, exit code and JSON field the command has. */
class CliDocsTest {

    @Test
    void everyCommandOptionExitCodeAndJsonFieldIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("docs/cli.md"));
        List<String> missing = new ArrayList<>();
        for (String command : List.of("demo", "listcon", "connect", "query", "batch", "help", "redirect",
                "contenttype", "counters", "reload", "state", "disable", "enable")) {
            if (!doc.contains("### `" + command) && !doc.contains("| `" + command)) {
                missing.add("command " + command);
            }
        }
        for (String option : List.of("--config FILE", "-Dkey=value", "-v", "--verbose", "-h", "--help", "--method M",
                "--content-type CT", "--data DATA", "--header 'Name: value'", "--timeout DURATION", "--include", "--json",
                "--")) {
            if (!doc.contains("`" + option + "`")) {
                missing.add("option " + option);
            }
        }
        for (int code : new int[] {Main.OK, Main.FAILED, Main.USAGE, Main.INVALID_CONFIG}) {
            if (!doc.contains("\n| " + code + " | ")) {
                missing.add("exit code " + code);
            }
        }
        for (String field : jsonFields()) {
            if (!doc.contains("| `" + field + "` |")) {
                missing.add("JSON field " + field);
            }
        }
        assertEquals(List.of(), missing, "missing from docs/cli.md");
    }

    /** Every key the command writes, taken from the views themselves. */
    private static Set<String> jsonFields() {
        Set<String> fields = new LinkedHashSet<>();
        HttpResult binary = HttpResult.builder().status(200).body(new byte[] {(byte) 0xff}).build();
        fields.addAll(ResultView.json("c", binary, false, true).keySet());
        ConnectionInfo info = new ConnectionInfo("a", "http", "http://h", "", "", "", Duration.ZERO, 3, false, 0, true,
                30, "ua", "", true, true, "DEFAULT", List.of(), "", "", "httpclient.httpcon[0]", 0, 0, Duration.ZERO, 0,
                Duration.ofSeconds(10), "", 0, true, dev.httpcon.ConnectionState.AVAILABLE, 0, 0,
                List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> row = ((List<Map<String, Object>>) ListconView.json("listcon", List.of(info))
                .get("connections")).get(0);
        fields.addAll(row.keySet());
        // counters, redirect, contenttype and error objects (their views need a running container)
        fields.addAll(List.of("connections", "connok", "connfail", "perConnection", "url", "contentType", "error",
                "state"));
        for (dev.httpcon.ReloadResult.Outcome o : dev.httpcon.ReloadResult.Outcome.values()) {
            fields.addAll(Session.reload("reload", new dev.httpcon.ReloadResult(o, dev.httpcon.ReloadResult.Trigger.API,
                    java.time.Instant.EPOCH, 1, List.of(), List.of(), List.of(), List.of(), List.of())).json().keySet());
        }
        fields.remove("cmd");   // documented in prose, on every object
        return fields;
    }
}
