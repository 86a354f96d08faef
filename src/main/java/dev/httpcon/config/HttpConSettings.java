package dev.httpcon.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole validated configuration: the globals, every connection by name, in definition order,
 * and how the configuration is read again ({@link ReloadSettings}). Built by {@link SettingsLoader}
 * at deployment and at each reload; immutable.
 */
public record HttpConSettings(GlobalSettings globals, Map<String, ConnectionSettings> connections,
                              ReloadSettings reload) {

    public HttpConSettings {
        Objects.requireNonNull(globals, "globals must be set");
        connections = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(connections, "connections must be set")));
        Objects.requireNonNull(reload, "reload must be set");
    }

    /** Settings that are never reloaded on a timer nor read from ZooKeeper. */
    public HttpConSettings(GlobalSettings globals, Map<String, ConnectionSettings> connections) {
        this(globals, connections, ReloadSettings.NONE);
    }

    /**
     * Every file this configuration was read from besides MicroProfile Config itself: the
     * {@code config_file} and each certificate, key and CA file, as located (an absolute path, or
     * the URL of a classpath resource), without duplicates. A reload watches those that are files.
     */
    public java.util.Set<String> files() {
        java.util.Set<String> files = new java.util.LinkedHashSet<>();
        if (globals.configFile() != null) {
            files.add(globals.configFile());
        }
        addFiles(globals.tls(), files);
        for (ConnectionSettings c : connections.values()) {
            if (c.tls() != globals.tls()) {
                addFiles(c.tls(), files);
            }
        }
        return files;
    }

    private static void addFiles(TlsSettings tls, java.util.Set<String> files) {
        for (PemSource s : new PemSource[] {tls.caCert(), tls.clientCert(), tls.clientKey()}) {
            if (s != null) {
                files.add(s.location());
            }
        }
    }

    /** The connection with this name, or {@code null}. */
    public ConnectionSettings connection(String name) {
        return connections.get(name);
    }
}
