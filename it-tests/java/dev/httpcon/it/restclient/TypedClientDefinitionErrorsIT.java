package dev.httpcon.it.restclient;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpCon;
import dev.httpcon.it.support.WeldSe;
import dev.httpcon.testing.ReferenceApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A typed client that cannot work fails the deployment of a real Weld SE container with one message
 * that names the interface, the connection, where it was asked for and why: HTTPCON-004 for an
 * invalid interface, HTTPCON-002 for an unknown connection name.
 */
class TypedClientDefinitionErrorsIT {

    private static final String OK = "httpclient.httpcon=billing=>http://127.0.0.1:1/v1,stock=>http://127.0.0.1:1/s\n";

    /** Not a Rest Client interface: no HTTP method anywhere. */
    public interface NotRest {
        String hello();
    }

    /** Two HTTP methods on one method: the implementation's RestClientDefinitionException. */
    public interface TwoVerbs {
        @GET
        @POST
        @Path("/x")
        String both();
    }

    /** Server-sent events, which need a streaming response. */
    public interface Events {
        @GET
        @Path("/events")
        @Produces(MediaType.SERVER_SENT_EVENTS)
        String events();
    }

    /** Asks for an interface that is not a Rest Client. */
    @ApplicationScoped
    public static class NeedsNotRest {
        @Inject
        @HttpCon("billing")
        NotRest api;
    }

    /** Asks for an interface the implementation refuses. */
    @ApplicationScoped
    public static class NeedsTwoVerbs {
        @Inject
        @HttpCon("billing")
        TwoVerbs api;
    }

    /** Asks for server-sent events. */
    @ApplicationScoped
    public static class NeedsEvents {
        @Inject
        @HttpCon("stock")
        Events api;
    }

    /** Asks for a typed client of a connection nobody defined. */
    @ApplicationScoped
    public static class NeedsUnknownConnection {
        @Inject
        @HttpCon("payments")
        ReferenceApi api;
    }

    /** No httpcon injection point. */
    @ApplicationScoped
    public static class Bystander {
    }

    @Test
    void interfaceWithoutHttpMethodsIsHttpcon004() {
        String message = WeldSe.deploymentFailure(OK, NeedsNotRest.class);
        assertMentions(message, "HTTPCON-004", NotRest.class.getName(), "'billing'",
                NeedsNotRest.class.getName() + ".api", "has no method with an HTTP method annotation");
    }

    @Test
    void interfaceTheImplementationRefusesIsHttpcon004() {
        String message = WeldSe.deploymentFailure(OK, NeedsTwoVerbs.class);
        assertMentions(message, "HTTPCON-004", TwoVerbs.class.getName(), "is not a valid Rest Client interface");
    }

    @Test
    void serverSentEventsAreHttpcon004() {
        String message = WeldSe.deploymentFailure(OK, NeedsEvents.class);
        assertMentions(message, "HTTPCON-004", Events.class.getName(), "'stock'", "server-sent events");
    }

    @Test
    void everyInvalidInterfaceIsListedAtOnce() {
        String message = WeldSe.deploymentFailure(OK, NeedsNotRest.class, NeedsEvents.class);
        assertMentions(message, "(2 problems)", NotRest.class.getName(), Events.class.getName());
    }

    @Test
    void unknownConnectionOfATypedClientIsHttpcon002() {
        String message = WeldSe.deploymentFailure(OK, NeedsUnknownConnection.class);
        assertMentions(message, "HTTPCON-002", "payments", NeedsUnknownConnection.class.getName() + ".api",
                "billing", "stock");
        assertFalse(message.contains("HTTPCON-004"), message);
    }

    @Test
    void restClientsNamingAMissingClassIsHttpcon004() {
        String message = WeldSe.deploymentFailure(OK + "httpclient.connection.billing.rest-clients=com.acme.NoSuchApi\n",
                Bystander.class);
        assertMentions(message, "HTTPCON-004", "com.acme.NoSuchApi", "httpclient.connection.billing.rest-clients",
                "not found");
    }

    @Test
    void restClientsNamingAClassIsHttpcon004() {
        String message = WeldSe.deploymentFailure(OK + "httpclient.connection.stock.rest-clients="
                + Bystander.class.getName() + "\n", Bystander.class);
        assertMentions(message, "HTTPCON-004", Bystander.class.getName(), "httpclient.connection.stock.rest-clients",
                "is not an interface");
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : List.of(parts)) {
            assertTrue(message.contains(p), () -> "message does not mention '" + p + "':\n" + message);
        }
    }
}
