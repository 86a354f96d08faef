package dev.httpcon.config;

import java.util.Objects;

/**
 * An HTTP proxy: the original's {@code httpproxy} and {@code httpproxyport}. Requests to http URLs
 * go through it in absolute form; https URLs are tunnelled with CONNECT.
 */
public record ProxySettings(String host, int port) {
    public ProxySettings {
        Objects.requireNonNull(host, "proxy host must be set");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 1..65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
