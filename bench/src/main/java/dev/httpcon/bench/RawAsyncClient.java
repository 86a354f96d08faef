package dev.httpcon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Raw Apache HttpClient 5 async transport, set up as {@link RawClient} sets up the classic one
 * (the same pool bounds, idle check, TCP_NODELAY, no retries, redirects, cookies, compression, auth
 * cache or connection state, the same two request headers), used from blocking threads in one of
 * two ways:
 * <ul>
 *   <li>{@code CLASSIC_OVER_ASYNC} (subject {@code f}): HttpClient's own classic facade over the async
 *       transport ({@code HttpAsyncClients.classic}, experimental since 5.5): InputStream and
 *       OutputStream bridged to the I/O reactor;</li>
 *   <li>{@code FUTURE} (subject {@code g}): a buffered async exchange ({@code SimpleHttpRequest},
 *       the whole body in memory) and {@code Future.get()}: what a blocking call over an async engine
 *       costs without the stream bridge.</li>
 * </ul>
 * Both over HTTP/1.1 only (the classic transport's protocol), so the comparison is about the
 * transport, not the protocol.
 */
final class RawAsyncClient implements Subject, AutoCloseable {

    enum Mode { CLASSIC_OVER_ASYNC, FUTURE }

    private static final Timeout TIMEOUT = Timeout.ofSeconds(4);

    private final CloseableHttpAsyncClient async;
    private final CloseableHttpClient classic;
    private final URI uri;
    private final boolean keep;
    private final String userAgent;
    private final int expectedLength;
    private final Mode mode;

    @SuppressWarnings("deprecation") // the connect timeout on RequestConfig, as RawClient sets it
    RawAsyncClient(Mode mode, URI uri, boolean keep, SSLContext tls, String userAgent, int expectedLength) {
        this.mode = mode;
        this.uri = uri;
        this.keep = keep;
        this.userAgent = userAgent;
        this.expectedLength = expectedLength;
        PoolingAsyncClientConnectionManagerBuilder pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(64)
                .setMaxConnTotal(256)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setConnectTimeout(TIMEOUT)
                        .build())
                .setDefaultTlsConfig(org.apache.hc.client5.http.config.TlsConfig.custom()
                        .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build());
        if (tls != null) {
            pool.setTlsStrategy(new DefaultClientTlsStrategy(tls, null, null, null,
                    HostnameVerificationPolicy.CLIENT, new DefaultHostnameVerifier()));
        }
        this.async = HttpAsyncClients.custom()
                .setConnectionManager(pool.build())
                .setIOReactorConfig(IOReactorConfig.custom().setTcpNoDelay(true).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
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
        async.start();
        this.classic = mode == Mode.CLASSIC_OVER_ASYNC ? HttpAsyncClients.classic(async, TIMEOUT) : null;
    }

    @Override
    public boolean call() throws IOException, InterruptedException, ExecutionException {
        if (mode == Mode.CLASSIC_OVER_ASYNC) {
            HttpGet get = new HttpGet(uri);
            get.addHeader("User-Agent", userAgent);
            get.addHeader("Accept", "*/*");
            if (!keep) {
                get.addHeader("Connection", "close");
            }
            return classic.execute(get, response -> {
                byte[] body;
                if (response.getEntity() == null) {
                    body = new byte[0];
                } else {
                    try (InputStream in = response.getEntity().getContent()) {
                        body = in.readAllBytes();
                    }
                }
                return response.getCode() == 200 && body.length == expectedLength;
            });
        }
        SimpleRequestBuilder b = SimpleRequestBuilder.get(uri).setVersion(HttpVersion.HTTP_1_1)
                .addHeader("User-Agent", userAgent).addHeader("Accept", "*/*");
        if (!keep) {
            b.addHeader("Connection", "close");
        }
        SimpleHttpRequest request = b.build();
        Future<SimpleHttpResponse> f = async.execute(SimpleRequestProducer.create(request),
                SimpleResponseConsumer.create(), null);
        SimpleHttpResponse response = f.get();
        return response.getCode() == 200 && response.getBodyBytes() != null
                && response.getBodyBytes().length == expectedLength;
    }

    /**
     * One buffered exchange without waiting: what an asynchronous caller writes by hand (the
     * {@code async} command's raw subject). Completes with whether it got 200 and the whole body.
     */
    java.util.concurrent.CompletableFuture<Boolean> callAsync() {
        java.util.concurrent.CompletableFuture<Boolean> done = new java.util.concurrent.CompletableFuture<>();
        SimpleHttpRequest request = SimpleRequestBuilder.get(uri).setVersion(HttpVersion.HTTP_1_1)
                .addHeader("User-Agent", userAgent).addHeader("Accept", "*/*").build();
        async.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(), null,
                new org.apache.hc.core5.concurrent.FutureCallback<SimpleHttpResponse>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        done.complete(response.getCode() == 200 && response.getBodyBytes() != null
                                && response.getBodyBytes().length == expectedLength);
                    }

                    @Override
                    public void failed(Exception e) {
                        done.complete(false);
                    }

                    @Override
                    public void cancelled() {
                        done.complete(false);
                    }
                });
        return done;
    }

    @Override
    public void close() {
        async.close(CloseMode.GRACEFUL);
    }
}
