package dev.httpcon.it.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.management.HttpClientManagement;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** listcon over JMX: every connection with its settings and counts; the password masked. */
@ExtendWith(ArquillianExtension.class)
class ListconJmxIT {

    private static final String PASSWORD = "jmx-secret-p4ss";

    @Deployment
    static JavaArchive deployment() {
        String hostPort = Servers.base().substring("http://".length());
        return Deployments.archive("listcon",
                "httpclient.httpcon=apithree=>http://annabella:" + PASSWORD + "@" + hostPort
                        + "/api/12;timeout=12;failover=apione,apione=>http://" + hostPort + "\n");
    }

    @Inject
    @HttpCon("apione")
    HttpConnection apione;

    @Test
    void listconOperationShowsConnectionsWithPasswordMasked() throws Exception {
        apione.get("/json");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(HttpClientManagement.OBJECT_NAME);
        assertTrue(server.isRegistered(name));

        CompositeData[] rows = (CompositeData[]) server.invoke(name, "listcon", new Object[0], new String[0]);
        Map<String, CompositeData> byName = new HashMap<>();
        for (CompositeData row : rows) {
            byName.put((String) row.get("name"), row);
        }
        CompositeData three = byName.get("apithree");
        assertNotNull(three);
        assertEquals("http", three.get("scheme"));
        assertEquals("annabella", three.get("username"));
        assertEquals("****", three.get("password"));
        assertEquals("apione", three.get("failover"));
        assertEquals(12_000L, three.get("timeoutMillis"));
        assertFalse(((String) three.get("url")).contains("annabella"), "no credentials in the URL");
        assertEquals(1L, byName.get("apione").get("ok"));

        String text = (String) server.invoke(name, "listconText", new Object[0], new String[0]);
        assertTrue(text.contains("apithree"), text);
        StringBuilder everything = new StringBuilder(text);
        for (CompositeData row : rows) {
            for (Object v : row.values()) {
                everything.append(v).append(' ');
            }
        }
        assertFalse(everything.toString().contains(PASSWORD), "the password leaked: " + everything);
        assertEquals(2, server.getAttribute(name, "Connections"));
    }
}
