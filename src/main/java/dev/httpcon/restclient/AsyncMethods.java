package dev.httpcon.restclient;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.io.Closeable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The typed client's {@code CompletionStage} methods on the connection's asynchronous call, so that
 * no thread waits while the request is in flight. A JAX-RS request filter must answer before it
 * returns, so the filter alone cannot; instead each such call runs the implementation twice, both
 * times on the calling thread (the client is built with {@link #INLINE} as its executor):
 *
 * <ol>
 *   <li>on the caller's thread, the implementation builds the request (parameters, headers,
 *   request filters, the entity through its writers) and {@link ConnectionFilter} captures it
 *   instead of sending it, and stops the invocation;</li>
 *   <li>the request goes out with {@code HttpConnection.sendAsync}: failover, budget, health and
 *   measurements as for every asynchronous call, no thread held;</li>
 *   <li>when the result is there, on the thread it completes on (the connection's
 *   {@code async_executor} or httpcon's completion pool, never an I/O thread), the method is
 *   invoked again and the filter answers it with that result at once, so the implementation's
 *   response side runs as usual (response filters, readers, {@code ResponseExceptionMapper}s).</li>
 * </ol>
 *
 * <p>The price: the request side (request filters, {@code ClientHeadersFactory}, parameter
 * converters) runs twice per call; the request sent is the first one built. An earlier request
 * filter that aborts the request itself (a cache, say) is answered at once, as before: nothing is
 * captured then, and the first invocation's stage is the answer.
 */
final class AsyncMethods implements InvocationHandler {

    /** Runs the implementation's asynchronous invocation on the calling thread, where the filter sees {@link #PENDING}. */
    static final AbstractExecutorService INLINE = new Inline();

    /** The asynchronous call the filter serves on this thread, if any. */
    static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

    private final Object client;
    private final ConnectionFilter.Binding binding;
    private final String description;

    private AsyncMethods(Object client, ConnectionFilter.Binding binding, Class<?> type) {
        this.client = client;
        this.binding = binding;
        this.description = "httpcon typed client " + type.getName() + " of " + binding;
    }

    /** Wraps {@code client} if {@code type} has methods returning {@code CompletionStage}; else returns it. */
    static <T> T wrap(Class<T> type, T client, ConnectionFilter.Binding binding) {
        boolean any = false;
        for (Method m : type.getMethods()) {
            any |= isAsync(m);
        }
        if (!any) {
            return client;
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type, Closeable.class},
                new AsyncMethods(client, binding, type));
        return type.cast(proxy);
    }

    private static boolean isAsync(Method m) {
        return m.getReturnType() == CompletionStage.class && !m.isDefault()
                && !Modifier.isStatic(m.getModifiers());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> description;
                default -> call(client, method, args);
            };
        }
        if (method.isDefault()) {
            // through this proxy, so that the default method's own calls take the asynchronous path
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        if (method.getDeclaringClass().isAssignableFrom(Closeable.class) && !(client instanceof AutoCloseable)) {
            return null;   // close() of an implementation whose clients are not closeable
        }
        if (!isAsync(method)) {
            return call(client, method, args);
        }
        Pending capture = new Pending(binding, null);
        CompletionStage<?> first = (CompletionStage<?>) within(capture, method, args);
        if (capture.request == null) {
            return first;   // answered without the filter (an earlier filter aborted), or not inline
        }
        CompletableFuture<HttpResult> sent = binding.connection().sendAsync(capture.request);
        Answer answer = new Answer(sent);
        // On the thread the call completes on: the connection's executor, never an I/O thread.
        sent.whenComplete((result, bug) -> {
            if (bug != null) {
                answer.completeExceptionally(bug);
                return;
            }
            try {
                CompletionStage<?> second = (CompletionStage<?>) within(new Pending(binding, result), method, args);
                second.whenComplete((value, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(value);
                    }
                });
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        return answer;
    }

    /** Invokes {@code method} on the client with {@code pending} for the filter of this thread. */
    private Object within(Pending pending, Method method, Object[] args) throws Throwable {
        Pending outer = PENDING.get();
        PENDING.set(pending);
        try {
            return call(client, method, args);
        } finally {
            if (outer == null) {
                PENDING.remove();
            } else {
                PENDING.set(outer);
            }
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * What the filter does for the invocation on this thread: capture the request built
     * ({@code result} null), or answer with {@code result}. Only for the client it was made for:
     * another typed client called from a filter on this thread sends as usual.
     */
    static final class Pending {
        final ConnectionFilter.Binding binding;
        final HttpResult result;
        HttpRequest request;

        Pending(ConnectionFilter.Binding binding, HttpResult result) {
            this.binding = binding;
            this.result = result;
        }
    }

    /** The future a {@code CompletionStage} method returns; cancelling it cancels the HTTP call (code 42). */
    private static final class Answer extends CompletableFuture<Object> {
        private final CompletableFuture<HttpResult> sent;

        Answer(CompletableFuture<HttpResult> sent) {
            this.sent = sent;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            sent.cancel(mayInterruptIfRunning);
            return cancelled;
        }
    }

    /** Stops the first invocation once the filter has the request: nothing was sent. */
    static final class Captured extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Captured() {
            super("httpcon: the request was handed to the asynchronous call", null, false, false);
        }
    }

    /** An executor that runs each task at once on the submitting thread; never shut down. */
    private static final class Inline extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }
}
