package dev.httpcon.cli;

import dev.httpcon.metrics.MpMetricsRecorder;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The counters as MicroProfile Metrics holds them (the ones the extension's metrics interceptor
 * updates): the original's {@code httpclient.connections}, {@code connok} and {@code connfail},
 * and per connection the attempts by outcome.
 */
final class CountersView {

    private CountersView() {
    }

    /**
     * {@code {"cmd":...,"connections":n,"connok":n,"connfail":n,"perConnection":{"name":{"ok":n,
     * "serverError":n,"transportError":n,"skipped":n,"refused":n},...}}}.
     */
    static Map<String, Object> json(String cmd, MetricRegistry registry, Collection<String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmd", cmd);
        Gauge<?> defined = registry.getGauge(new MetricID(MpMetricsRecorder.CONNECTIONS));
        m.put("connections", defined == null ? 0L : defined.getValue().longValue());
        m.put("connok", registry.counter(MpMetricsRecorder.CONNOK).getCount());
        m.put("connfail", registry.counter(MpMetricsRecorder.CONNFAIL).getCount());
        Map<String, Object> per = new LinkedHashMap<>();
        for (String name : names) {
            Tag tag = new Tag("connection", name);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("ok", registry.counter(MpMetricsRecorder.REQUESTS_OK, tag).getCount());
            c.put("serverError", registry.counter(MpMetricsRecorder.REQUESTS_SERVER_ERROR, tag).getCount());
            c.put("transportError", registry.counter(MpMetricsRecorder.REQUESTS_TRANSPORT_ERROR, tag).getCount());
            c.put("skipped", registry.counter(MpMetricsRecorder.REQUESTS_SKIPPED, tag).getCount());
            c.put("refused", registry.counter(MpMetricsRecorder.REQUESTS_REFUSED, tag).getCount());
            per.put(name, c);
        }
        m.put("perConnection", per);
        return m;
    }

    /** The same as lines: the three module counters, then one line per connection. */
    static String text(Map<String, Object> json) {
        StringBuilder sb = new StringBuilder();
        sb.append(MpMetricsRecorder.CONNECTIONS).append(' ').append(json.get("connections")).append('\n');
        sb.append(MpMetricsRecorder.CONNOK).append(' ').append(json.get("connok")).append('\n');
        sb.append(MpMetricsRecorder.CONNFAIL).append(' ').append(json.get("connfail")).append('\n');
        Map<?, ?> per = (Map<?, ?>) json.get("perConnection");
        int width = 0;
        for (Object name : per.keySet()) {
            width = Math.max(width, name.toString().length());
        }
        for (Map.Entry<?, ?> e : per.entrySet()) {
            Map<?, ?> c = (Map<?, ?>) e.getValue();
            sb.append(String.format("  %-" + width + "s  ok=%s server_error=%s transport_error=%s skipped=%s refused=%s\n",
                    e.getKey(), c.get("ok"), c.get("serverError"), c.get("transportError"), c.get("skipped"),
                    c.get("refused")));
        }
        return sb.toString();
    }
}
