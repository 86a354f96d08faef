package dev.httpcon.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.standalone.StandaloneHttpCon;
import dev.httpcon.testing.ReferenceApi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.RestClientDefinitionException;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

/** Which interfaces can be typed clients: httpcon's own checks, then the implementation's. */
class InterfaceCheckTest {

    private static final URI BASE = URI.create("http://127.0.0.1:1/api");

    /** Not JAX-RS at all. */
    public interface Plain {
        String hello();
    }

    /** Two HTTP methods on one method: a RestClientDefinitionException case of the spec. */
    public interface TwoVerbs {
        @GET
        @POST
        String both();
    }

    /** A path template without its parameter: another spec case. */
    public interface MissingPathParam {
        @GET
        @Path("/items/{id}")
        String item();
    }

    /** Server-sent events by media type. */
    public interface EventsByMediaType {
        @GET
        @Produces(MediaType.SERVER_SENT_EVENTS)
        String events();
    }

    /** Server-sent events by return type. */
    public interface EventsByPublisher {
        @GET
        Publisher<String> events();
    }

    /** A class, not an interface. */
    public static class NotAnInterface {
        @GET
        public String get() {
            return "";
        }
    }

    @Test
    void aValidInterfaceHasNoProblems() {
        assertEquals(List.of(), RestClients.problems(ReferenceApi.class, BASE));
    }

    @Test
    void aClassIsRefused() {
        assertOneProblem(NotAnInterface.class, "is not an interface");
    }

    @Test
    void anInterfaceWithoutHttpMethodsIsRefused() {
        assertOneProblem(Plain.class, "has no method with an HTTP method annotation");
        assertOneProblem(Runnable.class, "has no method with an HTTP method annotation");
    }

    @Test
    void theImplementationsDefinitionErrorsAreReported() {
        assertOneProblem(TwoVerbs.class, "is not a valid Rest Client interface");
        assertOneProblem(MissingPathParam.class, "is not a valid Rest Client interface");
    }

    @Test
    void serverSentEventsAreRefused() {
        assertOneProblem(EventsByMediaType.class, "method events() receives server-sent events");
        assertOneProblem(EventsByPublisher.class, "method events() receives server-sent events");
    }

    @Test
    void createRefusesWhatProblemsReports() {
        try (StandaloneHttpCon http = StandaloneHttpCon.start(Map.of("httpclient.httpcon", "a=>" + BASE))) {
            RestClientDefinitionException e = assertThrows(RestClientDefinitionException.class,
                    () -> RestClients.create(http.connection("a"), Plain.class));
            assertTrue(e.getMessage().contains(Plain.class.getName()), e.getMessage());
        }
    }

    private static void assertOneProblem(Class<?> type, String expected) {
        List<String> problems = RestClients.problems(type, BASE);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains(expected), problems::toString);
    }
}
