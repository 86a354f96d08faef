package dev.httpcon.it.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.ConnectionInfo;
import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpResult;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.testing.ReferenceServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connections from the three definition forms in one deployment: an httpcon line, the INI
 * config_file, and per-key properties, which also override single parameters of the others.
 */
@ExtendWith(ArquillianExtension.class)
class ThreeFormsIT {

    @Deployment
    static JavaArchive deployment() {
        String h = Servers.base();
        Path ini;
        try {
            ini = Files.createTempFile("httpcon-forms", ".cfg");
            Files.writeString(ini, String.join("\n",
                    "# written as for Kamailio's http_client",
                    "[fromini]",
                    "url = " + h + "/ini",
                    "useragent = IniAgent/2.0",
                    "timeout = 3",
                    "http_follow_redirect = no",
                    ""));
            ini.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Deployments.archive("forms", String.join("\n",
                "httpclient.config_file=" + ini.toAbsolutePath(),
                "httpclient.httpcon=fromline=>http://" + ReferenceServer.USER + ":wrong@"
                        + h.substring("http://".length()) + ";timeout=3",
                "httpclient.connection.fromline.password=" + ReferenceServer.PASSWORD,
                "httpclient.connection.fromkeys.url=" + h + "/pfx",
                "httpclient.connection.fromkeys.maxdatasize=10",
                "httpclient.connection.fromini.timeout=4500ms",
                ""));
    }

    @Inject
    @HttpCon("fromline")
    HttpConnection fromLine;

    @Inject
    @HttpCon("fromini")
    HttpConnection fromIni;

    @Inject
    @HttpCon("fromkeys")
    HttpConnection fromKeys;

    @Inject
    HttpConnections connections;

    @Test
    void lineDefinedConnectionWithPasswordOverriddenByKey() {
        HttpResult r = fromLine.get("/basic");
        assertEquals(200, r.code(), "the per-key password replaced the one in the line");
    }

    @Test
    void iniDefinedConnection() {
        HttpResult r = fromIni.get("/redir302a");
        assertEquals(302, r.code(), "http_follow_redirect = no");
        fromIni.get("/echo");
        assertEquals("IniAgent/2.0", Servers.reference().lastRequest().header("User-Agent"));
        assertEquals("/ini/echo", Servers.reference().lastRequest().path());
    }

    @Test
    void keyDefinedConnection() {
        HttpResult r = fromKeys.get("/large?n=1000");
        assertEquals(63, r.code(), "maxdatasize=10 from a per-key property");
        assertEquals(10, r.bodyLength());
    }

    @Test
    void listconShowsAllThreeWithTheirOrigins() {
        Map<String, ConnectionInfo> byName = connections.list().stream()
                .collect(Collectors.toMap(ConnectionInfo::name, Function.identity()));
        assertEquals(3, byName.size(), byName.keySet().toString());
        assertEquals(Duration.ofMillis(4500), byName.get("fromini").timeout(), "per-key override of an INI value");
        assertEquals(Duration.ofSeconds(3), byName.get("fromline").timeout());
        assertEquals("****", byName.get("fromline").password());
        assertEquals(ReferenceServer.USER, byName.get("fromline").username());
        assertTrue(byName.get("fromkeys").url().endsWith("/pfx"));
    }
}
