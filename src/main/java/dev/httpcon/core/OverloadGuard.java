package dev.httpcon.core;

import dev.httpcon.HttpResult;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link Concern#OVERLOAD_GUARD} stage, on connections with {@code max_concurrent}: a call
 * beyond that many in flight is refused at once with code 89, nothing sent, no thread held and no
 * queue, and fails over like any failed attempt. The permit is released when the attempt ends,
 * also when something inside throws. A compare-and-set on one counter: no lock, no allocation.
 */
final class OverloadGuard implements Stage {

    private final Recording recording;

    OverloadGuard(Recording recording) {
        this.recording = recording;
    }

    @Override
    public Concern concern() {
        return Concern.OVERLOAD_GUARD;
    }

    @Override
    public HttpResult enter(Call call) {
        ConnectionRuntime runtime = call.runtime();
        int max = runtime.settings().resilience().maxConcurrent();
        if (max <= 0) {
            return null;   // a reload turned the guard off while the exchange still binds it
        }
        AtomicInteger inFlight = runtime.live().inFlight;
        for (int n = inFlight.get(); n < max; n = inFlight.get()) {
            if (inFlight.compareAndSet(n, n + 1)) {
                call.permit = true;
                return null;
            }
        }
        runtime.live().refused.increment();
        recording.recorder().refused(runtime.name());
        return runtime.refusal();
    }

    @Override
    public HttpResult exit(Call call, HttpResult result) {
        release(call);
        return result;
    }

    @Override
    public void abandon(Call call, Throwable failure) {
        release(call);
    }

    private static void release(Call call) {
        if (call.permit) {
            call.permit = false;
            call.runtime().live().inFlight.decrementAndGet();
        }
    }
}
