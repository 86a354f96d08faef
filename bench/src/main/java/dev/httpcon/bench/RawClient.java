package dev.httpcon.bench;

import java.io.IOException;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Subject (a): hand-written Apache HttpClient 5 classic code with what httpcon sets up in
 * {@code engine.Transport} and {@code engine.RedirectLoop}: one pooled client (64 per route, 256 in
 * total, the defaults of {@code max_connections_per_host} and {@code max_connections}), idle
 * connections checked after 2 s, TCP_NODELAY, no retries, no redirect handling, no cookies, no
 * compression, no auth cache, no connection state, the same two request headers
 * ({@code User-Agent}, {@code Accept: *}{@code /*}), a 4 s request timeout (httpcon's default
 * {@code connection_timeout}), the same host name check, and the body read to its end.
 *
 * <p>Without keep-alive the hand-written version sends {@code Connection: close} through the same
 * pool: the cheapest way to get a fresh connection per request (httpcon instead builds a one-off
 * client per attempt, as its {@code Transport} documents).
 */
final class RawClient implements Subject, AutoCloseable {

    private static final Timeout TIMEOUT = Timeout.ofSeconds(4);

    private final CloseableHttpClient client;
    private final URI uri;
    private final boolean keep;
    private final String userAgent;
    private final int expectedLength;

    @SuppressWarnings("deprecation") // the connect timeout on RequestConfig, as httpcon sets it
    RawClient(URI uri, boolean keep, SSLContext tls, String userAgent, int expectedLength) {
        this.uri = uri;
        this.keep = keep;
        this.userAgent = userAgent;
        this.expectedLength = expectedLength;
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(64)
                .setMaxConnTotal(256)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setConnectTimeout(TIMEOUT)
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build());
        if (tls != null) {
            pool.setTlsSocketStrategy(new DefaultClientTlsStrategy(tls, null, null, null,
                    HostnameVerificationPolicy.CLIENT, new DefaultHostnameVerifier()));
        }
        this.client = HttpClientBuilder.create()
                .setConnectionManager(pool.build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .disableConnectionState()
                .disableDefaultUserAgent()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(TIMEOUT)
                        .setConnectTimeout(TIMEOUT)
                        .setResponseTimeout(TIMEOUT)
                        .setRedirectsEnabled(false)
                        .setContentCompressionEnabled(false)
                        .setExpectContinueEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .setAuthenticationEnabled(false)
                        .build())
                .build();
    }

    @Override
    public boolean call() throws IOException {
        HttpGet get = new HttpGet(uri);
        get.addHeader("User-Agent", userAgent);
        get.addHeader("Accept", "*/*");
        if (!keep) {
            get.addHeader("Connection", "close");
        }
        return client.execute(get, response -> {
            byte[] body = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            return response.getCode() == 200 && body.length == expectedLength;
        });
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
