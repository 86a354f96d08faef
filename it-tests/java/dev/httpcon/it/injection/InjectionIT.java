package dev.httpcon.it.injection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import dev.httpcon.HttpResult;
import dev.httpcon.it.support.Deployments;
import dev.httpcon.it.support.Servers;
import dev.httpcon.testing.RecordedRequest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every way an application gets a connection, in an Arquillian deployment. */
@ExtendWith(ArquillianExtension.class)
class InjectionIT {

    @Deployment
    static JavaArchive deployment() {
        return Deployments.archive("injection",
                "httpclient.httpcon=routing=>" + Servers.base() + "/base;timeout=5s,"
                        + "other=>" + Servers.base() + "/pfx\n",
                ConstructorClient.class, RoutingServlet.class);
    }

    @Inject
    @HttpCon("routing")
    HttpConnection field;

    @Inject
    @HttpCon("routing")
    Instance<HttpConnection> instance;

    @Inject
    @HttpCon("absent")
    Instance<HttpConnection> absent;

    @Inject
    @Any
    Instance<HttpConnection> any;

    @Inject
    ConstructorClient constructorClient;

    @Inject
    HttpConnections connections;

    @Inject
    HttpQuery query;

    @Inject
    BeanManager beanManager;

    @Test
    void fieldInjectionSendsThroughTheNamedConnection() {
        HttpResult r = field.get("/json");
        assertEquals(200, r.code());
        assertEquals("{\"status\":\"ok\",\"n\":1}", r.bodyText());
        assertEquals("routing", r.servedBy());
        assertEquals("/base/json", Servers.reference().lastRequest().path());
        assertEquals("routing", field.name());
    }

    @Test
    void constructorInjection() {
        assertEquals("routing", constructorClient.connection().name());
        assertEquals(204, constructorClient.connection().get("/empty204").code());
    }

    @Test
    void instanceWithQualifier() {
        assertTrue(instance.isResolvable());
        assertEquals(200, instance.get().get("/json").code());
        assertFalse(absent.isResolvable(), "no connection 'absent' is defined");
    }

    @Test
    void programmaticLookup() {
        HttpConnection other = CDI.current().select(HttpConnection.class, HttpCon.Literal.of("other")).get();
        assertEquals("other", other.name());
        assertEquals(200, other.get("/json").code());
        assertEquals("/pfx/json", Servers.reference().lastRequest().path());
        HttpConnection viaBeanManager = beanManager.createInstance()
                .select(HttpConnection.class, HttpCon.Literal.of("routing")).get();
        assertEquals("routing", viaBeanManager.name());
    }

    @Test
    void oneBeanAnswersForEveryDefinedNameAndNoOther() {
        // One bean for all connections (the boot of many connections costs the container one bean),
        // qualified with every defined name: resolution still tells defined names from others.
        assertEquals(1, beanManager.getBeans(HttpConnection.class, HttpCon.Literal.of("routing")).size());
        assertEquals(beanManager.getBeans(HttpConnection.class, HttpCon.Literal.of("routing")),
                beanManager.getBeans(HttpConnection.class, HttpCon.Literal.of("other")));
        assertTrue(beanManager.getBeans(HttpConnection.class, HttpCon.Literal.of("absent")).isEmpty());
        assertFalse(CDI.current().select(HttpConnection.class, HttpCon.Literal.of("absent")).isResolvable());
        assertFalse(any.select(HttpCon.Literal.of("absent")).isResolvable());
        // The name asked for is the one served, however the lookup is made.
        assertEquals("other", any.select(HttpCon.Literal.of("other")).get().name());
        assertEquals("routing", any.select(HttpCon.Literal.of("routing")).get().name());
        assertEquals(200, any.select(HttpCon.Literal.of("other")).get().get("/json").code());
        assertEquals("/pfx/json", Servers.reference().lastRequest().path());
        // Every lookup of a name hands out the same connection object (no proxy, nothing per lookup).
        assertSame(CDI.current().select(HttpConnection.class, HttpCon.Literal.of("routing")).get(),
                CDI.current().select(HttpConnection.class, HttpCon.Literal.of("routing")).get());
        assertSame(field, instance.get());
    }

    @Test
    void aLookupThatNamesNoConnectionSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> any.get());
        assertTrue(e.getMessage().contains("@HttpCon(\"<name>\")"), e.getMessage());
        assertTrue(e.getMessage().contains("names none"), e.getMessage());
    }

    @Test
    void servletLikeClassInjectedByItsContainer() {
        Unmanaged<RoutingServlet> unmanaged = new Unmanaged<>(beanManager, RoutingServlet.class);
        Unmanaged.UnmanagedInstance<RoutingServlet> servlet = unmanaged.newInstance().produce().inject();
        try {
            assertEquals(200, servlet.get().doInvite("alice"));
            RecordedRequest seen = Servers.reference().lastRequest();
            assertEquals("/base/echo", seen.path());
            assertEquals("user=alice", seen.query());
        } finally {
            servlet.dispose();
        }
    }

    @Test
    void developerApiAndQueryBeans() {
        assertTrue(connections.exists("routing"));
        assertFalse(connections.exists("absent"));
        assertEquals(200, connections.connect("routing", "/json", null, null).code());
        assertEquals("application/json", connections.contentType("routing"));
        HttpResult posted = connections.connect("routing", "/echo", "text/plain", "hello");
        assertEquals(200, posted.code());
        assertEquals("POST", Servers.reference().lastRequest().method());
        assertEquals("hello", Servers.reference().lastRequest().bodyText());
        assertEquals(-1, connections.connect("absent", "/json", null, null).code());
        assertEquals(2, connections.list().size());
        HttpResult q = query.query(Servers.base() + "/multiline");
        assertEquals(200, q.code());
        assertEquals("line1", q.firstLine());
    }
}
