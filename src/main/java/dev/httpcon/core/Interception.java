package dev.httpcon.core;

import java.util.List;

/**
 * How a container runs the concerns instead of the core: given an exchange that makes only the
 * attempt, it returns one that runs {@code concerns} (outermost first, at their
 * {@link Concern#position() positions}) around it. The CDI extension implements this with an
 * {@code InterceptionFactory}; without one the core composes in plain Java.
 */
@FunctionalInterface
public interface Interception {

    /**
     * @param target   makes the attempt of each call it is given
     * @param concerns the concerns to run around it, outermost first; never empty
     * @return the exchange to send calls through
     */
    Exchange intercept(Exchange target, List<Concern> concerns);
}
