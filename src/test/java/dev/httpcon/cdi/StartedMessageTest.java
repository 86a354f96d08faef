package dev.httpcon.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The deployment's INFO line names a few connections and counts the rest, however many there are. */
class StartedMessageTest {

    @Test
    void aFewNamesAreAllListed() {
        assertEquals("httpcon: 2 connection(s): [api, backup]", Messages.started(List.of("api", "backup")));
    }

    @Test
    void beyondTwentyOnlyTheCountOfTheRest() {
        List<String> names = IntStream.range(0, 100_000).mapToObj(i -> "c" + i).toList();
        String line = Messages.started(names);
        assertEquals("httpcon: 100000 connection(s): [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, "
                + "c14, c15, c16, c17, c18, c19, ... 99980 more (listcon or HttpConnections.list() lists them all)]", line);
    }

    @Test
    void exactlyTwentyAreAllListed() {
        List<String> names = IntStream.range(0, Messages.NAMES_LOGGED).mapToObj(i -> "c" + i).toList();
        assertEquals("httpcon: 20 connection(s): " + names, Messages.started(names));
    }
}
