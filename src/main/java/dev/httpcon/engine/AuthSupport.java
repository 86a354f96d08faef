package dev.httpcon.engine;

import dev.httpcon.config.AuthMethod;
import dev.httpcon.config.ConnectionSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.Credentials;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.StandardAuthScheme;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Authentication as curl does it for the original module: challenge first (credentials only after
 * a 401 names a scheme the connection allows), except when Basic is the only method allowed:
 * then Basic goes out with the first request. Credentials are given only for the server of the
 * original URL (same scheme, host and port), never to a proxy or a redirect target elsewhere.
 */
final class AuthSupport {

    /** HttpClient's name for NTLM ({@code StandardAuthScheme.NTLM} is deprecated along with NTLM itself). */
    private static final String NTLM = "NTLM";

    private AuthSupport() {
    }

    /** curl sends Basic preemptively when it is the only method allowed (authmethod 1). */
    static boolean preemptiveBasic(ConnectionSettings c) {
        return c.hasCredentials() && c.authMethods().equals(Set.of(AuthMethod.BASIC));
    }

    /** The {@code Authorization} value for preemptive Basic. */
    static String basicHeader(ConnectionSettings c) {
        String pair = c.username() + ":" + (c.password() == null ? "" : c.password().reveal());
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * HttpClient's scheme names for the allowed methods, strongest first (HttpClient answers the
     * first one the server offers). Negotiate is not among them: see docs/engine.md.
     */
    static List<String> schemes(Set<AuthMethod> methods) {
        List<String> s = new ArrayList<>(3);
        if (methods.contains(AuthMethod.NTLM)) {
            s.add(NTLM);
        }
        if (methods.contains(AuthMethod.DIGEST) || methods.contains(AuthMethod.DIGEST_IE)) {
            s.add(StandardAuthScheme.DIGEST);
        }
        if (methods.contains(AuthMethod.BASIC)) {
            s.add(StandardAuthScheme.BASIC);
        }
        return s;
    }

    /** Credentials of {@code c}, given only for the host and port of {@code target}. */
    static CredentialsProvider provider(ConnectionSettings c, URI target) {
        return new TargetOnly(c.username(), c.password() == null ? new char[0] : c.password().reveal().toCharArray(),
                target.getHost(), UrlJoin.port(target));
    }

    private record TargetOnly(String user, char[] password, String host, int port) implements CredentialsProvider {
        @Override
        public Credentials getCredentials(AuthScope scope, HttpContext context) {
            if (scope.getHost() == null || !scope.getHost().equalsIgnoreCase(host) || scope.getPort() != port) {
                return null;   // a proxy or another host asking: not ours to answer
            }
            if (NTLM.equalsIgnoreCase(scope.getSchemeName())) {
                return ntlm(user, password);
            }
            return new UsernamePasswordCredentials(user, password);
        }

        @Override
        public String toString() {
            return "credentials for " + host + ":" + port;
        }
    }

    /** NTLM takes {@code DOMAIN\\user}; the workstation name is left empty. */
    @SuppressWarnings("deprecation") // NTCredentials: NTLM is deprecated in HttpClient 5.6, see docs/engine.md
    private static Credentials ntlm(String user, char[] password) {
        int slash = user.indexOf('\\');
        String domain = slash < 0 ? null : user.substring(0, slash);
        String name = slash < 0 ? user : user.substring(slash + 1);
        return new org.apache.hc.client5.http.auth.NTCredentials(name, password, null, domain);
    }
}
