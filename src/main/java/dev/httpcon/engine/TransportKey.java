package dev.httpcon.engine;

import dev.httpcon.config.AuthMethod;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.HttpVersion;
import dev.httpcon.config.ProxySettings;
import dev.httpcon.config.TlsSettings;

/**
 * What makes two connections need different HTTP clients: TLS settings, proxy, and whether
 * connections are kept. Connections with equal keys share one client and one pool, so ten
 * thousand definitions that differ only in URL, timeout or credentials cost one client.
 *
 * @param connectionAuthUser set only for NTLM: NTLM authenticates the TCP connection itself, so
 *                           a pooled NTLM connection must never serve another user's requests
 * @param httpVersion        the asynchronous transport offers HTTP/2 (or not) per connection it opens,
 *                           so connections that differ in it cannot share a pool
 */
record TransportKey(TlsSettings tls, ProxySettings proxy, boolean keepConnections, String connectionAuthUser,
                    HttpVersion httpVersion) {

    static TransportKey of(ConnectionSettings c) {
        String ntlmUser = c.authMethods().contains(AuthMethod.NTLM) && c.hasCredentials() ? c.username() : null;
        return new TransportKey(c.tls(), c.proxy(), c.keepConnections(), ntlmUser, c.httpVersion());
    }

    /** A short description for pool statistics: never secrets, never whole certificates. */
    String describe() {
        StringBuilder sb = new StringBuilder(keepConnections ? "kept" : "one-off");
        sb.append(", verify_peer=").append(tls.verifyPeer() ? 1 : 0).append(" verify_host=").append(tls.verifyHost() ? 1 : 0);
        if (tls.caCert() != null) {
            sb.append(", cacert ").append(tls.caCert().declared());
        }
        if (tls.clientCert() != null) {
            sb.append(", client_cert ").append(tls.clientCert().declared());
        }
        if (proxy != null) {
            sb.append(", proxy ").append(proxy);
        }
        if (httpVersion != HttpVersion.HTTP_1_1) {
            sb.append(", http_version=").append(httpVersion);
        }
        if (connectionAuthUser != null) {
            sb.append(", NTLM user ").append(connectionAuthUser);
        }
        return sb.toString();
    }
}
