package dev.httpcon.cdi;

import dev.httpcon.HttpConnection;
import dev.httpcon.core.Concern;
import dev.httpcon.core.HttpConCore;
import dev.httpcon.core.Stage;
import java.util.Objects;

/**
 * What the interceptors and beans of one deployment share: the core. One per container, made by
 * {@link HttpConExtension} and exposed as a {@code @Singleton} bean for the interceptors.
 */
final class HttpConContext {

    private final HttpConCore core;

    HttpConContext(HttpConCore core) {
        this.core = Objects.requireNonNull(core, "core must be set");
    }

    /** The stage an interceptor adapts. */
    Stage stage(Concern concern) {
        return core.stage(concern);
    }

    /**
     * The connection object of a name defined at deployment: the same one its bean holds, so a
     * typed client sends through the same concerns as an injected connection (and answers as it
     * does once a reload removed the name).
     */
    HttpConnection connection(String name) {
        return core.bound(name);
    }
}
