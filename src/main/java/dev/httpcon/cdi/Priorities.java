package dev.httpcon.cdi;

import jakarta.interceptor.Interceptor;

/**
 * The fixed order of httpcon's interceptors, outermost first. A lower value runs outside a higher
 * one.
 *
 * <ol>
 *   <li>{@link #REDIRECT_CAPTURE}: remembers, per thread, the effective URL and content type of the
 *       result the caller gets (after failover);</li>
 *   <li>{@link #FAILOVER}: re-sends a failed request through the failover connection's bean;</li>
 *   <li>{@link #METRICS}: counts each attempt on the connection that made it. Innermost on purpose:
 *       outside failover it would credit a failed primary with its backup's success.</li>
 * </ol>
 */
public final class Priorities {

    public static final int REDIRECT_CAPTURE = Interceptor.Priority.LIBRARY_BEFORE + 100;
    public static final int FAILOVER = Interceptor.Priority.LIBRARY_BEFORE + 200;
    public static final int METRICS = Interceptor.Priority.LIBRARY_BEFORE + 300;

    private Priorities() {
    }
}
