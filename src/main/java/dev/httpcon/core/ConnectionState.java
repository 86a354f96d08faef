package dev.httpcon.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a connection keeps for as long as its name is defined, whatever reloads change in its
 * settings: its ok/fail counts (listcon) and the per-thread memory of its last response. A
 * reload hands it from a connection's runtime to the runtime that succeeds it
 * ({@link ConnectionRuntime#successor}), and that is the one way state crosses a reload: whatever
 * else must survive one (connection health, for instance) belongs here.
 */
final class ConnectionState {

    // The original keeps the last redirect and content type per process; our equivalent of a
    // Kamailio worker process is the calling thread. The value is an Object[] of JDK types (the
    // effective URI, the content type), reused for every call of the thread: no allocation per
    // call, and a container worker thread that outlives an undeployed application pins no class
    // of ours.
    final ThreadLocal<Object[]> last = new ThreadLocal<>();

    final LongAdder ok = new LongAdder();
    final LongAdder fail = new LongAdder();
}
