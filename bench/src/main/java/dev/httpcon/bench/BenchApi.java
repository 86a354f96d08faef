package dev.httpcon.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Subject (c): the typed MicroProfile Rest Client interface. It returns the body as a String, so
 * the comparison measures the binding and not a JSON-B implementation parsing 100 bytes.
 */
@Path("/")
public interface BenchApi {

    @GET
    @Path("json")
    @Produces(MediaType.APPLICATION_JSON)
    String json();
}
