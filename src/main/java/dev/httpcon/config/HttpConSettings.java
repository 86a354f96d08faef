package dev.httpcon.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole validated configuration: the globals and every connection by name, in definition order.
 * Built once at deployment by {@link SettingsLoader}; immutable.
 */
public record HttpConSettings(GlobalSettings globals, Map<String, ConnectionSettings> connections) {

    public HttpConSettings {
        Objects.requireNonNull(globals, "globals must be set");
        connections = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(connections, "connections must be set")));
    }

    /** The connection with this name, or {@code null}. */
    public ConnectionSettings connection(String name) {
        return connections.get(name);
    }
}
