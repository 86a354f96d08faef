package dev.httpcon.it.restclient;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.httpcon.HttpCon;
import dev.httpcon.it.support.DeploymentFailure;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.testing.ReferenceApi;
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
 * An Arquillian deployment whose bean asks for a typed client of an undefined connection does not
 * deploy: HTTPCON-002, naming the connection asked for, where, and the ones that are defined, and
 * not HTTPCON-004 (the interface is a valid one).
 */
@ExtendWith(ArquillianExtension.class)
class UnknownRestClientNameArquillianIT {

    private static final String NAME = "unknown-rest-client-name";

    /** Asks for a typed client of a connection the deployment does not define. */
    @ApplicationScoped
    public static class Consumer {
        @Inject
        @HttpCon("payments")
        ReferenceApi api;
    }

    @Deployment(name = NAME, managed = false)
    static JavaArchive deployment() {
        return Deployments.archive(NAME, "httpclient.httpcon=billing=>http://127.0.0.1:1/v1\n", Consumer.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    @RunAsClient
    void deploymentIsRefusedNamingTheConnectionAndThePoint() {
        DeploymentFailure failure = DeploymentFailure.of(deployer, NAME).assertDefinitionErrorMentioning("HTTPCON-002",
                "'payments'", Consumer.class.getName() + ".api", "billing");
        assertFalse(failure.messages().contains("HTTPCON-004"), failure.messages());
    }
}
