package dev.httpcon.it.deployment;

import dev.httpcon.it.support.DeploymentFailure;
import dev.httpcon.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Arquillian deployment with an invalid definition (a failover cycle) does not deploy: the
 * extension reports it as a definition error that names the key, its value and the cycle.
 */
@ExtendWith(ArquillianExtension.class)
class InvalidConfigArquillianIT {

    private static final String NAME = "invalid-config";

    @Deployment(name = NAME, managed = false)
    static JavaArchive deployment() {
        return Deployments.archive(NAME,
                "httpclient.httpcon=a=>http://127.0.0.1:1/x;failover=b,b=>http://127.0.0.1:1/y;failover=a\n");
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    @RunAsClient
    void deploymentIsRefusedNamingTheCycle() {
        DeploymentFailure.of(deployer, NAME).assertDefinitionErrorMentioning("HTTPCON-001",
                "httpclient.httpcon[0] (a) failover = 'b'", "failover cycle a -> b -> a");
    }
}
