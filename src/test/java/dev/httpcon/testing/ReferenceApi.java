package dev.httpcon.testing;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A typed MicroProfile Rest Client of {@link ReferenceServer}'s endpoints, with the JSON answers as
 * classes (JSON-B). For the typed client tests; connect it to a connection whose base URL is the
 * server's root (or a prefix such as {@code /fail} to see failover).
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ReferenceApi {

    @GET
    @Path("/echo")
    Echo echo(@QueryParam("q") String q, @HeaderParam("X-Trace") String trace);

    @POST
    @Path("/echo")
    Echo post(Payload payload);

    @PUT
    @Path("/echo")
    Echo put(@QueryParam("q") String q, Payload payload);

    @GET
    @Path("/echo")
    CompletionStage<Echo> echoAsync();

    /** Answers after {@code seconds}, without the client holding a thread meanwhile. */
    @GET
    @Path("/slow")
    @Produces(MediaType.TEXT_PLAIN)
    CompletionStage<String> slowAsync(@QueryParam("s") String seconds);

    @GET
    @Path("/status")
    @Produces(MediaType.TEXT_PLAIN)
    CompletionStage<String> statusAsync(@QueryParam("code") int code);

    @GET
    @Path("/json")
    Status json();

    @GET
    @Path("/redir302a")
    Status redirected();

    @GET
    @Path("/backup/{item}")
    Backup backup(@PathParam("item") String item);

    /** Answered by the backup when the connection's base is a failing prefix. */
    @GET
    @Path("/route")
    Backup route();

    @GET
    @Path("/status")
    @Produces(MediaType.TEXT_PLAIN)
    String status(@QueryParam("code") int code);

    @GET
    @Path("/status")
    @Produces(MediaType.TEXT_PLAIN)
    Response statusResponse(@QueryParam("code") int code);

    @GET
    @Path("/digest")
    Auth digest();

    @GET
    @Path("/basic")
    Auth basic();

    @GET
    @Path("/large")
    @Produces(MediaType.TEXT_PLAIN)
    String large(@QueryParam("n") int n);

    @GET
    @Path("/slow")
    @Produces(MediaType.TEXT_PLAIN)
    String slow(@QueryParam("s") double seconds);

    /** The /echo answer. */
    class Echo {
        public String method;
        public String path;
        public String query;
        @JsonbProperty("user_agent")
        public String userAgent;
        @JsonbProperty("content_type")
        public String contentType;
        public String authorization;
        public List<List<String>> headers;
        public String body;
        @JsonbProperty("conn_id")
        public int connection;
        public String sni;
        @JsonbProperty("client_cert")
        public String clientCert;

        /** The first value of a request header as the server saw it, or null. */
        public String header(String name) {
            for (List<String> h : headers) {
                if (h.get(0).equalsIgnoreCase(name)) {
                    return h.get(1);
                }
            }
            return null;
        }
    }

    /** A JSON request body. */
    class Payload {
        public String name;
        public int amount;

        public Payload() {
        }

        public Payload(String name, int amount) {
            this.name = name;
            this.amount = amount;
        }
    }

    /** The /json answer. */
    class Status {
        public String status;
        public int n;
    }

    /** The /backup answer. */
    class Backup {
        @JsonbProperty("served_by")
        public String servedBy;
        public String path;
        public String method;
    }

    /** The /basic and /digest answers. */
    class Auth {
        public String auth;
        public String user;
        public String qop;
    }
}
