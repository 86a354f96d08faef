package dev.httpcon.it.async;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The application's executors, as CDI beans an {@code async_executor} names. */
@ApplicationScoped
public class AppExecutors {

    private final AtomicInteger sip = new AtomicInteger();
    private final AtomicInteger reports = new AtomicInteger();

    @Produces
    @ApplicationScoped
    @Named("sipPool")
    ExecutorService sipPool() {
        return Executors.newFixedThreadPool(2, r -> new Thread(r, "sip-pool-" + sip.incrementAndGet()));
    }

    void close(@Disposes @Named("sipPool") ExecutorService pool) {
        pool.shutdownNow();
    }

    @Produces
    @ApplicationScoped
    @Named("reportPool")
    ExecutorService reportPool() {
        return Executors.newSingleThreadExecutor(r -> new Thread(r, "report-pool-" + reports.incrementAndGet()));
    }

    void closeReports(@Disposes @Named("reportPool") ExecutorService pool) {
        pool.shutdownNow();
    }

    /** A named bean that is not an executor: naming it is a deployment error. */
    @Produces
    @Named("greeting")
    String greeting() {
        return "hello";
    }
}
