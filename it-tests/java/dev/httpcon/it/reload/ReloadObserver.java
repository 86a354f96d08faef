package dev.httpcon.it.reload;

import dev.httpcon.ReloadResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.MetricRegistry;
import jakarta.inject.Inject;

/** An application bean that observes every reload, as the docs show, and reads the metrics. */
@ApplicationScoped
public class ReloadObserver {

    private final BlockingQueue<ReloadResult> seen = new LinkedBlockingQueue<>();

    @Inject
    MetricRegistry metrics;

    void onReload(@Observes ReloadResult result) {
        seen.add(result);
    }

    /** The next reload observed that {@code trigger} made, within 20 s. */
    public ReloadResult next(ReloadResult.Trigger trigger) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (;;) {
            ReloadResult r = seen.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no reload by " + trigger + " observed within 20 s");
            }
            if (r.trigger() == trigger) {
                return r;
            }
        }
    }

    public MetricRegistry metrics() {
        return metrics;
    }
}
