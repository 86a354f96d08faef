package dev.httpcon.it.restclient;

import dev.httpcon.testing.ReferenceApi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * An interface registered for the Rest Client implementation's own CDI beans
 * ({@code @RestClient}, configured by {@code registered/mp-rest/url}) and used through httpcon too.
 */
@RegisterRestClient(configKey = "registered")
@Produces(MediaType.APPLICATION_JSON)
public interface RegisteredApi {

    @GET
    @Path("/echo")
    ReferenceApi.Echo echo();
}
