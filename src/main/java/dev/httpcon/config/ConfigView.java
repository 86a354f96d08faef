package dev.httpcon.config;

import java.util.List;
import java.util.Optional;

/**
 * The little httpcon needs from a configuration source. {@link MpConfigView} adapts MicroProfile
 * Config; {@link MapConfigView} adapts a plain map (plain Java use and tests).
 */
public interface ConfigView {

    /** The value of a key, if set and not empty. */
    Optional<String> value(String key);

    /**
     * The values of a list key: the value split at commas not escaped as {@code \,}, or the
     * indexed keys {@code key[0]}, {@code key[1]}, ... (MicroProfile Config's list semantics).
     */
    List<String> values(String key);

    /**
     * Every key the source can enumerate. Keys that only exist as environment variables may be
     * missing: name such connections in {@code httpclient.connections}.
     */
    Iterable<String> keys();

    /**
     * This configuration read again, for a reload: a view whose values are what the sources hold
     * now. By default the view itself (its values are read live); {@link MpConfigView} re-reads
     * the sources that keep a copy of a file.
     *
     * @throws ConfigValidationException if a source cannot be read again
     */
    default ConfigView refreshed() {
        return this;
    }
}
