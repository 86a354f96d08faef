package dev.httpcon.it.deployment;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
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
 * An Arquillian deployment whose bean asks for an undefined connection does not deploy: the extension reports it as a definition error. (The
 * message itself is checked in {@link DefinitionErrorsIT}, where the exception can be read.)
 */
@ExtendWith(ArquillianExtension.class)
class UnknownNameArquillianIT {

    /** Asks for a connection the deployment does not define. */
    @ApplicationScoped
    public static class Billing {
        @Inject
        @HttpCon("billing")
        HttpConnection billing;
    }

    @Deployment
    @ShouldThrowException(DefinitionException.class)
    static JavaArchive deployment() {
        return Deployments.archive("unknown-name", "httpclient.httpcon=orders=>http://127.0.0.1:1/x\n", Billing.class);
    }

    @Test
    void deploymentIsRefused() {
        // Arquillian fails this class unless deploying threw DefinitionException.
    }
}
