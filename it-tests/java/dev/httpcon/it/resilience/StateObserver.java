package dev.httpcon.it.resilience;

import dev.httpcon.ConnectionStateChanged;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** An application bean observing httpcon's state changes, both ways CDI offers. */
@Singleton
public class StateObserver {

    final BlockingQueue<ConnectionStateChanged> sync = new LinkedBlockingQueue<>();
    final BlockingQueue<ConnectionStateChanged> async = new LinkedBlockingQueue<>();
    final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

    void changed(@Observes ConnectionStateChanged e) {
        threads.add(Thread.currentThread().getName());
        sync.add(e);
    }

    void changedAsync(@ObservesAsync ConnectionStateChanged e) {
        async.add(e);
    }
}
