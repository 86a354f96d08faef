package dev.httpcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The "cmd" shown with each output: the words re-quoted, secrets masked. */
class CommandTextTest {

    @Test
    void showsTheWordsQuotedForAShell() {
        assertEquals("connect api '/route?user=alice' --data '{\"a\":1}'",
                CommandText.of(List.of("connect", "api", "/route?user=alice", "--data", "{\"a\":1}")));
    }

    @Test
    void masksAUrlPassword() {
        assertEquals("query 'http://ann:****@h:8080/x?y=1'",
                CommandText.of(List.of("query", "http://ann:s3cr3t@h:8080/x?y=1")));
        assertEquals("query http://ann@h/x", CommandText.of(List.of("query", "http://ann@h/x")));
    }

    @Test
    void masksCredentialHeadersInBothSpellings() {
        assertEquals("connect a / --header 'Authorization: ****' '--header=Cookie: ****' --header 'X-Trace: 7'"
                        + " --header 'X-Api-Key: ****'",
                CommandText.of(List.of("connect", "a", "/", "--header", "Authorization: Bearer abc",
                        "--header=Cookie: sid=1", "--header", "X-Trace: 7", "--header", "X-Api-Key: k")));
        // an invalid header is shown without its value
        assertEquals("connect a / --header 'Authorization: ****' --header '****'",
                CommandText.of(List.of("connect", "a", "/", "--header", "Authorization: x\r\ny", "--header", "novalue")));
    }

    @Test
    void anUnsplittableLineShowsOnlyItsCommandName() {
        assertEquals("connect", CommandText.ofUnsplittable("  connect api '/x --header 'Authorization: Bearer t"));
        assertEquals("", CommandText.ofUnsplittable("'connect api"));
        assertEquals("http://u:****@h/", CommandText.ofUnsplittable("http://u:p@h/ 'x"));
    }
}
