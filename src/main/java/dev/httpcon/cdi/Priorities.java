package dev.httpcon.cdi;

import dev.httpcon.core.Concern;
import jakarta.interceptor.Interceptor;

/**
 * The priorities of httpcon's interceptors: the core's {@link Concern} positions, in the library's
 * range, so the container nests them exactly as the core's pipeline does (a lower value runs
 * outside a higher one). The order itself is defined once, by {@link Concern}.
 */
final class Priorities {

    static final int REDIRECT_CAPTURE = Interceptor.Priority.LIBRARY_BEFORE + Concern.Position.REDIRECT_CAPTURE;
    static final int FAILOVER = Interceptor.Priority.LIBRARY_BEFORE + Concern.Position.FAILOVER;
    static final int BUDGET = Interceptor.Priority.LIBRARY_BEFORE + Concern.Position.BUDGET;
    static final int HEALTH = Interceptor.Priority.LIBRARY_BEFORE + Concern.Position.HEALTH;
    static final int OVERLOAD_GUARD = Interceptor.Priority.LIBRARY_BEFORE + Concern.Position.OVERLOAD_GUARD;
    static final int METRICS = Interceptor.Priority.LIBRARY_BEFORE + Concern.Position.MEASUREMENTS;

    private Priorities() {
    }
}
