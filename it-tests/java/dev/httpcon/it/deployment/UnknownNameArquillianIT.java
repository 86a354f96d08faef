package dev.httpcon.it.deployment;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.it.support.DeploymentFailure;
import dev.httpcon.it.support.Deployments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Arquillian deployment whose bean asks for an undefined connection does not deploy: the
 * extension reports it as a definition error naming the connection asked for, where, and the ones
 * that are defined. (Every other definition error is in {@link DefinitionErrorsIT}, on Weld SE.)
 */
@ExtendWith(ArquillianExtension.class)
class UnknownNameArquillianIT {

    private static final String NAME = "unknown-name";

    /** Asks for a connection the deployment does not define. */
    @ApplicationScoped
    public static class Billing {
        @Inject
        @HttpCon("billing")
        HttpConnection billing;
    }

    @Deployment(name = NAME, managed = false)
    static JavaArchive deployment() {
        return Deployments.archive(NAME, "httpclient.httpcon=orders=>http://127.0.0.1:1/x\n", Billing.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    @RunAsClient
    void deploymentIsRefusedNamingTheConnectionAndThePoint() {
        DeploymentFailure.of(deployer, NAME).assertDefinitionErrorMentioning("HTTPCON-002", "'billing'",
                Billing.class.getName() + ".billing", "orders");
    }
}
