package dev.httpcon.it.restclient;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Maps a 404 to a checked exception that carries the body. */
public class MissingMapper implements ResponseExceptionMapper<MissingException> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status == 404;
    }

    @Override
    public MissingException toThrowable(Response response) {
        return new MissingException("missing: " + response.readEntity(String.class).trim());
    }
}
