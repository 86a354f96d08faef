package dev.httpcon.it.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.ConnectionInfo;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.metrics.MpMetricsRecorder;
import dev.httpcon.testing.RefusedPort;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics interceptor with SmallRye Metrics: after a known sequence of calls the original's
 * counters and the per-connection figures have exactly the expected values. SmallRye keeps
 * registries for the whole JVM, so the test compares before and after.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    @Deployment
    static JavaArchive deployment() {
        String h = Servers.base();
        return Deployments.archive("metrics",
                "httpclient.httpcon=m_ok=>" + h + ",m_dead=>http://127.0.0.1:" + RefusedPort.shared().port()
                        + ",m_fo=>" + h + "/fail;failover=m_backup,m_backup=>" + h + "/backup\n");
    }

    @Inject
    MetricRegistry registry;

    @Inject
    @HttpCon("m_ok")
    HttpConnection ok;

    @Inject
    @HttpCon("m_dead")
    HttpConnection dead;

    @Inject
    @HttpCon("m_fo")
    HttpConnection failingOver;

    @Inject
    HttpConnections connections;

    @Test
    void countsAfterAKnownSequence() {
        Map<String, Long> before = snapshot();

        ok.get("/json");          // ok
        ok.get("/notfound");      // ok: a 404 is a working connection
        ok.get("/error500");      // server error
        dead.get("/json");        // transport error (7)
        failingOver.get("/x");    // m_fo: 503 (fail), then m_backup: 200 (ok)

        Map<String, Long> after = snapshot();
        assertEquals(3, delta(before, after, MpMetricsRecorder.CONNOK), "json, notfound, backup");
        assertEquals(3, delta(before, after, MpMetricsRecorder.CONNFAIL), "error500, dead, m_fo");
        assertEquals(2, delta(before, after, MpMetricsRecorder.REQUESTS_OK + "/m_ok"));
        assertEquals(1, delta(before, after, MpMetricsRecorder.REQUESTS_SERVER_ERROR + "/m_ok"));
        assertEquals(1, delta(before, after, MpMetricsRecorder.REQUESTS_TRANSPORT_ERROR + "/m_dead"));
        assertEquals(1, delta(before, after, MpMetricsRecorder.REQUESTS_SERVER_ERROR + "/m_fo"));
        assertEquals(1, delta(before, after, MpMetricsRecorder.REQUESTS_OK + "/m_backup"));
        assertEquals(3, delta(before, after, MpMetricsRecorder.DURATION + "/m_ok"));
        assertEquals(1, delta(before, after, MpMetricsRecorder.DURATION + "/m_backup"));
        assertEquals(1, delta(before, after, MpMetricsRecorder.FAILOVERS), "m_fo to m_backup");

        Gauge<?> defined = registry.getGauge(new MetricID(MpMetricsRecorder.CONNECTIONS));
        assertEquals(4, defined.getValue().intValue());

        Map<String, long[]> listcon = new LinkedHashMap<>();
        for (ConnectionInfo c : connections.list()) {
            listcon.put(c.name(), new long[] {c.ok(), c.fail()});
        }
        assertEquals(2, listcon.get("m_ok")[0]);
        assertEquals(1, listcon.get("m_ok")[1]);
        assertEquals(1, listcon.get("m_dead")[1]);
        assertEquals(1, listcon.get("m_fo")[1]);
        assertEquals(0, listcon.get("m_fo")[0]);
        assertEquals(1, listcon.get("m_backup")[0]);
    }

    private Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(MpMetricsRecorder.CONNOK, registry.counter(MpMetricsRecorder.CONNOK).getCount());
        m.put(MpMetricsRecorder.CONNFAIL, registry.counter(MpMetricsRecorder.CONNFAIL).getCount());
        m.put(MpMetricsRecorder.FAILOVERS, registry.counter(MpMetricsRecorder.FAILOVERS,
                new Tag("connection", "m_backup"), new Tag("failover", "m_fo")).getCount());
        for (String c : new String[] {"m_ok", "m_dead", "m_fo", "m_backup"}) {
            Tag tag = new Tag("connection", c);
            m.put(MpMetricsRecorder.REQUESTS_OK + "/" + c, registry.counter(MpMetricsRecorder.REQUESTS_OK, tag).getCount());
            m.put(MpMetricsRecorder.REQUESTS_SERVER_ERROR + "/" + c,
                    registry.counter(MpMetricsRecorder.REQUESTS_SERVER_ERROR, tag).getCount());
            m.put(MpMetricsRecorder.REQUESTS_TRANSPORT_ERROR + "/" + c,
                    registry.counter(MpMetricsRecorder.REQUESTS_TRANSPORT_ERROR, tag).getCount());
            m.put(MpMetricsRecorder.DURATION + "/" + c, registry.timer(MpMetricsRecorder.DURATION, tag).getCount());
        }
        return m;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.get(key) - before.get(key);
    }
}
