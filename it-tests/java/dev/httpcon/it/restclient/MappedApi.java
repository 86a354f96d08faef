package dev.httpcon.it.restclient;

import dev.httpcon.testing.ReferenceApi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * A typed client with its own providers: a ResponseExceptionMapper for 404, a request filter and a
 * client header. They run as they would without httpcon.
 */
@RegisterProvider(MissingMapper.class)
@RegisterProvider(TraceFilter.class)
@ClientHeaderParam(name = "X-Client", value = "mapped-api")
public interface MappedApi {

    @GET
    @Path("/status")
    @Produces(MediaType.TEXT_PLAIN)
    String status(@QueryParam("code") int code) throws MissingException;

    @GET
    @Path("/echo")
    @Produces(MediaType.APPLICATION_JSON)
    ReferenceApi.Echo echo();
}
