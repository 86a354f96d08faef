package dev.httpcon.cdi;

import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Finds the executor an {@code async_executor} names: the CDI bean of that {@code @Named} name,
 * which must have {@link Executor} among its bean types (an {@code ExecutorService}, a
 * {@code ManagedExecutorService} the application produces, a class of its own). Its reference is
 * taken once, at deployment (a normal-scoped bean's is a client proxy, so its instance may change).
 */
final class NamedExecutors {

    private NamedExecutors() {
    }

    static Executor find(BeanManager bm, String name) {
        Set<Bean<?>> beans = bm.getBeans(name);
        if (beans.isEmpty()) {
            throw new IllegalArgumentException("no CDI bean is named " + name + " (give the executor's bean or "
                    + "producer @Named(\"" + name + "\"))");
        }
        Bean<?> bean;
        try {
            bean = bm.resolve(beans);
        } catch (AmbiguousResolutionException e) {
            throw new IllegalArgumentException("more than one CDI bean is named " + name + ": "
                    + beans.stream().map(b -> b.getBeanClass().getName()).sorted().collect(Collectors.joining(", ")));
        }
        if (bean == null) {
            throw new IllegalArgumentException("no enabled CDI bean is named " + name);
        }
        Type executorType = bean.getTypes().stream().filter(t -> Executor.class.isAssignableFrom(raw(t)))
                .findFirst().orElse(null);
        if (executorType == null) {
            throw new IllegalArgumentException("the CDI bean named " + name + " (" + bean.getBeanClass().getName()
                    + ") is not an Executor; its types: " + bean.getTypes().stream().map(Type::getTypeName)
                    .sorted().collect(Collectors.joining(", ")));
        }
        return (Executor) bm.getReference(bean, executorType, bm.createCreationalContext(bean));
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
