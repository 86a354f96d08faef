package dev.httpcon.engine;

import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The classic (blocking, HTTP/1.1) driver of one attempt: the request and every redirect it leads
 * to, within one {@link Deadline}, on the calling thread. What to send, what a response means and
 * how the result looks is {@link AttemptPlan}'s, shared with the asynchronous driver
 * ({@link AsyncExchange}); this class only does the I/O with HttpClient's classic API.
 */
final class RedirectLoop {

    private static final System.Logger LOG = System.getLogger(RedirectLoop.class.getName());

    private final AttemptPlan plan;
    private final Transport transport;
    private final Deadline deadline;
    /** The response in hand, until it is released or discarded. */
    private Hop open;

    RedirectLoop(AttemptPlan plan, Transport transport) {
        this.plan = plan;
        this.transport = transport;
        this.deadline = plan.deadline;
    }

    /** Sends the plan's request and follows redirects; fills {@code result}. */
    void run(HttpResult.Builder result) {
        Transport.Client client = transport.forAttempt();
        try {
            while (true) {
                Hop hop = send(client);
                String location = header(hop.response, "Location");
                AttemptPlan.Step step;
                try {
                    step = plan.onResponse(hop.response.getCode(), location, HttpResult.HTTP_1_1);
                } catch (EngineFailure f) {
                    hop.discard();
                    throw f;
                }
                if (step == AttemptPlan.Step.FINISH) {
                    finish(hop, result);
                    return;
                }
                hop.drain();
            }
        } catch (EngineFailure f) {
            plan.fail(result, f);
        } catch (RuntimeException bug) {
            if (plan.deadline.expired()) {
                // The deadline's cancel released the connection while HttpClient was about to use it
                // (its IllegalStateException "Endpoint not acquired / already released", seen under
                // load): the timeout the caller asked for, mapped to 28 below, not a surprise.
                LOG.log(Level.DEBUG, () -> plan.settings.name() + ": cancelled at the deadline: " + bug
                        + Correlation.suffix(plan.request()));
            } else {
                // Not network or server trouble but a surprise inside HttpClient or here: still a result.
                LOG.log(Level.WARNING, plan.settings.name() + ": unexpected failure" + Correlation.suffix(plan.request()),
                        bug);
            }
            plan.fail(result, plan.map(bug));
        } finally {
            try {
                if (open != null) {
                    open.discard();   // only after a surprise: every normal path has released its response
                }
            } finally {
                client.close();
            }
        }
    }

    private void finish(Hop hop, HttpResult.Builder result) throws EngineFailure {
        BodyReader.Body body;
        HttpEntity entity = hop.response.getEntity();
        try {
            body = entity == null ? null : BodyReader.read(entity.getContent(), plan.settings.maxDataSize(),
                    entity.getContentLength(), deadline, result);
        } catch (IOException | RuntimeException e) {
            hop.discard();
            throw plan.map(e);
        }
        boolean exceeded = body != null && body.exceeded();
        if (exceeded) {
            hop.discard();   // closing normally would read the rest of the body: drop the connection instead
        } else {
            hop.release();
        }
        if (Thread.currentThread().isInterrupted()) {
            // Interrupted while the response came in: a socket read blocked for it does not see
            // an interrupt, so the answer is looked at only now.
            throw ErrorMapping.aborted();
        }
        plan.finish(result, Arrays.asList(hop.response.getHeaders()), header(hop.response, "Content-Type"),
                body == null ? 0 : body.kept(), exceeded);
    }

    /**
     * Sends the plan's current hop. A failure on a reused connection before anything came back is
     * re-sent once on a fresh connection, a one-off client that cannot pick another pooled one.
     */
    private Hop send(Transport.Client client) throws EngineFailure {
        plan.sending();
        plan.announce();   // before the name lookup: a lookup failure ends the request announced
        HttpClientContext context = plan.context();
        try {
            return execute(client, request(), context, null);
        } catch (IOException e) {
            if (!plan.resendOnFresh(e, AttemptPlan.reused(context))) {
                throw plan.map(e);
            }
            plan.announce();   // the re-send is a request of its own
            Transport.Client fresh = transport.oneOff();
            Hop hop = null;
            try {
                hop = execute(fresh, request(), plan.context(), fresh);
                return hop;
            } catch (IOException again) {
                throw plan.map(again);
            } finally {
                if (hop == null) {
                    fresh.close();   // on every way out (a failure, a bug, an Error) but the hop that owns it
                }
            }
        }
    }

    /**
     * Resolves the host to connect to (the proxy's, or the URL's) within the deadline, then has
     * HttpClient send {@code request}; HttpClient's resolver reads what was resolved here.
     */
    private Hop execute(Transport.Client client, HttpUriRequestBase request, HttpClientContext context,
                        Transport.Client owner) throws IOException, EngineFailure {
        if (deadline.expired()) {
            throw new java.io.InterruptedIOException("deadline reached before sending");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw ErrorMapping.aborted();
        }
        HostResolver.Slot resolved = transport.dns().resolve(plan.connectHost(), plan.connectsToProxy(), deadline);
        try {
            deadline.guard(request);
            ClassicHttpResponse response = client.http().executeOpen(null, request, context);
            open = new Hop(request, response, owner);
            return open;
        } catch (ConnectionRequestTimeoutException | CancellationException leaseEnded) {
            // Only the wait for a pooled connection ends like this: its lease timed out (set to the
            // time left) or the deadline cancelled it while it waited. A lease is only left waiting
            // when every connection the pool may hold is in use: 89, not 28.
            throw Thread.currentThread().isInterrupted() ? ErrorMapping.aborted()
                    : transport.noConnection(plan.url(), deadline);
        } finally {
            HostResolver.unpin(resolved);
        }
    }

    private HttpUriRequestBase request() {
        URI url = plan.url();
        HttpUriRequestBase r = new HttpUriRequestBase(plan.method(), url);
        plan.addHeaders(r);
        HttpRequest body = plan.body();
        if (body != null) {
            r.setEntity(RequestBody.of(body));
        }
        return r;
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    /**
     * A response in flight, with the request that can abort it and the one-off client it may own:
     * from the moment a hop exists it owns that client, and releasing or discarding the hop closes
     * it whatever else fails.
     */
    private final class Hop {
        final HttpUriRequestBase request;
        final ClassicHttpResponse response;
        final Transport.Client owner;

        Hop(HttpUriRequestBase request, ClassicHttpResponse response, Transport.Client owner) {
            this.request = request;
            this.response = response;
            this.owner = owner;
        }

        /** The body was read to its end: the connection may go back to the pool. */
        void release() {
            open = null;
            try {
                Transport.closeQuietly(response);
            } finally {
                if (owner != null) {
                    owner.close();
                }
            }
        }

        /** Drops the connection without reading what is left of the body. */
        void discard() {
            try {
                request.cancel();
            } finally {
                release();
            }
        }

        /** Reads a redirect body (bounded) so the connection can be reused; drops it otherwise. */
        void drain() throws EngineFailure {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                release();
                return;
            }
            boolean complete;
            try {
                complete = BodyReader.drain(entity.getContent(), AttemptPlan.MAX_DRAIN, deadline);
            } catch (IOException e) {
                discard();
                if (deadline.expired()) {
                    throw ErrorMapping.timeout(deadline);
                }
                return;   // a broken redirect body does not matter: the next hop decides
            }
            if (!complete) {
                discard();
                return;
            }
            release();
        }
    }
}
