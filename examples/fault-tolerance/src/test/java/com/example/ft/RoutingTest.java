package com.example.ft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What docs/recipes/fault-tolerance.md says, with SmallRye Fault Tolerance and httpcon in Weld SE
 * against two fake routing APIs (the connection and its failover).
 */
class RoutingTest {

    private static final String ROUTE = "sip:alice@10.0.0.7";

    private FakeApi primary;
    private FakeApi backup;
    private SeContainer container;
    private Routing routing;

    @BeforeEach
    void start() throws IOException {
        primary = new FakeApi(ROUTE);
        backup = new FakeApi(ROUTE);
        System.setProperty("httpclient.connection.routing.url", primary.url());
        System.setProperty("httpclient.connection.routing_backup.url", backup.url());
    }

    private void deploy() {
        container = SeContainerInitializer.newInstance().initialize();
        routing = container.select(Routing.class).get();
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        primary.close();
        backup.close();
        System.clearProperty("httpclient.connection.routing.url");
        System.clearProperty("httpclient.connection.routing_backup.url");
        ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
    }

    @Test
    void aChainThatFailedIsTriedOnceMore() {
        primary.answers(503);
        backup.answers(503, 200);
        deploy();
        assertEquals(ROUTE, routing.route("alice"));
        assertEquals(2, primary.requests.size(), "the whole chain, twice");
        assertEquals(2, backup.requests.size());
    }

    @Test
    void aChainThatKeepsFailingFallsBack() {
        primary.answers(503);
        backup.answers(502);
        deploy();
        assertEquals("sip:alice@voicemail.example.com", routing.route("alice"));
        assertEquals(2, primary.requests.size());
        assertEquals(2, backup.requests.size());
    }

    @Test
    void notFoundIsAnAnswerNotAFailure() {
        primary.answers(404);
        deploy();
        assertNull(routing.route("bob"));
        assertEquals(List.of("/api/route?user=bob"), primary.requests);
        assertEquals(List.of(), backup.requests, "no failover for a 404");
    }

    @Test
    void faultTolerancesTimeoutInterruptsAndNothingFailsOver() {
        primary.answers(200, 0);             // a first answer, then never one within the connection's 2 s
        backup.answers(200);
        deploy();
        assertEquals(ROUTE, routing.route("warm-up"));
        assertThrows(TimeoutException.class, () -> routing.routeWithin300ms("alice"));
        // Interrupted while waiting for the primary (or, on a slow machine, before its request
        // left): either way the call ends with 42 and no failover hop is started.
        assertEquals(List.of(), backup.requests, "an interrupted call (42) does not fail over");
    }
}
