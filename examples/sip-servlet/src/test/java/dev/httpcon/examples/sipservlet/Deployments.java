package dev.httpcon.examples.sipservlet;

import dev.httpcon.cdi.HttpConExtension;
import dev.httpcon.examples.routing.SipAnswer;
import jakarta.enterprise.inject.spi.Extension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The servlet's archive as a SIP application would ship it: its classes, a
 * {@code META-INF/microprofile-config.properties} with the routing connections, and httpcon's
 * extension. httpcon itself comes from the class path, like a jar in the application's library
 * folder (httpcon's own {@code it-tests} use the same pattern).
 */
final class Deployments {

    private Deployments() {
    }

    static JavaArchive servlet(String name, String config) {
        return ShrinkWrap.create(JavaArchive.class, name + ".jar")
                .addClasses(RoutingServlet.class, SipAnswer.class)
                .addAsManifestResource(new StringAsset(config), "microprofile-config.properties")
                .addAsManifestResource(new StringAsset(
                        "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                                + " bean-discovery-mode=\"annotated\"/>"), "beans.xml")
                .addAsServiceProvider(Extension.class, HttpConExtension.class);
    }
}
