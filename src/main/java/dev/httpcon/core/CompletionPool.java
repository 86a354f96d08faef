package dev.httpcon.core;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where asynchronous calls complete when the caller names no executor: a small pool of its own
 * (as many threads as processors, at least two, each ended after a minute idle), so the caller's
 * code never runs on an I/O thread of the engine, where it would stall every other exchange, and
 * does not compete with the common fork-join pool (one thread on a two-core machine). Its threads
 * only run completions; a caller whose completions block passes an executor of its own.
 * Made on first use: a deployment that never calls asynchronously has no thread for it.
 */
final class CompletionPool implements Executor, AutoCloseable {

    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicReference<ThreadPoolExecutor> pool = new AtomicReference<>();
    private volatile boolean closed;

    @Override
    public void execute(Runnable task) {
        ThreadPoolExecutor p = pool.get();
        if (p == null) {
            p = start();
        }
        p.execute(task);   // closed: RejectedExecutionException, and the engine completes elsewhere
    }

    private ThreadPoolExecutor start() {
        int n = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor made = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "httpcon-completion-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        made.allowCoreThreadTimeOut(true);
        if (!pool.compareAndSet(null, made)) {
            made.shutdown();   // another caller made it first; no thread was started in this one
        }
        ThreadPoolExecutor p = pool.get();
        if (closed) {
            p.shutdown();
        }
        return p;
    }

    @Override
    public void close() {
        closed = true;
        ThreadPoolExecutor p = pool.get();
        if (p != null) {
            p.shutdown();
        }
    }
}
