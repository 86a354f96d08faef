package dev.httpcon.engine;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpStreamResetException;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The asynchronous driver of one attempt (HTTP/1.1 or HTTP/2, on {@link AsyncTransport}): the
 * same hops, rules and result as the classic driver ({@link RedirectLoop}), all decided by
 * {@link AttemptPlan}, but no thread waits: each step (name lookup, exchange) starts the next one
 * from its completion, on whichever thread completed it (an I/O reactor thread, a lookup thread,
 * the deadline timer, or the caller who cancelled). Only httpcon code runs in these callbacks; the
 * caller's code runs where the engine hands the result over ({@link HttpEngine#executeAsync}).
 *
 * <p>Stopping: the deadline timer (code 28) and the caller's cancel (code 42) both stop the step
 * in flight: a lookup wait is completed, an exchange cancelled, which closes (HTTP/1.1) or resets
 * (HTTP/2) its stream and releases its connection before the attempt ends.
 *
 * <p>An exchange ends (for the next step) only once HttpClient has released or discarded its
 * connection: a successful one when the response consumer is released (HttpClient does that
 * after releasing the connection), a failed one through the future's callback (after the
 * discard). So the next hop can reuse the connection, and nothing is leased when the result is
 * handed over.
 */
final class AsyncExchange implements Cancellable {

    private static final System.Logger LOG = System.getLogger(AsyncExchange.class.getName());

    /** The exchange whose {@code client.execute} is running on this thread: its pool lease is marked. */
    private static final ThreadLocal<Hop> STARTING = new ThreadLocal<>();

    private final AttemptPlan plan;
    private final AsyncTransport transport;
    private final HostResolver dns;
    private final Deadline deadline;
    private final HttpResult.Builder result;
    private final Consumer<AsyncExchange> done;
    /** With keep_connections off: the lease state of this attempt's connections. */
    private AsyncTransport.AttemptScope scope;
    private final AtomicBoolean finished = new AtomicBoolean();
    /** The step in flight (a lookup wait or an exchange), to stop it. */
    private final AtomicReference<Cancellable> current = new AtomicReference<>();
    /** Why the attempt was stopped (28 at the deadline, 42 cancelled), or null. */
    private volatile EngineFailure stopped;
    /** The thread inside {@link #stop}, which finishes the attempt itself once the step is stopped. */
    private volatile Thread stopping;
    /** A step that ended while {@link #stop} was cancelling it: finished by {@code stop} after the cancel returned. */
    private volatile Runnable deferred;
    private byte[] requestBody;

    AsyncExchange(AttemptPlan plan, AsyncTransport transport, HostResolver dns, HttpResult.Builder result,
                  Consumer<AsyncExchange> done) {
        this.plan = plan;
        this.transport = transport;
        this.dns = dns;
        this.deadline = plan.deadline;
        this.result = result;
        this.done = done;
        this.scope = transport.keepsConnections() ? null : new AsyncTransport.AttemptScope(false);
    }

    /** Starts the attempt; its end is handed to {@code done} (on whichever thread ends it). */
    void start() {
        String refused = AsyncTransport.loggingRefusal();
        if (refused != null) {
            fail(new EngineFailure(dev.httpcon.CurlError.FAILED_INIT, refused));
            return;
        }
        deadline.guard(this);
        nextHop(false);
    }

    /** The result builder, filled once the attempt has ended. */
    HttpResult.Builder result() {
        return result;
    }

    /** The deadline timer: the budget is spent. */
    @Override
    public boolean cancel() {
        stop(ErrorMapping.timeout(deadline));
        return true;
    }

    /** Whether the response in hand leads to another hop on the same server (HTTP/1.1 reuse with keep_connections off). */
    boolean continuesOnSameServer(HttpResponse response) {
        Header location = response.getFirstHeader("Location");
        return plan.continuesOnSameServer(response.getCode(), location == null ? null : location.getValue());
    }

