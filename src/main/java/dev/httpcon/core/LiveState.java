package dev.httpcon.core;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a connection has lived through, apart from its settings: its counts, the per-thread memory
 * of its last response, its health ({@link Health}) and the calls it has in flight (the overload
 * guard's). A runtime is made from settings; this is made once per connection name and handed
 * from a runtime to its successor ({@link ConnectionRuntime#succeededBy}), so a reload that
 * changes a connection keeps its state, counts and trial in flight, and the permits taken on the
 * old runtime are released here, where the new one counts them. Thread-safe.
 */
final class LiveState {

    final LongAdder ok = new LongAdder();
    final LongAdder fail = new LongAdder();
    /** Calls that skipped the connection because of its state: not attempts. */
    final LongAdder skipped = new LongAdder();
    /** Calls the overload guard refused: not attempts. */
    final LongAdder refused = new LongAdder();
    /** Calls holding a permit of the overload guard now. */
    final AtomicInteger inFlight = new AtomicInteger();

    // The original keeps the last redirect and content type per process; our equivalent of a
    // Kamailio worker process is the calling thread. The value is an Object[] of JDK types (the
    // effective URI, the content type), reused for every call of the thread: no allocation per
    // call, and a container worker thread that outlives an undeployed application pins no class
    // of ours.
    final ThreadLocal<Object[]> last = new ThreadLocal<>();

    final Health health;

    LiveState(String name) {
        this.health = new Health(name);
    }
}
