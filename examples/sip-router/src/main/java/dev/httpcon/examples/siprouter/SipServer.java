package dev.httpcon.examples.siprouter;

import dev.httpcon.examples.routing.SipAnswer;
import gov.nist.core.CommonLogger;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A transaction-stateful SIP redirect server on JAIN SIP (UDP): INVITE and OPTIONS are answered
 * with the {@link SipAnswer} the routing function gives for their Request-URI, Call-ID and method
 * (RFC 3261 11.2: an
 * OPTIONS gets the answer an INVITE would get), ACK and CANCEL are handled, anything else is 405.
 *
 * <p>Stateful, because the routing lookup takes time: the server transaction absorbs the
 * caller's retransmissions while the lookup runs (stateless, each retransmitted INVITE would
 * cause another HTTP request), a 100 Trying stops the INVITE retransmissions at once, and the
 * final non-2xx answer is retransmitted until the caller's ACK arrives, which the transaction
 * also absorbs. The listener is re-entrant: the stack's worker threads run lookups side by side.
 */
final class SipServer implements SipListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SipServer.class.getName());
    private static final List<String> ALLOWED = List.of(Request.INVITE, Request.ACK, Request.CANCEL, Request.OPTIONS);

    private final SipStack stack;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final Routing routing;
    /** How long after a request arrived its answer must be out: the lookup's budget. */
    private final long budgetNanos;
    private final AtomicLong tags = new AtomicLong(System.nanoTime());

    /**
     * The routing lookup: the answer for a SIP request (its Request-URI, and its Call-ID and method
     * for correlation), due by {@code deadlineNanoTime} ({@link System#nanoTime()}).
     */
    @FunctionalInterface
    interface Routing {
        SipAnswer route(String requestUri, String callId, String method, long deadlineNanoTime);

        /**
         * The answer later: the SIP worker returns at once and the response goes out from the
         * completion. By default the blocking lookup, already complete.
         */
        default CompletionStage<SipAnswer> routeAsync(String requestUri, String callId, String method,
                                                      long deadlineNanoTime) {
            return CompletableFuture.completedFuture(route(requestUri, callId, method, deadlineNanoTime));
        }
    }

    /** An asynchronous lookup, as {@link Routing#routeAsync}. */
    @FunctionalInterface
    interface AsyncLookup {
        CompletionStage<SipAnswer> route(String requestUri, String callId, String method, long deadlineNanoTime);
    }

    /** A routing whose every lookup is asynchronous ({@link Routing#routeAsync}), for {@code --async}. */
    static Routing async(AsyncLookup lookup) {
        return new Routing() {
            @Override
            public SipAnswer route(String requestUri, String callId, String method, long deadlineNanoTime) {
                return lookup.route(requestUri, callId, method, deadlineNanoTime).toCompletableFuture().join();
            }

            @Override
            public CompletionStage<SipAnswer> routeAsync(String requestUri, String callId, String method,
                                                         long deadlineNanoTime) {
                return lookup.route(requestUri, callId, method, deadlineNanoTime);
            }
        };
    }

    private final boolean async;

    private SipServer(SipStack stack, SipProvider provider, SipFactory factory, Routing routing, Duration budget,
                      boolean async) throws SipException {
        this.stack = stack;
        this.provider = provider;
        this.messages = factory.createMessageFactory();
        this.headers = factory.createHeaderFactory();
        this.addresses = factory.createAddressFactory();
        this.routing = routing;
        this.budgetNanos = budget.toNanos();
        this.async = async;
    }

    /**
     * Listens on UDP {@code host:port} and answers with {@code routing}, on {@code threads}
     * worker threads. Each lookup is due {@code budget} after its request arrived.
     *
     * @throws SipException when the stack cannot start, e.g. the port is taken
     */
    static SipServer start(String host, int port, int threads, Routing routing, Duration budget)
            throws SipException {
        return start(host, port, threads, routing, budget, false);
    }

    /**
     * As {@link #start(String, int, int, Routing, Duration)}; with {@code async}, INVITE and
     * OPTIONS are answered from the completion of {@link Routing#routeAsync}: no SIP worker waits
     * on HTTP, and the answer goes out on the thread that completed the lookup.
     */
    static SipServer start(String host, int port, int threads, Routing routing, Duration budget, boolean async)
            throws SipException {
        // Every stack class logs through CommonLogger: make it use the STACK_LOGGER below, not log4j.
        CommonLogger.useLegacyLogger = true;
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "sip-router");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");   // a redirect server makes no dialogs
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(threads));
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        SipStack stack = null;
        try {
            stack = factory.createSipStack(p);
            ListeningPoint udp = stack.createListeningPoint(host, port, ListeningPoint.UDP);
            SipProvider provider = stack.createSipProvider(udp);
            SipServer server = new SipServer(stack, provider, factory, routing, budget, async);
            provider.addSipListener(server);
            return server;
        } catch (InvalidArgumentException | TooManyListenersException | RuntimeException e) {
            if (stack != null) {
                stack.stop();
            }
            throw new SipException("cannot listen on udp " + host + ":" + port + ": " + e.getMessage(), e);
        } catch (SipException e) {
            if (stack != null) {
                stack.stop();
            }
            throw e;
        }
    }

    /** The UDP port listened on. */
    int port() {
        return provider.getListeningPoints()[0].getPort();
    }

    @Override
    public void processRequest(RequestEvent event) {
        // The transaction's clock starts now: the lookup gets what is left of the budget when it runs.
        long deadline = System.nanoTime() + budgetNanos;
        Request request = event.getRequest();
        String method = request.getMethod();
        if (method.equals(Request.ACK)) {
            return;   // an ACK for one of our non-2xx answers that its transaction did not take
        }
        ServerTransaction tx = event.getServerTransaction();
        try {
            if (tx == null) {
                tx = provider.getNewServerTransaction(request);
            }
            switch (method) {
                case Request.INVITE:
                    tx.sendResponse(messages.createResponse(Response.TRYING, request));
                    answer(tx, request, deadline);
                    break;
                case Request.OPTIONS:
                    answer(tx, request, deadline);
                    break;
                case Request.CANCEL:
                    // The lookup is bounded by the connections' timeouts and the INVITE gets its
                    // answer anyway; the CANCEL itself is acknowledged (RFC 3261 9.2).
                    tx.sendResponse(withToTag(messages.createResponse(Response.OK, request)));
                    break;
                default:
                    Response r = withToTag(messages.createResponse(Response.METHOD_NOT_ALLOWED, request));
                    r.addHeader(headers.createAllowHeader(String.join(", ", ALLOWED)));
                    tx.sendResponse(r);
            }
        } catch (TransactionAlreadyExistsException retransmission) {
            // a retransmission that arrived before its transaction existed: the transaction answers it
        } catch (SipException | InvalidArgumentException | ParseException | RuntimeException e) {
            LOG.log(Level.WARNING, method + " " + request.getRequestURI() + ": not answered: " + e, e);
        }
    }

    /** Sends the final answer for an INVITE or OPTIONS: now, or from the lookup's completion in async mode. */
    private void answer(ServerTransaction tx, Request request, long deadline)
            throws SipException, InvalidArgumentException, ParseException {
        String uri = request.getRequestURI().toString();
        CallIdHeader callIdHeader = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        String callId = callIdHeader == null ? "" : callIdHeader.getCallId();
        if (!async) {
            tx.sendResponse(response(request, routing.route(uri, callId, request.getMethod(), deadline)));
            return;
        }
        routing.routeAsync(uri, callId, request.getMethod(), deadline).whenComplete((a, failure) -> {
            try {
                if (failure != null) {
                    throw failure;   // a bug: httpcon's results never complete exceptionally
                }
                tx.sendResponse(response(request, a));
            } catch (Throwable e) {
                LOG.log(Level.WARNING, request.getMethod() + " " + uri + ": not answered: " + e, e);
            }
        });
    }

    /** The final response for {@code request} saying {@code a}. */
    private Response response(Request request, SipAnswer a) throws ParseException {
        Response r = messages.createResponse(a.status(), request);
        r.setReasonPhrase(a.reason());
        if (a.contact() != null) {
            try {
                r.addHeader(headers.createContactHeader(addresses.createAddress(addresses.createURI(a.contact()))));
            } catch (ParseException badUri) {
                LOG.warning(() -> "routing API contact " + a.contact() + " is not a valid SIP URI: " + badUri.getMessage());
                r = messages.createResponse(Response.SERVER_INTERNAL_ERROR, request);
                r.setReasonPhrase("Routing API gave no SIP URI");
            }
        }
        if (a.retryAfter() != null) {
            try {
                r.addHeader(headers.createRetryAfterHeader(a.retryAfter()));
            } catch (InvalidArgumentException e) {
                throw new IllegalStateException("Retry-After " + a.retryAfter(), e);
            }
        }
        return withToTag(r);
    }

    /** A final response carries a To tag (RFC 3261 8.2.6.2). */
    private Response withToTag(Response r) throws ParseException {
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(Long.toHexString(tags.incrementAndGet()));
        }
        return r;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // a redirect server sends no requests, so it gets no responses
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // a final answer was never ACKed: the transaction ends, nothing to clean up
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warning(() -> "I/O error towards " + event.getHost() + ":" + event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    @Override
    public void close() {
        stack.stop();
    }
}
