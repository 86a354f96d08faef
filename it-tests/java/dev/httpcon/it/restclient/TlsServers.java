package dev.httpcon.it.restclient;

import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.TestCerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * HTTPS reference servers for the typed client tests, with certificates from a CA made for this
 * JVM: one server that wants a client certificate from that CA, one that speaks only TLSv1.2. The
 * CA certificate and the client's certificate and key are written as PEM files for the connection
 * settings. Started once, stopped (and the files deleted) when the JVM exits.
 */
final class TlsServers {

    private static TlsServers instance;

    private final ReferenceServer server;
    private final ReferenceServer tls12Only;
    private final Path caFile;
    private final Path clientCertFile;
    private final Path clientKeyFile;

    private TlsServers() throws IOException {
        TestCerts.Ca ca = TestCerts.ca("httpcon typed client CA");
        server = ReferenceServer.builder().tls(ca.server("localhost")).requireClientCert(ca).start();
        tls12Only = ReferenceServer.builder().tls(ca.server("localhost")).protocols("TLSv1.2").start();
        Path dir = Files.createTempDirectory("httpcon-typed-tls");
        caFile = ca.writeCert(dir.resolve("ca.pem"));
        TestCerts.Issued client = ca.client("typed-client");
        clientCertFile = client.writeCert(dir.resolve("client.pem"));
        clientKeyFile = client.writeKey(dir.resolve("client.key"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            tls12Only.close();
            delete(dir);
        }, "typed-tls-stop"));
    }

    static synchronized TlsServers get() {
        if (instance == null) {
            try {
                instance = new TlsServers();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    ReferenceServer server() {
        return server;
    }

    ReferenceServer tls12Only() {
        return tls12Only;
    }

    Path caFile() {
        return caFile;
    }

    Path clientCertFile() {
        return clientCertFile;
    }

    Path clientKeyFile() {
        return clientKeyFile;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
