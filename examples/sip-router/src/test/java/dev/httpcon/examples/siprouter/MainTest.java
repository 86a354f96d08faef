package dev.httpcon.examples.siprouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.examples.routing.SipAnswer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void defaults() {
        Main.Options o = Main.Options.parse("--config", "routing.properties");
        assertEquals(Path.of("routing.properties"), o.config());
        assertEquals("127.0.0.1", o.host());
        assertEquals(5070, o.port());
        assertTrue(o.lookup());
        assertFalse(o.verbose());
        assertEquals(0, o.metricsPort(), "no metrics, no tracing: httpcon then measures nothing");
    }

    @Test
    void everyOption() {
        Main.Options o = Main.Options.parse("--port", "5080", "--host", "127.0.0.2", "--threads", "4",
                "--no-lookup", "-v", "--config", "r.properties", "--metrics-port", "9464");
        assertEquals(9464, o.metricsPort());
        assertEquals(5080, o.port());
        assertEquals("127.0.0.2", o.host());
        assertEquals(4, o.threads());
        assertFalse(o.lookup());
        assertTrue(o.verbose());
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("--config FILE is required (it defines the connection 'routing')",
                assertThrows(IllegalArgumentException.class, () -> Main.Options.parse("--port", "5070")).getMessage());
        assertEquals("--port must be a number from 0 to 65535, got '70000'",
                assertThrows(IllegalArgumentException.class, () -> Main.Options.parse("--port", "70000")).getMessage());
        assertEquals("--port needs a value",
                assertThrows(IllegalArgumentException.class, () -> Main.Options.parse("--config", "x", "--port")).getMessage());
        assertEquals("--metrics-port must be a number from 1 to 65535, got '0'",
                assertThrows(IllegalArgumentException.class, () -> Main.Options.parse("--metrics-port", "0")).getMessage());
        assertEquals("unknown argument '--prot'",
                assertThrows(IllegalArgumentException.class, () -> Main.Options.parse("--prot", "1")).getMessage());
    }

    @Test
    void withoutLookupRedirectsToTheUserAtLoopback() {
        SipAnswer a = Main.withoutLookup("sip:u17@example.com;transport=udp");
        assertEquals(302, a.status());
        assertEquals("sip:u17@127.0.0.1", a.contact());
    }
}
