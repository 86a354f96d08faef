package dev.httpcon.it.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpCon;
import dev.httpcon.HttpConTransportException;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.testing.ReferenceApi;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.TestProxy;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection's security and network settings apply to a typed client: Basic and Digest credentials, TLS
 * with a test-generated CA (trust, client certificate, host name verification, minimum version)
 * and an HTTP proxy.
 */
@ExtendWith(ArquillianExtension.class)
class TypedClientSecurityIT {

    private static final String API = ReferenceApi.class.getName();
    private static TestProxy proxy;

    @Deployment
    static JavaArchive deployment() {
        String h = Servers.base();
        TlsServers tls = TlsServers.get();
        proxy = TestProxy.start();
        String clientTls = ";cacert=" + tls.caFile() + ";client_cert=" + tls.clientCertFile()
                + ";client_key=" + tls.clientKeyFile();
        String names = "basic,digest,wrongpass,tls,untrusted,byip,byip_noverify,tls13,proxied";
        StringBuilder restClients = new StringBuilder();
        for (String n : names.split(",")) {
            restClients.append("httpclient.connection.").append(n).append(".rest-clients=").append(API).append('\n');
        }
        return Deployments.archive("typed-client-security", String.join("\n",
                "httpclient.httpcon=basic=>" + h + ";username=" + ReferenceServer.USER + ";password="
                        + ReferenceServer.PASSWORD + ";authmethod=1,"
                        + "digest=>" + h + ";username=" + ReferenceServer.USER + ";password="
                        + ReferenceServer.PASSWORD + ";authmethod=2,"
                        + "wrongpass=>" + h + ";username=" + ReferenceServer.USER + ";password=nope;authmethod=2,"
                        + "tls=>https://localhost:" + tls.server().port() + clientTls + ","
                        + "untrusted=>https://localhost:" + tls.server().port() + ";client_cert="
                        + tls.clientCertFile() + ";client_key=" + tls.clientKeyFile() + ","
                        + "byip=>https://127.0.0.1:" + tls.server().port() + clientTls + ","
                        + "byip_noverify=>https://127.0.0.1:" + tls.server().port() + clientTls + ";verify_host=0,"
                        + "tls13=>https://localhost:" + tls.tls12Only().port() + clientTls + ";tlsversion=TLSv1.3,"
                        + "proxied=>" + h + ";httpproxy=127.0.0.1;httpproxyport=" + proxy.port(),
                restClients.toString()));
    }

    @Inject
    @HttpCon("basic")
    ReferenceApi basic;

    @Inject
    @HttpCon("digest")
    ReferenceApi digest;

    @Inject
    @HttpCon("wrongpass")
    ReferenceApi wrongPassword;

    @Inject
    @HttpCon("tls")
    ReferenceApi tls;

    @Inject
    @HttpCon("untrusted")
    ReferenceApi untrusted;

    @Inject
    @HttpCon("byip")
    ReferenceApi byIp;

    @Inject
    @HttpCon("byip_noverify")
    ReferenceApi byIpNoVerify;

    @Inject
    @HttpCon("tls13")
    ReferenceApi tls13;

    @Inject
    @HttpCon("proxied")
    ReferenceApi proxied;

    @Test
    void basicCredentials() {
        ReferenceApi.Auth a = basic.basic();
        assertEquals("basic", a.auth);
        assertEquals(ReferenceServer.USER, a.user);
    }

    @Test
    void digestCredentialsAnswerTheChallenge() {
        ReferenceApi.Auth a = digest.digest();
        assertEquals("digest", a.auth);
        assertEquals(ReferenceServer.USER, a.user);
        assertEquals("auth", a.qop);
        WebApplicationException e = assertThrows(WebApplicationException.class, () -> wrongPassword.digest());
        assertEquals(401, e.getResponse().getStatus());
    }

    @Test
    void tlsWithTheConnectionsCaAndClientCertificate() {
        ReferenceApi.Echo e = tls.echo("secure", null);
        assertEquals("localhost", e.sni);
        assertTrue(e.clientCert.contains("CN=typed-client"), e.clientCert);
    }

    @Test
    void untrustedServerIsCode60() {
        assertEquals(CurlError.PEER_FAILED_VERIFICATION, transportError(() -> untrusted.json()));
    }

    @Test
    void hostNameIsVerifiedUnlessTurnedOff() {
        assertEquals(CurlError.PEER_FAILED_VERIFICATION, transportError(() -> byIp.json()),
                "the certificate names localhost, not 127.0.0.1");
        assertEquals("ok", byIpNoVerify.json().status);
    }

    @Test
    void minimumTlsVersionIsEnforced() {
        assertEquals(CurlError.SSL_CONNECT_ERROR, transportError(() -> tls13.json()),
                "the server speaks TLSv1.2 only");
    }

    @Test
    void proxyCarriesTheRequest() {
        ReferenceApi.Echo e = proxied.echo("via", null);
        assertEquals("q=via", e.query);
        assertTrue(proxy.requestLines().contains("GET " + Servers.base() + "/echo?q=via HTTP/1.1"),
                proxy.requestLines()::toString);
    }

    private static CurlError transportError(org.junit.jupiter.api.function.Executable call) {
        ProcessingException p = assertThrows(ProcessingException.class, call);
        return assertInstanceOf(HttpConTransportException.class, p.getCause(), p::toString).error();
    }
}
