package dev.httpcon.it.support;

import dev.httpcon.cdi.HttpConExtension;
import jakarta.enterprise.inject.spi.Extension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * Arquillian archives as an application would ship them: its own classes, a
 * {@code META-INF/microprofile-config.properties}, and httpcon's extension. The library classes
 * come from the class path, like a jar in {@code WEB-INF/lib}: they are not in the bean archive,
 * so the interceptors exist once, added by the extension.
 */
public final class Deployments {

    private Deployments() {
    }

    /** An archive with these bean classes and this configuration. */
    public static JavaArchive archive(String name, String config, Class<?>... beans) {
        return ShrinkWrap.create(JavaArchive.class, name + ".jar")
                .addClasses(beans)
                .addAsManifestResource(new StringAsset(config), "microprofile-config.properties")
                .addAsManifestResource(new StringAsset(
                        "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                                + " bean-discovery-mode=\"annotated\"/>"), "beans.xml")
                .addAsServiceProvider(Extension.class, HttpConExtension.class);
    }
}
