package dev.httpcon.otel;

import dev.httpcon.ConnectionState;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.Redaction;
import dev.httpcon.ReloadResult;
import dev.httpcon.core.ByRequestKind;
import dev.httpcon.core.DefinedConnections;
import dev.httpcon.core.Measurement;
import dev.httpcon.core.MetricsRecorder;
import dev.httpcon.core.Outcome;
import dev.httpcon.core.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The core's measurements as OpenTelemetry traces and metrics, following the stable HTTP semantic
 * conventions (the names and their meaning are listed in {@code docs/observability.md}).
 *
 * <p>Traces: one {@link SpanKind#CLIENT} span per HTTP request on the wire (the conventions ask for
 * one per physical request: a redirect followed and a re-send on a fresh connection are spans of
 * their own, with {@code http.request.resend_count}), named by its method, with W3C trace context
 * injected into that very request unless the connection says {@code propagate_trace=0}. A call on a
 * connection that names a failover gets an {@link SpanKind#INTERNAL} span {@code httpcon <connection>}
 * over the requests of every connection it tries, so a failover chain is one subtree.
 *
 * <p>Metrics: {@code http.client.request.duration} (per request, seconds, the conventions'
 * buckets); the original's {@code httpclient.connections}, {@code httpclient.connok},
 * {@code httpclient.connfail}; {@code httpcon.attempts}, {@code httpcon.failovers}, and what the
 * resilience concerns do: {@code httpcon.requests.skipped} (calls that skipped a connection not
 * AVAILABLE), {@code httpcon.requests.refused} (the overload guard's refusals) and
 * {@code httpcon.connection.state} (0 AVAILABLE, 1 NOTREACHABLE, 2 DISABLED, from a connection's
 * first change of state); {@code httpcon.reloads} (reloads of the configuration, by
 * {@code httpcon.outcome}: applied, unchanged, refused).
 *
 * <p>Reloads: {@code httpclient.connections} counts the connections defined now; a connection
 * added by a reload is measured from its first call; a changed one counts on; a removed one keeps
 * what it recorded (and counts on if defined again), but its state reads AVAILABLE again, as a
 * connection defined again starts.
 *
 * <p>Uses only the OpenTelemetry API, as it is in version 1.39 (what MicroProfile Telemetry 2.0
 * requires); the SDK and its exporters are the application's or the runtime's.
 */
public final class OtelRecorder implements MetricsRecorder, Tracing {

    /** The instrumentation scope of httpcon's spans and metrics. */
    public static final String SCOPE = "dev.httpcon";

    public static final String REQUEST_DURATION = "http.client.request.duration";

    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_REQUEST_METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> NETWORK_PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
    static final AttributeKey<String> CONNECTION = AttributeKey.stringKey("httpcon.connection");
    static final AttributeKey<String> FAILOVER = AttributeKey.stringKey("httpcon.failover");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("httpcon.outcome");
    static final AttributeKey<String> SERVED_BY = AttributeKey.stringKey("httpcon.served_by");
    static final AttributeKey<Long> ATTEMPT_COUNT = AttributeKey.longKey("httpcon.attempts");

    /** The HTTP semantic conventions' buckets for {@code http.client.request.duration}, in seconds. */
    static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0,
            2.5, 5.0, 7.5, 10.0);

    /** The methods the conventions know (RFC 9110 and PATCH); any other is {@code _OTHER}. */
    private static final Set<String> KNOWN_METHODS = Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH",
            "POST", "PUT", "TRACE");
    private static final String OTHER = "_OTHER";

    /**
     * The span builder class of a tracer that records nothing (the API's no-op, which the SDK also
     * hands out for a disabled tracer, e.g. with {@code otel.traces.exporter=none}): its spans
     * ignore attributes, so none are worked out for them (their parent is still set, so the
     * caller's trace context is sent on as before).
     */
    private static final Class<?> NOOP_SPAN_BUILDER = TracerProvider.noop().get(SCOPE).spanBuilder(SCOPE).getClass();

    /** How many kinds of request ({@link ByRequestKind}) keep their duration attributes. */
    private static final int KINDS = 1024;

    private static final TextMapSetter<BiConsumer<String, String>> SETTER = (headers, name, value) -> {
        if (headers != null) {
            headers.accept(name, value);
        }
    };

    private final Tracer tracer;
    private final boolean tracing;
    private final TextMapPropagator propagator;
    private final DoubleHistogram duration;
    private final LongCounter connok;
    private final LongCounter connfail;
    private final LongCounter attempts;
    private final LongCounter failovers;
    private final LongCounter skipped;
    private final LongCounter refused;
    private final LongCounter reloads;
    /** The names defined now (skips, refusals and states of others are not recorded) and their states. */
    private final DefinedConnections defined;
    /**
     * The attributes of each connection's attempts by outcome, made once per name (at boot, or by
     * the reload that defines it): an attempt only adds. Never removed: a removed connection's last
     * calls still count.
     */
    private final Map<String, Attributes[]> outcomes = new ConcurrentHashMap<>();
    /** The attributes naming each connection alone (skips, refusals, state), made once per name. */
    private final Map<String, Attributes> byConnection = new ConcurrentHashMap<>();
    private final Map<String, String> callSpanNames = new ConcurrentHashMap<>();
    /** The attributes of {@code http.client.request.duration}, made once per kind of request. */
    private final ByRequestKind<Attributes> durationAttributes = new ByRequestKind<>(OtelRecorder::durationAttributes, KINDS);

    /**
     * @param otel        where spans, metrics and the propagator come from
     * @param connections the names of the deployment's connections
     */
    public OtelRecorder(OpenTelemetry otel, Collection<String> connections) {
        this.defined = new DefinedConnections(connections);
        TracerProvider tracers = otel.getTracerProvider();
        this.tracer = tracers.get(SCOPE);
        this.tracing = tracers != TracerProvider.noop();
        this.propagator = otel.getPropagators().getTextMapPropagator();
        Meter meter = otel.getMeterProvider().get(SCOPE);
        this.duration = meter.histogramBuilder(REQUEST_DURATION)
                .setDescription("Duration of HTTP client requests.")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.connok = meter.counterBuilder(CONNOK)
                .setDescription("Attempts that got an answer below 500 (the original's counter).").build();
        this.connfail = meter.counterBuilder(CONNFAIL)
                .setDescription("Attempts that failed: a curl error or a status of 500 or more (the original's counter).")
                .build();
        this.attempts = meter.counterBuilder(ATTEMPTS)
                .setDescription("Attempts on each connection, by outcome: ok, server_error, transport_error.").build();
        this.failovers = meter.counterBuilder(FAILOVERS)
                .setDescription("Calls that went on to a connection after the one before it failed.").build();
        this.skipped = meter.counterBuilder(SKIPPED)
                .setDescription("Calls that skipped a connection because it was not AVAILABLE (not attempts).").build();
        this.refused = meter.counterBuilder(REFUSED)
                .setDescription("Calls the overload guard refused: max_concurrent calls were in flight (not attempts).")
                .build();
        meter.gaugeBuilder(STATE).ofLongs()
                .setDescription("Each connection's state: 0 AVAILABLE, 1 NOTREACHABLE, 2 DISABLED (from its first change).")
                .buildWithCallback(m -> defined.forEachState((c, state) -> m.record(state.ordinal(), byConnection.get(c))));
        this.reloads = meter.counterBuilder(RELOADS)
                .setDescription("Reloads of the configuration, by outcome: applied, unchanged, refused.").build();
        meter.gaugeBuilder(CONNECTIONS).ofLongs()
                .setDescription("Connection definitions (the original's counter).")
                .buildWithCallback(m -> m.record(defined.size()));
        connections(Set.copyOf(connections));
    }

    @Override
    public void connections(Set<String> names) {
        for (String c : names) {
            outcomes.computeIfAbsent(c, n -> {
                Attributes[] byOutcome = new Attributes[Outcome.values().length];
                for (Outcome o : Outcome.values()) {
                    byOutcome[o.ordinal()] = Attributes.of(CONNECTION, n, OUTCOME, o.label());
                }
                return byOutcome;
            });
            byConnection.computeIfAbsent(c, n -> Attributes.of(CONNECTION, n));
            callSpanNames.computeIfAbsent(c, n -> "httpcon " + n);
        }
        defined.define(names);
    }

    @Override
    public void reload(ReloadResult result) {
        reloads.add(1, Attributes.of(OUTCOME, MetricsRecorder.reloadOutcome(result)));
    }

    /**
     * Whether {@code otel} records anything: the no-op instance (MicroProfile Telemetry's with
     * {@code otel.sdk.disabled=true}, the default) is not worth a measurement per attempt.
     */
    public static boolean records(OpenTelemetry otel) {
        return otel.getTracerProvider() != TracerProvider.noop() || otel.getMeterProvider() != MeterProvider.noop();
    }

    // ---- metrics

    @Override
    public void attempt(Measurement attempt) {
        HttpResult result = attempt.result();
        (result.isFailure() ? connfail : connok).add(1);
        Attributes[] byOutcome = outcomes.get(attempt.connection());
        if (byOutcome != null) {
            attempts.add(1, byOutcome[Outcome.of(result).ordinal()]);
        }
    }

    @Override
    public void request(Measurement attempt) {
        duration.record(attempt.requestNanos() / 1e9, durationAttributes.get(attempt));
    }

    /** The conventions' attributes of a request's duration, plus the connection. */
    private static Attributes durationAttributes(Measurement attempt) {
        AttributesBuilder a = Attributes.builder()
                .put(HTTP_REQUEST_METHOD, method(attempt.method()))
                .put(SERVER_ADDRESS, attempt.serverAddress())
                .put(SERVER_PORT, (long) attempt.serverPort())
                .put(CONNECTION, attempt.connection());
        if (attempt.status() > 0) {
            a.put(HTTP_RESPONSE_STATUS_CODE, (long) attempt.status());
        }
        String error = attempt.errorType();
        if (error != null) {
            a.put(ERROR_TYPE, error);
        }
        if (attempt.protocolVersion() != null) {
            a.put(NETWORK_PROTOCOL_VERSION, attempt.protocolVersion());
        }
        return a.build();
    }

    @Override
    public void failover(String from, String to) {
        failovers.add(1, Attributes.of(CONNECTION, to, FAILOVER, from));
    }

    @Override
    public void skipped(String connection) {
        Attributes a = defined.contains(connection) ? byConnection.get(connection) : null;
        if (a != null) {
            skipped.add(1, a);
        }
    }

    @Override
    public void refused(String connection) {
        Attributes a = defined.contains(connection) ? byConnection.get(connection) : null;
        if (a != null) {
            refused.add(1, a);
        }
    }

    @Override
    public void state(String connection, ConnectionState state) {
        defined.report(connection, state);
    }

    // ---- traces

    @Override
    public Tracing tracing() {
        return tracing ? this : null;
    }

    @Override
    public Object startCall(String connection, HttpRequest request) {
        Context parent = Context.current();
        String name = callSpanNames.get(connection);
        SpanBuilder b = tracer.spanBuilder(name != null ? name : "httpcon " + connection).setParent(parent);
        if (b.getClass() != NOOP_SPAN_BUILDER) {
            b.setSpanKind(SpanKind.INTERNAL)
                    .setAttribute(CONNECTION, connection)
                    .setAttribute(HTTP_REQUEST_METHOD, method(request.method()));
            correlate(b, request);
        }
        return parent.with(b.startSpan());
    }

    @Override
    public void endCall(Object call, HttpResult result) {
        Span span = Span.fromContext((Context) call);
        if (!span.isRecording()) {   // sampled out or traces off: attributes would be dropped
            span.end();
            return;
        }
        if (result.servedBy() != null) {
            span.setAttribute(SERVED_BY, result.servedBy());
        }
        span.setAttribute(ATTEMPT_COUNT, (long) Math.max(1, result.attempts().size()));
        if (result.hasStatus()) {
            span.setAttribute(HTTP_RESPONSE_STATUS_CODE, status(result.status()));
        }
        String error = Measurement.errorType(result);
        if (error != null) {
            span.setAttribute(ERROR_TYPE, error);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    @Override
    public Object startRequest(Measurement attempt, Object call, BiConsumer<String, String> headers) {
        Context parent = call != null ? (Context) call : Context.current();
        String method = method(attempt.method());
        SpanBuilder b = tracer.spanBuilder(method == OTHER ? "HTTP" : method).setParent(parent);
        boolean recording = b.getClass() != NOOP_SPAN_BUILDER;
        if (recording) {
            b.setSpanKind(SpanKind.CLIENT)
                    .setAttribute(HTTP_REQUEST_METHOD, method)
                    .setAttribute(SERVER_ADDRESS, attempt.serverAddress())
                    .setAttribute(SERVER_PORT, port(attempt.serverPort()))
                    .setAttribute(URL_FULL, Redaction.url(attempt.url()))
                    .setAttribute(CONNECTION, attempt.connection());
            if (method == OTHER) {
                b.setAttribute(HTTP_REQUEST_METHOD_ORIGINAL, attempt.method());
            }
            if (attempt.resendCount() > 0) {
                b.setAttribute(HTTP_REQUEST_RESEND_COUNT, (long) attempt.resendCount());
            }
            if (attempt.failoverFrom() != null) {
                b.setAttribute(FAILOVER, attempt.failoverFrom());
            }
            correlate(b, attempt.request());
        }
        Span span = b.startSpan();
        if (headers != null) {
            // A no-op builder's span is the parent's span context again: the parent says the same.
            propagator.inject(recording ? parent.with(span) : parent, headers, SETTER);
        }
        return span;
    }

    @Override
    public void endRequest(Object request, Measurement attempt) {
        Span span = (Span) request;
        if (!span.isRecording()) {   // sampled out or traces off: attributes would be dropped
            span.end();
            return;
        }
        if (attempt.status() > 0) {
            span.setAttribute(HTTP_RESPONSE_STATUS_CODE, status(attempt.status()));
        }
        if (attempt.protocolVersion() != null) {
            span.setAttribute(NETWORK_PROTOCOL_VERSION, attempt.protocolVersion());
        }
        String error = attempt.errorType();
        if (error != null) {
            span.setAttribute(ERROR_TYPE, error);
            // The description only where the status code does not say it (the conventions): curl's
            // fixed text for the error, never the message, which names hosts and paths.
            if (attempt.error() != null) {
                span.setStatus(StatusCode.ERROR, attempt.error().text());
            } else {
                span.setStatus(StatusCode.ERROR);
            }
        }
        span.end();
    }

    /** Statuses as the attribute's {@code Long}: boxed once, not per span (the SDK keeps the object). */
    private static final Long[] STATUSES = new Long[1000];

    static {
        for (int i = 0; i < STATUSES.length; i++) {
            STATUSES[i] = (long) i;
        }
    }

    private static Long status(int status) {
        return status >= 0 && status < STATUSES.length ? STATUSES[status] : Long.valueOf(status);
    }

    /** The last port's {@code Long}, reused while requests go to the same port (the usual case). */
    private volatile Long lastPort;

    private Long port(int port) {
        Long p = lastPort;
        if (p == null || p != port) {
            p = (long) port;
            lastPort = p;
        }
        return p;
    }

    /** The caller's correlation attributes, as they are (documented as never redacted). */
    private static void correlate(SpanBuilder b, HttpRequest request) {
        if (!request.attributes().isEmpty()) {
            request.attributes().forEach(b::setAttribute);
        }
    }

    /** The method as the conventions want it: a known one as it is, any other {@code _OTHER}. */
    static String method(String method) {
        return KNOWN_METHODS.contains(method) ? method : OTHER;
    }

    @Override
    public String toString() {
        return "OtelRecorder[tracing=" + tracing + "]";
    }
}
