package dev.httpcon.it.deployment;

import dev.httpcon.it.support.Deployments;
import jakarta.enterprise.inject.spi.DefinitionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An Arquillian deployment with an invalid definition (a failover cycle) does not deploy: the extension reports it as a definition error. */
@ExtendWith(ArquillianExtension.class)
class InvalidConfigArquillianIT {

    @Deployment
    @ShouldThrowException(DefinitionException.class)
    static JavaArchive deployment() {
        return Deployments.archive("invalid-config",
                "httpclient.httpcon=a=>http://127.0.0.1:1/x;failover=b,b=>http://127.0.0.1:1/y;failover=a\n");
    }

    @Test
    void deploymentIsRefused() {
        // Arquillian fails this class unless deploying threw DefinitionException.
    }
}
