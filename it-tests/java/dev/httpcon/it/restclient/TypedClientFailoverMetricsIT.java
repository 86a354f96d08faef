package dev.httpcon.it.restclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.httpcon.HttpCon;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.metrics.MpMetricsRecorder;
import dev.httpcon.testing.RecordedRequest;
import dev.httpcon.testing.ReferenceApi;
import dev.httpcon.testing.RefusedPort;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A typed client fails over like the connection it is bound to (a curl error or a status of 500 or
 * more sends the same request to the next connection), and its attempts are counted in the same
 * metrics, each on the connection that made it.
 */
@ExtendWith(ArquillianExtension.class)
class TypedClientFailoverMetricsIT {

    private static final String API = ReferenceApi.class.getName();

    @Deployment
    static JavaArchive deployment() {
        String h = Servers.base();
        return Deployments.archive("typed-client-failover", String.join("\n",
                "httpclient.httpcon=tf_dead=>http://127.0.0.1:" + RefusedPort.shared().port() + ";failover=tf_backup,"
                        + "tf_5xx=>" + h + "/fail;failover=tf_echo,"
                        + "tf_echo=>" + h + ","
                        + "tf_backup=>" + h + "/backup,"
                        + "tf_all=>" + h + "/fail;failover=tf_all2,"
                        + "tf_all2=>" + h + "/fail2",
                "httpclient.connection.tf_dead.rest-clients=" + API,
                "httpclient.connection.tf_5xx.rest-clients=" + API,
                "httpclient.connection.tf_all.rest-clients=" + API,
                ""));
    }

    @Inject
    @HttpCon("tf_dead")
    ReferenceApi deadPrimary;

    @Inject
    @HttpCon("tf_5xx")
    ReferenceApi failingPrimary;

    @Inject
    @HttpCon("tf_all")
    ReferenceApi allFailing;

    @Inject
    MetricRegistry registry;

    @Test
    void refusedPrimaryFailsOverToTheBackup() {
        long transportErrors = count(MpMetricsRecorder.REQUESTS_TRANSPORT_ERROR, "tf_dead");
        long backupOk = count(MpMetricsRecorder.REQUESTS_OK, "tf_backup");
        long connfail = registry.counter(MpMetricsRecorder.CONNFAIL).getCount();
        long connok = registry.counter(MpMetricsRecorder.CONNOK).getCount();

        ReferenceApi.Backup b = deadPrimary.route();

        assertEquals("backup", b.servedBy);
        assertEquals("/backup/route", b.path);
        assertEquals(transportErrors + 1, count(MpMetricsRecorder.REQUESTS_TRANSPORT_ERROR, "tf_dead"));
        assertEquals(backupOk + 1, count(MpMetricsRecorder.REQUESTS_OK, "tf_backup"));
        assertEquals(connfail + 1, registry.counter(MpMetricsRecorder.CONNFAIL).getCount());
        assertEquals(connok + 1, registry.counter(MpMetricsRecorder.CONNOK).getCount());
    }

    @Test
    void serverErrorFailsOverWithTheSameJsonBody() {
        long serverErrors = count(MpMetricsRecorder.REQUESTS_SERVER_ERROR, "tf_5xx");
        long durations = registry.timer(MpMetricsRecorder.DURATION, new Tag("connection", "tf_echo")).getCount();
        Servers.reference().reset();

        ReferenceApi.Echo e = failingPrimary.post(new ReferenceApi.Payload("retry-me", 3));

        assertEquals("/echo", e.path, "answered by tf_echo");
        List<RecordedRequest> seen = Servers.reference().requests();
        assertEquals(List.of("/fail/echo", "/echo"), seen.stream().map(RecordedRequest::path).toList());
        for (RecordedRequest r : seen) {
            assertEquals("POST", r.method());
            assertEquals("{\"amount\":3,\"name\":\"retry-me\"}", r.bodyText());
            assertEquals("application/json", r.header("Content-Type"));
        }
        assertEquals(serverErrors + 1, count(MpMetricsRecorder.REQUESTS_SERVER_ERROR, "tf_5xx"));
        assertEquals(durations + 1,
                registry.timer(MpMetricsRecorder.DURATION, new Tag("connection", "tf_echo")).getCount());
    }

    @Test
    void whenEveryConnectionFailsTheLastStatusIsTheException() {
        WebApplicationException e = assertThrows(WebApplicationException.class, () -> allFailing.json());
        assertEquals(503, e.getResponse().getStatus());
        assertEquals("fail prefix\n", e.getResponse().readEntity(String.class));
    }

    private long count(String metric, String connection) {
        return registry.counter(metric, new Tag("connection", connection)).getCount();
    }
}
