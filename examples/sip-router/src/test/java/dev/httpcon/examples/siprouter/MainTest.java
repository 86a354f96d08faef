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
        assertFalse(o.async(), "blocking lookups unless --async");
        assertTrue(Main.Options.parse("--config", "r", "--async").async());
        assertEquals(0, o.metricsPort(), "no metrics, no tracing: httpcon then measures nothing");
        assertEquals(java.time.Duration.ofSeconds(32), o.budget(), "64*T1: the caller's transaction timeout");
    }

    @Test
    void theBudgetIsTheSmallerOfTheOptionAnd64TimesT1() {
        assertEquals(java.time.Duration.ofSeconds(1), Main.Options.parse("--config", "r", "--budget", "1s").budget());
        assertEquals(java.time.Duration.ofMillis(800), Main.Options.parse("--config", "r", "--budget", "800ms").budget());
        assertEquals(java.time.Duration.ofMillis(6400),
                Main.Options.parse("--config", "r", "--budget", "60s", "--t1", "100ms").budget());
        assertEquals("--budget must be a duration above 0 such as 800ms or 1s, got '0'",
                assertThrows(IllegalArgumentException.class,
                        () -> Main.Options.parse("--config", "r", "--budget", "0")).getMessage());
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
