package dev.httpcon.config;

import static dev.httpcon.config.Load.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.httpcon.testing.TestCerts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TlsSettings are shared: the engine keeps one HTTP client per distinct transport profile, so
 * thousands of connections must not make thousands of profiles, nor read a shared file each time.
 */
class SharingTest {

    @TempDir
    Path dir;

    @Test
    void connectionsThatSetNothingTlsRelatedUseTheGlobalInstance() throws IOException {
        TestCerts.ca("CA").writeCert(dir.resolve("ca.pem"));
        HttpConSettings s = ok("httpclient.cacert", dir.resolve("ca.pem").toString(), "httpclient.verify_host", "0",
                "httpclient.httpcon", "a=>https://h;timeout=3,b=>https://h;useragent=x,same=>https://h;verify_host=off");
        assertSame(s.globals().tls(), s.connection("a").tls());
        assertSame(s.globals().tls(), s.connection("b").tls());
        assertSame(s.globals().tls(), s.connection("same").tls(), "an override equal to the global changes nothing");
    }

    @Test
    void equalOverridesShareOneInstanceAndDifferentOnesDoNot() throws IOException {
        TestCerts.ca("CA").writeCert(dir.resolve("ca.pem"));
        String ca = dir.resolve("ca.pem").toString();
        HttpConSettings s = ok("httpclient.httpcon", "a=>https://h;cacert=" + ca + ";tlsversion=6,"
                + "b=>https://h;tlsversion=TLSv1.2;cacert=" + ca + ",c=>https://h;tlsversion=7;cacert=" + ca);
        assertSame(s.connection("a").tls(), s.connection("b").tls());
        assertNotSame(s.connection("a").tls(), s.connection("c").tls());
        assertSame(s.connection("a").tls().trusted(), s.connection("c").tls().trusted(), "the CA file was read once");
    }

    @Test
    void tenThousandDefinitionsReadTheirSharedFilesOnce() throws IOException {
        TestCerts.Ca ca = TestCerts.ca("CA");
        ca.writeCert(dir.resolve("ca.pem"));
        TestCerts.Issued client = ca.client("client");
        client.writeCert(dir.resolve("client.pem"));
        client.writeKey(dir.resolve("client.key"));
        StringBuilder ini = new StringBuilder();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            ini.append("[ini").append(i).append("]\nurl = https://h").append(i % 7).append(".example.com/api\n")
                    .append("cacert = ca.pem\nclient_cert = client.pem\nclient_key = client.key\ntimeout = ")
                    .append(1 + i % 5).append("\nfailover = ini").append((i + 1) % 5000 == 0 ? "last" : i + 1).append('\n');
            lines.append(i == 0 ? "" : ",").append("line").append(i).append("=>http://u:p@h.example.com/").append(i)
                    .append(";timeout=2s");
        }
        ini.append("[inilast]\nurl = https://last.example.com\ncacert = ca.pem\nclient_cert = client.pem\n"
                + "client_key = client.key\n");
        Files.writeString(dir.resolve("many.cfg"), ini);
        // How long loading takes is measured in bench/ (the boot of 10,000 definitions), not here.
        HttpConSettings s = ok("httpclient.config_file", dir.resolve("many.cfg").toString(),
                "httpclient.httpcon", lines.toString());

        assertEquals(10_001, s.connections().size());
        TlsSettings shared = s.connection("ini0").tls();
        for (ConnectionSettings c : s.connections().values()) {
            if (c.name().startsWith("ini")) {
                assertSame(shared, c.tls(), c.name());
            } else {
                assertSame(s.globals().tls(), c.tls(), c.name());
            }
        }
        assertEquals(List.of(ca.cert()), shared.trusted());
    }
}
