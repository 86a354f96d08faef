package dev.httpcon.it.restclient;

import dev.httpcon.HttpCon;
import dev.httpcon.it.support.Deployments;
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
 * An Arquillian deployment whose bean asks for a typed client of an interface that is not a Rest
 * Client interface does not deploy. (The message, HTTPCON-004, is checked in
 * {@link TypedClientDefinitionErrorsIT}, where the exception can be read.)
 */
@ExtendWith(ArquillianExtension.class)
class InvalidRestClientArquillianIT {

    /** Not a Rest Client interface. */
    public interface NotRest {
        String hello();
    }

    /** Asks for a typed client of it. */
    @ApplicationScoped
    public static class Consumer {
        @Inject
        @HttpCon("billing")
        NotRest api;
    }

    @Deployment
    @ShouldThrowException(DefinitionException.class)
    static JavaArchive deployment() {
        return Deployments.archive("invalid-rest-client", "httpclient.httpcon=billing=>http://127.0.0.1:1/v1\n",
                Consumer.class, NotRest.class);
    }

    @Test
    void deploymentIsRefused() {
        // Arquillian fails this class unless deploying threw DefinitionException.
    }
}
