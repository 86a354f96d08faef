package dev.httpcon.config;

import static dev.httpcon.config.Load.failing;
import static dev.httpcon.config.Load.ok;
import static dev.httpcon.config.Load.problemAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.testing.TestCerts;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where relative file names lead: working directory, absolute, classpath, config_dir, the config_file's directory. */
class FileResolutionTest {

    private static TestCerts.Ca ca;
    private static TestCerts.Ca otherCa;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() {
        ca = TestCerts.ca("Resolution CA");
        otherCa = TestCerts.ca("Other CA");
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void dotNamesAreRelativeToTheWorkingDirectory() throws IOException {
        // Maven runs tests in the project directory; target/ is the place a test may write there.
        Path local = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cwd-");
        try {
            ca.writeCert(local.resolve("ca.pem"));
            String name = "./target/" + local.getFileName() + "/ca.pem";
            HttpConSettings s = ok("httpclient.cacert", name, "httpclient.config_dir", dir.toString());
            assertEquals(List.of(ca.cert()), s.globals().tls().trusted());
            assertEquals(local.resolve("ca.pem").toString(), s.globals().tls().caCert().location());
            assertEquals(name, s.globals().tls().caCert().declared());
        } finally {
            Files.deleteIfExists(local.resolve("ca.pem"));
            Files.delete(local);
        }
    }

    @Test
    void plainNamesAreRelativeToConfigDir() throws IOException {
        Files.createDirectories(dir.resolve("certs"));
        ca.writeCert(dir.resolve("certs/ca.pem"));
        HttpConSettings s = ok("httpclient.config_dir", dir.toString(), "httpclient.cacert", "certs/ca.pem");
        assertEquals(dir.resolve("certs/ca.pem").toString(), s.globals().tls().caCert().location());
    }

    @Test
    void byDefaultPlainNamesAreRelativeToTheConfigFilesDirectory() throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        ca.writeCert(etc.resolve("ca.pem"));
        Files.writeString(etc.resolve("http.cfg"), "[a]\nurl = https://h\n");
        HttpConSettings s = ok("httpclient.config_file", etc.resolve("http.cfg").toString(), "httpclient.cacert", "ca.pem");
        assertEquals(etc.resolve("ca.pem").toString(), s.connection("a").tls().caCert().location());
    }

    @Test
    void theConfigFileItselfIsFoundInConfigDir() throws IOException {
        Files.writeString(dir.resolve("http.cfg"), "[a]\nurl = https://h\n");
        HttpConSettings s = ok("httpclient.config_dir", dir.toString(), "httpclient.config_file", "http.cfg");
        assertEquals(dir.resolve("http.cfg").toString(), s.globals().configFile());
    }

    @Test
    void aClasspathResourceComesBeforeConfigDir() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes/tls"));
        ca.writeCert(classes.resolve("ca.pem"));
        Path configDir = Files.createDirectories(dir.resolve("conf/tls"));
        otherCa.writeCert(configDir.resolve("ca.pem"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null)) {
            HttpConSettings s = withContextClassLoader(loader, () -> ok(
                    "httpclient.config_dir", dir.resolve("conf").toString(), "httpclient.cacert", "tls/ca.pem"));
            assertEquals(List.of(ca.cert()), s.globals().tls().trusted());
            assertEquals(classes.resolve("ca.pem").toUri().toURL().toString(), s.globals().tls().caCert().location());
        }
        HttpConSettings withoutResource = ok("httpclient.config_dir", dir.resolve("conf").toString(),
                "httpclient.cacert", "tls/ca.pem");
        assertEquals(List.of(otherCa.cert()), withoutResource.globals().tls().trusted());
    }

    @Test
    void aConfigFileOnTheClasspathIsRead() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(classes.resolve("connections.cfg"), "[cp]\nurl = http://h\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            HttpConSettings s = withContextClassLoader(loader, () -> ok("httpclient.config_file", "connections.cfg"));
            assertEquals("http://h", s.connection("cp").url().toString());
            assertEquals(classes.resolve("connections.cfg").toUri().toURL().toString(), s.globals().configFile());
        }
    }

    @Test
    void aMissingFileSaysWhereItWasLookedFor() {
        ConfigValidationException e = failing("httpclient.config_dir", dir.toString(), "httpclient.cacert", "nope.pem",
                "httpclient.client_cert", "./nope.pem", "httpclient.client_key", "/nope/key.pem");
        assertEquals("file not found: " + dir.resolve("nope.pem") + " (no classpath resource of that name either; other "
                + "names are relative to httpclient.config_dir " + dir + ")", problemAt(e, "httpclient.cacert").expected());
        assertTrue(problemAt(e, "httpclient.client_cert").expected().endsWith(
                "(names starting with '.' are relative to the working directory " + Path.of("").toAbsolutePath() + ")"));
        assertEquals("file not found: /nope/key.pem (an absolute name)", problemAt(e, "httpclient.client_key").expected());
    }

    /**
     * "Next to the config_file" holds for a config file packed in a jar too: the names it writes are
     * looked for beside it on the classpath ({@code httpcon/tls/ca.pem} for {@code tls/ca.pem} in
     * {@code httpcon/connections.cfg}). Before, they were looked for at the classpath root and in
     * the working directory only.
     */
    @Test
    void namesInAConfigFileInAJarAreFoundBesideIt() throws IOException {
        TestCerts.Issued client = ca.client("jar client");
        Path jar = dir.resolve("app.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "httpcon/connections.cfg", "[packed]\nurl = https://h\ncacert = tls/ca.pem\n"
                    + "client_cert = tls/client.pem\nclient_key = tls/client.key\n");
            entry(out, "httpcon/tls/ca.pem", Files.readString(ca.writeCert(dir.resolve("ca.pem"))));
            entry(out, "httpcon/tls/client.pem", Files.readString(client.writeCert(dir.resolve("client.pem"))));
            entry(out, "httpcon/tls/client.key", Files.readString(client.writeKey(dir.resolve("client.key"))));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            HttpConSettings s = withContextClassLoader(loader, () -> ok("httpclient.config_file",
                    "httpcon/connections.cfg"));
            TlsSettings tls = s.connection("packed").tls();
            assertEquals(List.of(ca.cert()), tls.trusted());
            assertTrue(tls.caCert().location().startsWith("jar:file:") && tls.caCert().location()
                    .endsWith("!/httpcon/tls/ca.pem"), tls.caCert().location());
            assertEquals("tls/client.pem", tls.clientCert().declared());

            ConfigValidationException e = withContextClassLoader(loader, () -> failing("httpclient.config_file",
                    "httpcon/connections.cfg", "httpclient.connection.packed.cacert", "tls/missing.pem"));
            assertTrue(problemAt(e, "httpclient.connection.packed.cacert").expected().contains(
                    "no classpath resource of that name at the root or next to the config_file (httpcon/tls/missing.pem)"),
                    e.getMessage());
        }
    }

    private static void entry(java.util.jar.JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new java.util.jar.JarEntry(name));
        out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
