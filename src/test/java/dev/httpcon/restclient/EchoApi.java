package dev.httpcon.restclient;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/** A typed client of the reference server's endpoints. */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface EchoApi {

    @GET
    @Path("/echo")
    Echo get(@QueryParam("q") String q, @HeaderParam("X-Trace") String trace);

    @GET
    @Path("/backup/{item}")
    String backup(@PathParam("item") String item);

    @POST
    @Path("/echo")
    Echo post(Echo.Payload payload);

    @GET
    @Path("/status")
    String status(@QueryParam("code") int code);

    @GET
    @Path("/status")
    Response statusResponse(@QueryParam("code") int code);

    @GET
    @Path("/echo")
    CompletionStage<Echo> getAsync();
}
