package dev.httpcon.engine;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.HttpConSettings;
import java.util.Objects;

/**
 * Sends requests with Apache HttpClient 5, doing for one connection and one request what libcurl
 * does for the original module. SKELETON: replaced by the engine work (issue 2).
 */
public final class HttpEngine implements AutoCloseable {

    private final HttpConSettings settings;

    public HttpEngine(HttpConSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings must be set");
    }

    /** One attempt of {@code request} on {@code connection}. Never throws for network or server trouble. */
    public HttpResult execute(ConnectionSettings connection, HttpRequest request) {
        throw new UnsupportedOperationException("engine not built yet");
    }

    /**
     * The original's {@code http_client_query(url, [post], [hdrs])} with the global settings: a GET,
     * or a POST when {@code postData} is not null; {@code headerLines} are raw header lines
     * separated by CRLF (or null). Invalid arguments give code -1 and send nothing.
     */
    public HttpResult query(String url, String postData, String headerLines) {
        throw new UnsupportedOperationException("engine not built yet");
    }

    public HttpConSettings settings() {
        return settings;
    }

    @Override
    public void close() {
    }
}
