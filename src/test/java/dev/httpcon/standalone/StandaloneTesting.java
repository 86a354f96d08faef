package dev.httpcon.standalone;

import dev.httpcon.config.ConfigView;

/**
 * For httpcon's own tests in other packages: a {@link StandaloneHttpCon} over any configuration
 * view (an internal type, so not a public start).
 */
public final class StandaloneTesting {

    private StandaloneTesting() {
    }

    /** {@link StandaloneHttpCon} started from {@code config}, reloading from it. */
    public static StandaloneHttpCon start(ConfigView config) {
        return StandaloneHttpCon.start(config);
    }

    /** {@link StandaloneHttpCon} started from {@code config}, recording to {@code metrics}, reloading from it. */
    public static StandaloneHttpCon start(ConfigView config, dev.httpcon.core.MetricsRecorder metrics) {
        return StandaloneHttpCon.start(config, metrics);
    }

    /** {@link StandaloneHttpCon} on loaded settings, recording to {@code metrics}. */
    public static StandaloneHttpCon start(dev.httpcon.config.HttpConSettings settings,
                                          dev.httpcon.core.MetricsRecorder metrics) {
        return StandaloneHttpCon.start(settings, metrics);
    }

    /** The settings {@code http} has in force. */
    public static dev.httpcon.config.HttpConSettings settings(StandaloneHttpCon http) {
        return http.settings();
    }
}
