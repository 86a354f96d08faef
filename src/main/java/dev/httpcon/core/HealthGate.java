package dev.httpcon.core;

import dev.httpcon.HttpResult;
import dev.httpcon.config.ResilienceSettings;

/**
 * The {@link Concern#HEALTH} stage: skips a connection that is not AVAILABLE (code 7, nothing
 * sent, its failover takes the call), lets one trial call through when {@code health_retry} has
 * passed, and tells the connection's {@link Health} what each attempt gave.
 *
 * <p>What counts as a failed attempt: the failover rule (a curl error, a status of 500 or more),
 * except what says nothing about the server: an invalid request (-1, 3), a closed engine (2), an
 * interrupted caller (42), no connection available here (89, the guard or the pool), and a timeout
 * (28) of an attempt that had less than its connection's {@code timeout} because earlier hops had
 * used the call's budget. A call the overload guard refused is no attempt at all.
 */
final class HealthGate implements Stage {

    private final HealthMonitor monitor;
    private final Recording recording;

    HealthGate(HealthMonitor monitor, Recording recording) {
        this.monitor = monitor;
        this.recording = recording;
    }

    @Override
    public Concern concern() {
        return Concern.HEALTH;
    }

    @Override
    public HttpResult enter(Call call) {
        ConnectionRuntime runtime = call.runtime();
        Health health = runtime.live().health;
        if (health.admits(call, runtime.settings().resilience(), monitor)) {
            return null;
        }
        runtime.live().skipped.increment();
        recording.recorder().skipped(runtime.name());
        return health.skipResult();
    }

    @Override
    public HttpResult exit(Call call, HttpResult result) {
        ResilienceSettings settings = call.runtime().settings().resilience();
        if (settings.healthOn() || call.trial) {
            call.runtime().live().health.record(call, outcome(call, result), result, settings, monitor);
        }
        return result;
    }

    @Override
    public void abandon(Call call, Throwable failure) {
        call.runtime().live().health.abandon(call);
    }

    /** 1: the server answered; -1: the attempt failed; 0: says nothing about the server. */
    static int outcome(Call call, HttpResult r) {
        if (!call.attempted) {
            return 0;
        }
        switch (r.code()) {
            case -1, 2, 3, 42, 89:
                return 0;
            case 28:
                return call.capped && call.attemptsBefore > 0 ? 0 : -1;
            default:
                return r.isFailure() ? -1 : 1;
        }
    }
}
