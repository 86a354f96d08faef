package dev.httpcon.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.ProcessingException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The path a typed client's request has relative to its connection's base URL. */
class RequestMappingTest {

    private static String relative(String uri, String base) {
        return RequestMapping.relativePath(URI.create(uri), URI.create(base));
    }

    @Test
    void pathAndQueryAfterTheBase() {
        assertEquals("/invoices/42?x=1", relative("http://h:8080/v1/invoices/42?x=1", "http://h:8080/v1"));
        assertEquals("/invoices", relative("http://h:8080/v1/invoices", "http://h:8080/v1/"));
        assertEquals("", relative("http://h:8080/v1", "http://h:8080/v1"));
        assertEquals("/a%20b?q=x%26y", relative("http://h/a%20b?q=x%26y", "http://h"));
        assertEquals("/x", relative("https://h/x", "https://h:443"), "the default port is the same origin");
    }

    @Test
    void aRequestOutsideTheConnectionIsRefused() {
        ProcessingException otherHost = assertThrows(ProcessingException.class,
                () -> relative("http://other/v1/x", "http://h/v1"));
        assertTrue(otherHost.getMessage().contains("outside the connection's base URL"), otherHost.getMessage());
        assertThrows(ProcessingException.class, () -> relative("https://h/v1/x", "http://h/v1"));
        assertThrows(ProcessingException.class, () -> relative("http://h:81/v1/x", "http://h/v1"));
        ProcessingException otherPath = assertThrows(ProcessingException.class,
                () -> relative("http://h/v10/x", "http://h/v1"));
        assertTrue(otherPath.getMessage().contains("outside the connection's base path /v1"), otherPath.getMessage());
    }

    @Test
    void theBuilderGetsTheBaseWithoutItsQuery() {
        assertEquals(URI.create("http://h/v1"), RestClients.builderBase(URI.create("http://h/v1?key=k")));
        assertEquals(URI.create("http://h/a%20b"), RestClients.builderBase(URI.create("http://h/a%20b?k=1")),
                "an encoded path is not encoded again");
        URI plain = URI.create("http://h/v1");
        assertEquals(plain, RestClients.builderBase(plain));
    }
}
