package dev.httpcon.it.restclient;

import dev.httpcon.HttpCon;
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
 * An Arquillian deployment whose bean asks for a typed client of an interface that is not a Rest
 * Client interface does not deploy: HTTPCON-004, naming the interface, the connection, the
 * injection point and why. (The other invalid interfaces are in {@link TypedClientDefinitionErrorsIT}.)
 */
@ExtendWith(ArquillianExtension.class)
class InvalidRestClientArquillianIT {

    private static final String NAME = "invalid-rest-client";

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

    @Deployment(name = NAME, managed = false)
    static JavaArchive deployment() {
        return Deployments.archive(NAME, "httpclient.httpcon=billing=>http://127.0.0.1:1/v1\n",
                Consumer.class, NotRest.class);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    @RunAsClient
    void deploymentIsRefusedNamingTheInterfaceAndWhy() {
        DeploymentFailure.of(deployer, NAME).assertDefinitionErrorMentioning("HTTPCON-004", NotRest.class.getName(),
                "'billing'", Consumer.class.getName() + ".api", "has no method with an HTTP method annotation");
    }
}