    /**
     * Stops the attempt with {@code why} (28 at the deadline, 42 when the caller cancels): the step
     * in flight is stopped and, when this returns on the stopping thread, the attempt has ended
     * and its connection is released (unless it had ended already).
     */
    void stop(EngineFailure why) {
        if (finished.get() || stopped != null) {
            return;
        }
        stopped = why;
        stopping = Thread.currentThread();
        try {
            Cancellable c = current.get();
            if (c != null) {
                c.cancel();
            }
        } finally {
            stopping = null;
        }
        Runnable r = deferred;
        if (r != null) {
            deferred = null;
            r.run();
        }
    }

    /** Runs {@code step} now, or after the cancel in progress on this thread has returned (the connection is released by then). */
    private void afterStep(Runnable step) {
        if (stopping == Thread.currentThread()) {
            deferred = step;
        } else {
            step.run();
        }
    }

    /** Makes {@code c} the step in flight; stops it at once if the attempt was stopped meanwhile. */
    private void inFlight(Cancellable c) {
        current.set(c);
        if (stopped != null) {
            c.cancel();
        }
    }

    // ---- steps ----

    /** Resolves the host to connect to, then sends the plan's current hop (on a fresh connection for a re-send). */
    private void nextHop(boolean fresh) {
        if (stopped != null) {
            fail(stopped);
            return;
        }
        plan.announce();   // before the name lookup, as the classic driver: a lookup failure ends the request announced
        CompletableFuture<HostResolver.Slot> lookup = dns.resolveLater(plan.connectHost(), plan.connectsToProxy());
        Cancellable waiting = () -> lookup.completeExceptionally(new CancellationException());
        if (!lookup.isDone()) {
            inFlight(waiting);
        }
        lookup.whenComplete((slot, failure) -> {
            current.compareAndSet(waiting, null);
            if (failure == null) {
                send(slot, fresh);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            afterStep(() -> {
                if (stopped != null) {
                    // the deadline or the caller stopped the wait; at the deadline it is the resolver's timeout
                    fail(stopped.error() == dev.httpcon.CurlError.OPERATION_TIMEDOUT
                            ? HostResolver.resolveTimeout(deadline) : stopped);
                } else if (cause instanceof EngineFailure f) {
                    fail(f);
                } else {
                    fail(plan.map(cause));
                }
            });
        });
    }

    private void send(HostResolver.Slot slot, boolean fresh) {
        if (stopped != null) {
            HostResolver.unpin(slot);
            fail(stopped);
            return;
        }
        plan.sending();
        HttpClientContext context = plan.context();
        context.setAttribute(AsyncTransport.EXCHANGE, this);
        if (fresh) {
            scope = new AsyncTransport.AttemptScope(true);
            context.setUserToken(scope);
        } else if (scope != null) {
            context.setUserToken(scope);
        }
        BasicHttpRequest request = new BasicHttpRequest(plan.method(), plan.url());
        plan.addHeaders(request);
        HttpRequest body = plan.body();
        BasicAsyncEntityProducer entity = null;
        if (body != null) {
            if (requestBody == null) {
                requestBody = body.body();
            }
            entity = new BasicAsyncEntityProducer(requestBody, null);
        }
        Hop hop = new Hop(slot, context);
        inFlight(hop);   // before execute: it may end the exchange before it returns
        STARTING.set(hop);
        try {
            hop.started(transport.client().execute(new BasicRequestProducer(request, entity), hop, null, context, hop));
        } finally {
            STARTING.remove();
        }
    }

    /** Marks the pool lease of the exchange being started on this thread (to tell a pool wait from other waits). */
    static FutureCallback<org.apache.hc.client5.http.nio.AsyncConnectionEndpoint> leasing(
            FutureCallback<org.apache.hc.client5.http.nio.AsyncConnectionEndpoint> callback) {
        Hop hop = STARTING.get();
        if (hop == null) {
            return callback;
        }
        hop.leaseRequested = true;
        return new FutureCallback<>() {
            @Override
            public void completed(org.apache.hc.client5.http.nio.AsyncConnectionEndpoint endpoint) {
                hop.endpoint = (AsyncTransport.Tracked) endpoint;
                hop.reused = endpoint.isConnected();   // a pooled (or shared HTTP/2) connection, not a new one
                hop.leased = true;
                callback.completed(endpoint);
            }

            @Override
            public void failed(Exception e) {
                callback.failed(e);
            }

            @Override
            public void cancelled() {
                callback.cancelled();
            }
        };
    }

    // ---- the end ----

    private void fail(EngineFailure f) {
        plan.fail(result, f);
        end();
    }

    private void end() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            deadline.detach();
            transport.endScope(scope);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, plan.settings.name() + ": ending an attempt failed", e);
        }
        done.accept(this);
    }

    /** The largest body an array holds. */
    private static final int MAX_BODY = Integer.MAX_VALUE - 16;

    /** The first block of a body whose length is unknown or large: grown as the body comes. */
    private static final int FIRST_BLOCK = 64 * 1024;

    /** What the hop's response body is read for. */
    private enum Reading { NOTHING, DRAIN, KEEP }

    /*
     * The exchange is abandoned by throwing from the consumer: as an HttpStreamResetException, so
     * HTTP/2 resets only this stream (CANCEL) and keeps the connection for the others, while
     * HTTP/1.1 drops the connection (the rest of the body is never read).
     */

    /** A body that went past {@code maxdatasize}: the exchange is abandoned (its connection dropped), the prefix kept. */
    private static final class LimitReached extends HttpStreamResetException {
        private static final long serialVersionUID = 1L;

        LimitReached() {
            super("maxdatasize reached");
        }
    }

    /** A redirect body longer than the plan drains: the exchange is abandoned, the next hop goes on. */
    private static final class DrainOverflow extends HttpStreamResetException {
        private static final long serialVersionUID = 1L;

        DrainOverflow() {
            super("redirect body too long to drain");
        }
    }

    /** A response the plan refused (47, 3, 1): the exchange is abandoned with the plan's failure. */
    private static final class Refused extends HttpStreamResetException {
        private static final long serialVersionUID = 1L;
        private final transient EngineFailure failure;

        Refused(EngineFailure failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }

    /**
     * One exchange (hop) with HttpClient: its response consumer and its future's callback. Its end
     * is taken once, from whichever of the two says last that HttpClient is done with the connection.
     */
    private final class Hop implements AsyncResponseConsumer<Void>, FutureCallback<Void>, Cancellable {
        private final HostResolver.Slot slot;
        private final HttpClientContext context;
        private final AtomicBoolean ended = new AtomicBoolean();
        volatile boolean leaseRequested;
        volatile boolean leased;
        /** Whether the leased connection had been opened before this exchange (it may have gone stale). */
        volatile boolean reused;
        /** The endpoint leased for this exchange (tracked by the transport), or null. */
        volatile AsyncTransport.Tracked endpoint;
        private Reading reading = Reading.NOTHING;
        private volatile boolean complete;
        private Header[] headers;
        private String contentType;
        /** The body so far, in blocks (no copying while it grows); joined once into the result's array. */
        private final List<byte[]> blocks = new java.util.ArrayList<>(1);
        private byte[] block;
        private int inBlock;
        private int length;
        private boolean exceeded;
        /** The Content-Length of the answer, or -1. */
        private long declared = -1;

        /** HttpClient's future of the exchange, once {@code execute} has returned it. */
        private volatile Future<Void> future;
        private volatile boolean cancelRequested;

        Hop(HostResolver.Slot slot, HttpClientContext context) {
            this.slot = slot;
            this.context = context;
        }

        void started(Future<Void> f) {
            future = f;
            if (cancelRequested) {
                f.cancel(true);
            }
        }

        /** Stops the exchange: HttpClient closes its HTTP/1.1 connection or resets its HTTP/2 stream. */
        @Override
        public boolean cancel() {
            cancelRequested = true;
            Future<Void> f = future;
            return f == null || f.cancel(true);
        }

        // -- the response, on an I/O thread --

        @Override
        public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext ctx,
                                    FutureCallback<Void> resultCallback) throws IOException {
            HostResolver.unpin(slot);
            Header location = response.getFirstHeader("Location");
            ProtocolVersion v = response.getVersion();
            String protocol = v != null && v.getMajor() >= 2 ? HttpResult.HTTP_2 : HttpResult.HTTP_1_1;
            AttemptPlan.Step step;
            try {
                step = plan.onResponse(response.getCode(), location == null ? null : location.getValue(), protocol);
            } catch (EngineFailure f) {
                throw new Refused(f);
            }
            if (step == AttemptPlan.Step.FOLLOW) {
                reading = Reading.DRAIN;
            } else {
                reading = Reading.KEEP;
                headers = response.getHeaders();
                Header type = response.getFirstHeader("Content-Type");
                contentType = type == null ? null : type.getValue();
                long limit = plan.settings.maxDataSize();
                declared = entity == null ? -1 : entity.getContentLength();
                if (declared < 0 && entity != null) {
                    // HTTP/2 leaves it to the header (no body at all, as for HEAD, has nothing to check)
                    Header length = response.getFirstHeader("Content-Length");
                    try {
                        declared = length == null ? -1 : Long.parseLong(length.getValue().trim());
                    } catch (NumberFormatException ignored) {
                        declared = -1;
                    }
                }
                // the whole body in one block when its length is known and small, else blocks of 64 KiB
                long first = declared >= 0 ? declared : 1024;
                block = new byte[(int) Math.max(1, Math.min(Math.min(first, limit > 0 ? limit : first), FIRST_BLOCK))];
                blocks.add(block);
            }
            if (entity == null) {
                complete = true;
                resultCallback.completed(null);
            } else {
                this.resultCallback = resultCallback;
            }
        }

        private FutureCallback<Void> resultCallback;

        @Override
        public void informationResponse(HttpResponse response, HttpContext ctx) {
            // 1xx: skipped, as curl does
        }

        @Override
        public void updateCapacity(CapacityChannel channel) throws IOException {
            channel.update(Integer.MAX_VALUE);
        }

        @Override
        public void consume(ByteBuffer src) throws IOException {
            if (deadline.expired()) {
                // as the classic driver checks between reads: a fast endless body must not keep an
                // I/O thread busy copying after the deadline until the timer's cancel gets through
                throw new HttpStreamResetException("deadline reached while reading the body");
            }
            int n = src.remaining();
            if (reading == Reading.DRAIN) {
                length += n;
                src.position(src.limit());
                if (length > AttemptPlan.MAX_DRAIN) {
                    throw new DrainOverflow();
                }
                return;
            }
            long limit = plan.settings.maxDataSize();
            long room = (limit > 0 ? Math.min(limit, MAX_BODY) : MAX_BODY) - length;
            if (n > room) {
                keep(src, (int) Math.max(0, room));
                exceeded = true;
                throw new LimitReached();
            }
            keep(src, n);
        }

        private void keep(ByteBuffer src, int n) {
            length += n;
            while (n > 0) {
                if (inBlock == block.length) {
                    block = new byte[FIRST_BLOCK];
                    blocks.add(block);
                    inBlock = 0;
                }
                int take = Math.min(n, block.length - inBlock);
                src.get(block, inBlock, take);
                inBlock += take;
                n -= take;
            }
        }

        /** The body kept, as one stream over the blocks (the result reads it into an array of its own). */
        private java.io.InputStream kept() {
            if (blocks.size() == 1) {   // most bodies: no sequence to build
                return new java.io.ByteArrayInputStream(blocks.get(0), 0, inBlock);
            }
            java.util.Vector<java.io.InputStream> parts = new java.util.Vector<>(blocks.size());
            for (int i = 0; i < blocks.size(); i++) {
                byte[] b = blocks.get(i);
                parts.add(new java.io.ByteArrayInputStream(b, 0, i == blocks.size() - 1 ? inBlock : b.length));
            }
            return new java.io.SequenceInputStream(parts.elements());
        }

        @Override
        public void streamEnd(List<? extends Header> trailers) {
            complete = true;
            FutureCallback<Void> cb = resultCallback;
            if (cb != null) {
                cb.completed(null);
            }
        }

        /** HttpClient is done with the exchange and has released its connection. */
        @Override
        public void releaseResources() {
            if (complete) {
                ended(null);
            }
        }

        // -- the future's callback --

        @Override
        public void completed(Void ignored) {
            // releaseResources follows, once the connection is back in the pool
        }

        /**
         * As the consumer: HttpClient failed the exchange (after discarding its connection); as
         * the future's callback: the same, or a failure before any exchange. The first one counts.
         */
        @Override
        public void failed(Exception e) {
            ended(e);
        }

        @Override
        public void cancelled() {
            ended(new CancellationException("cancelled"));
        }

        // -- what comes next --

        private void ended(Exception failure) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            if (failure != null) {
                AsyncTransport.Tracked e = endpoint;
                if (e != null) {
                    e.discard();   // a stop during the lease or connect can leave it leased: never after the result
                }
            }
            HostResolver.unpin(slot);
            current.compareAndSet(this, null);
            afterStep(() -> next(failure));
        }

        private void next(Exception failure) {
            try {
                if (failure == null) {
                    succeeded();
                } else {
                    failedWith(failure);
                }
            } catch (RuntimeException bug) {
                LOG.log(Level.WARNING, plan.settings.name() + ": unexpected failure", bug);
                fail(plan.map(bug));
            }
        }

        private void succeeded() {
            if (reading == Reading.DRAIN) {
                nextHop(false);
                return;
            }
            finish();
        }

        private void finish() {
            if (!exceeded && declared >= 0 && length < declared) {
                // HTTP/2 ends a stream with END_STREAM whatever Content-Length said (HTTP/1.1's
                // decoder catches this itself): a body shorter than announced is cut, as curl says
                fail(new EngineFailure(dev.httpcon.CurlError.PARTIAL_FILE, "transfer closed with "
                        + (declared - length) + " bytes remaining to read"));
                return;
            }
            try {
                result.readBody(kept(), 0, length);
            } catch (IOException never) {
                throw new java.io.UncheckedIOException(never);   // reading memory
            }
            plan.finish(result, Arrays.asList(headers), contentType, length, exceeded);
            end();
        }

        private void failedWith(Exception e) {
            if (e instanceof LimitReached) {
                finish();   // 63, the prefix kept
                return;
            }
            if (e instanceof Refused r) {
                fail(r.failure);
                return;
            }
            if (e instanceof DrainOverflow) {
                nextHop(false);   // the connection was dropped; the next hop decides
                return;
            }
            EngineFailure why = stopped;
            boolean waitingForPool = leaseRequested && !leased;
            if (waitingForPool && (why == null || why.error() == dev.httpcon.CurlError.OPERATION_TIMEDOUT)
                    && (why != null || isLeaseTimeout(e))) {
                fail(transport.noConnection(plan.url(), deadline));   // 89: every pooled connection was in use
                return;
            }
            if (why != null) {
                fail(why);
                return;
            }
            if (reading == Reading.DRAIN) {
                // a broken redirect body does not matter, unless the deadline is gone
                if (deadline.expired()) {
                    fail(ErrorMapping.timeout(deadline));
                } else {
                    nextHop(false);
                }
                return;
            }
            if (plan.resendOnFresh(e, reused)) {
                nextHop(true);
                return;
            }
            fail(plan.map(e));
        }
    }

    private static boolean isLeaseTimeout(Throwable e) {
        return e instanceof ConnectionRequestTimeoutException || e instanceof TimeoutException;
    }
}
