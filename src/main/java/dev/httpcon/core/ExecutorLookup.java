package dev.httpcon.core;

import java.util.concurrent.Executor;

/**
 * How a front door finds the executor a connection's {@code async_executor} names, when it is not
 * a JNDI name ({@code java:...}, which the core looks up itself): the CDI extension by a bean's
 * {@code @Named} name, {@code StandaloneHttpCon} among the executors registered with it.
 */
@FunctionalInterface
public interface ExecutorLookup {

    /**
     * The executor called {@code name}.
     *
     * @throws IllegalArgumentException saying why there is none (no such name, not an
     *                                  {@link Executor}, ...), in words for the deployment's error
     */
    Executor find(String name);
}
