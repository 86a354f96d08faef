package dev.httpcon.it.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcon.HttpCon;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.testing.ReferenceApi;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With the MicroProfile key {@code microprofile.rest.client.disable.default.mapper=true}, a method
 * returning {@link Response} gets error statuses as answers: the Rest Client's own setting works on
 * a typed client. (Methods returning an entity still throw for an error status in RESTEasy, as its
 * own proxies do; the specification leaves that open.)
 */
@ExtendWith(ArquillianExtension.class)
class DefaultMapperDisabledIT {

    @Deployment
    static JavaArchive deployment() {
        return Deployments.archive("default-mapper-disabled", String.join("\n",
                "microprofile.rest.client.disable.default.mapper=true",
                "httpclient.httpcon=api=>" + Servers.base(),
                "httpclient.connection.api.rest-clients=" + ReferenceApi.class.getName(),
                ""));
    }

    @Inject
    @HttpCon("api")
    ReferenceApi api;

    @Test
    void errorStatusesAreReturned() {
        Response r = api.statusResponse(500);
        assertEquals(500, r.getStatus());
        assertEquals("status 500\n", r.readEntity(String.class));
    }
}
