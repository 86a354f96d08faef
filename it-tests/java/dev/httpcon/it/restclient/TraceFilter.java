package dev.httpcon.it.restclient;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** An application's own request filter: it runs before httpcon's, so its header is sent. */
public class TraceFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext ctx) {
        ctx.getHeaders().add("X-Trace", "from-filter");
    }
}
