package dev.httpcon.config;

import java.util.Objects;

/**
 * The executor a connection's asynchronous calls complete on ({@code async_executor}), by name,
 * with the key it was written under, so that a name that cannot be resolved is reported where it
 * is to be fixed.
 *
 * @param name  a CDI bean's {@code @Named} name, or a JNDI name ({@code java:...}, e.g.
 *              {@code java:comp/DefaultManagedExecutorService})
 * @param where the key or line that set it, e.g. {@code httpclient.connection.billing.async_executor}
 *              or {@code httpclient.async_executor (inherited by connection 'billing')}
 */
public record ExecutorRef(String name, String where) {

    /** What starts a JNDI name. */
    public static final String JNDI_PREFIX = "java:";

    public ExecutorRef {
        Objects.requireNonNull(name, "name must be set");
        Objects.requireNonNull(where, "where must be set");
    }

    /** Whether the name is a JNDI name ({@code java:...}) rather than a bean name. */
    public boolean isJndi() {
        return name.startsWith(JNDI_PREFIX);
    }
}
