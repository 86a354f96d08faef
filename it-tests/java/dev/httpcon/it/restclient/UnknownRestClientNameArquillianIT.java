package dev.httpcon.it.restclient;

import dev.httpcon.HttpCon;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.testing.ReferenceApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Arquillian deployment whose bean asks for a typed client of an undefined connection does not
 * deploy (HTTPCON-002, checked in {@link TypedClientDefinitionErrorsIT}).
 */
@ExtendWith(ArquillianExtension.class)
class UnknownRestClientNameArquillianIT {

    /** Asks for a typed client of a connection the deployment does not define. */
    @ApplicationScoped
    public static class Consumer {
        @Inject
        @HttpCon("payments")
        ReferenceApi api;
    }

    @Deployment
    @ShouldThrowException(DefinitionException.class)
    static JavaArchive deployment() {
        return Deployments.archive("unknown-rest-client-name", "httpclient.httpcon=billing=>http://127.0.0.1:1/v1\n",
                Consumer.class);
    }

    @Test
    void deploymentIsRefused() {
        // Arquillian fails this class unless deploying threw DefinitionException.
    }
}
