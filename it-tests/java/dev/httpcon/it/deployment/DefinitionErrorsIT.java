package dev.httpcon.it.deployment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.it.support.WeldSe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of definition error fails the deployment of a real Weld SE container, with one
 * message that names the key, the value and what was expected, and never shows a password.
 */
class DefinitionErrorsIT {

    private static final String SECRET = "s3cr3t-do-not-print";

    /** A bean with no httpcon injection point (Weld SE needs at least one bean to deploy). */
    @ApplicationScoped
    public static class Bystander {
    }

    /** A bean asking for a connection nobody defined. */
    @ApplicationScoped
    public static class NeedsMissing {
        @Inject
        @HttpCon("nosuchcon")
        HttpConnection missing;
    }

    /** A bean asking for a connection without saying which. */
    @ApplicationScoped
    public static class NeedsUnqualified {
        @Inject
        HttpConnection which;
    }

    static Stream<Arguments> cases() {
        String ok = "httpclient.httpcon=good=>http://127.0.0.1:1/x\n";
        return Stream.of(
                Arguments.of("bad scheme", ok + "httpclient.connection.a.url=ftp://127.0.0.1/x\n",
                        List.of("ftp://127.0.0.1/x", "a")),
                Arguments.of("malformed URL", "httpclient.httpcon=a=>http://bad host/x\n",
                        List.of("http://bad host/x")),
                Arguments.of("unknown parameter", "httpclient.httpcon=a=>http://127.0.0.1/x;tiemout=2\n",
                        List.of("tiemout")),
                Arguments.of("bad number", ok + "httpclient.connection.good.maxdatasize=lots\n",
                        List.of("maxdatasize", "lots")),
                Arguments.of("bad boolean", ok + "httpclient.keep_connections=maybe\n",
                        List.of("keep_connections", "maybe")),
                Arguments.of("bad enum", ok + "httpclient.connection.good.tlsversion=TLSv9\n",
                        List.of("tlsversion", "TLSv9")),
                Arguments.of("bad duration", ok + "httpclient.connection.good.timeout=soon\n",
                        List.of("timeout", "soon")),
                Arguments.of("missing certificate file", ok
                        + "httpclient.connection.good.client_cert=/nonexistent/httpcon/client.pem\n"
                        + "httpclient.connection.good.client_key=/nonexistent/httpcon/client.key\n",
                        List.of("client_cert", "/nonexistent/httpcon/client.pem")),
                Arguments.of("failover to an unknown name", "httpclient.httpcon=a=>http://127.0.0.1/x;failover=nosuch\n",
                        List.of("failover", "nosuch")),
                Arguments.of("failover cycle", "httpclient.httpcon=a=>http://127.0.0.1/x;failover=b,"
                        + "b=>http://127.0.0.1/y;failover=a\n", List.of("a", "b")),
                Arguments.of("duplicate name", "httpclient.httpcon=dupe=>http://127.0.0.1/x,dupe=>http://127.0.0.1/y\n",
                        List.of("dupe")),
                Arguments.of("SSLv3", ok + "httpclient.connection.good.tlsversion=SSLv3\n",
                        List.of("tlsversion", "SSLv3")),
                Arguments.of("unknown global key", ok + "httpclient.conection_timeout=2\n",
                        List.of("httpclient.conection_timeout")),
                Arguments.of("password stays secret", "httpclient.httpcon=p=>http://user:" + SECRET
                        + "@127.0.0.1/x;timeout=never\n", List.of("timeout", "never")),
                Arguments.of("several problems at once", ok
                        + "httpclient.connection.good.timeout=soon\n"
                        + "httpclient.connection.good.maxdatasize=-5\n", List.of("soon", "-5")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void invalidDefinitionFailsDeployment(String kind, String config, List<String> mustMention) {
        String message = deploymentFailure(config, Bystander.class);
        assertTrue(message.contains("HTTPCON-001"), () -> "not the validation message: " + message);
        for (String m : mustMention) {
            assertTrue(message.contains(m), () -> kind + ": message does not mention '" + m + "':\n" + message);
        }
        assertFalse(message.contains(SECRET), () -> "password in the message:\n" + message);
    }

    @org.junit.jupiter.api.Test
    void unknownInjectedNameFailsDeploymentNamingThePointAndTheDefinedNames() {
        String message = deploymentFailure("httpclient.httpcon=alpha=>http://127.0.0.1/x,beta=>http://127.0.0.1/y\n",
                NeedsMissing.class);
        assertTrue(message.contains("HTTPCON-002"), message);
        assertTrue(message.contains("nosuchcon"), message);
        assertTrue(message.contains(NeedsMissing.class.getName() + ".missing"), message);
        assertTrue(message.contains("alpha") && message.contains("beta"), message);
    }

    @org.junit.jupiter.api.Test
    void unqualifiedConnectionFailsDeployment() {
        String message = deploymentFailure("httpclient.httpcon=alpha=>http://127.0.0.1/x\n", NeedsUnqualified.class);
        assertTrue(message.contains("HTTPCON-002"), message);
        assertTrue(message.contains(NeedsUnqualified.class.getName() + ".which"), message);
        assertTrue(message.contains("@HttpCon"), message);
    }

    private static String deploymentFailure(String config, Class<?>... beans) {
        return WeldSe.deploymentFailure(config, beans);
    }
}
