package dev.httpcon.config;

/**
 * Reads and validates the whole httpcon configuration. SKELETON: replaced by the configuration work (issue 2).
 */
public final class SettingsLoader {

    private SettingsLoader() {
    }

    /**
     * Reads the globals and every connection (httpcon lines, the INI config_file, per-key properties),
     * validates everything and fails once with every problem.
     *
     * @throws ConfigValidationException listing every problem found
     */
    public static HttpConSettings load(ConfigView config) {
        throw new UnsupportedOperationException("configuration loader not built yet");
    }
}
