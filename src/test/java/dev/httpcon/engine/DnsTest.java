package dev.httpcon.engine;

import dev.httpcon.testing.Via;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.testing.ReferenceServer;
import dev.httpcon.testing.ReferenceServerExtension;
import dev.httpcon.testing.TestProxy;
import dev.httpcon.testing.TestSettings;
import dev.httpcon.testing.Timing;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Name resolution obeys the attempt's deadline, end to end through HttpClient: the names used
 * here exist only in the lookup each test gives the engine (no dependence on this machine's DNS),
 * and they all lead to the reference server on 127.0.0.1.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Via.class, names = {"CLASSIC", "ASYNC"})
class DnsTest extends EngineTestBase {

    /** The classic and the asynchronous attempt, with the same expectations. */
    @Parameter
    Via via;

    @Override
    protected Via via() {
        return via;
    }

    @RegisterExtension
    static final ReferenceServerExtension SERVER = new ReferenceServerExtension();
    private final ReferenceServer server = SERVER.server();

    private final CountDownLatch never = new CountDownLatch(1);
    /** Every name looked up, in order. */
    private final List<String> looked = new CopyOnWriteArrayList<>();

    @AfterEach
    void releaseHungLookups() {
        never.countDown();
    }

    /**
     * The test world's resolver: {@code hung.*} never answers, {@code gone.*} does not exist,
     * {@code slow.*} answers after 300 ms, anything else is 127.0.0.1 at once.
     */
    private InetAddress[] lookup(String host) throws UnknownHostException {
        looked.add(host);
        if (host.startsWith("hung.")) {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        }
        if (host.startsWith("gone.")) {
            throw new UnknownHostException(host + ": Name or service not known");
        }
        if (host.startsWith("slow.")) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
    }

    private HttpEngine engine(HostResolver.Ttl ttl) {
        return use(new HttpEngine(TestSettings.settings(), this::lookup, ttl));
    }

    @Override
    protected HttpResult get(ConnectionSettings c, String path) {
        return engine(HostResolver.Ttl.ofSeconds(30, 10)).execute(c, HttpRequest.get(path));
    }

    private ConnectionSettings named(String host, long timeoutMillis) {
        return TestSettings.connection("dns", server.url(host, "")).timeoutMillis(timeoutMillis).build();
    }

    @Test
    void aResolverThatNeverAnswersIsCode28AtTheDeadline() {
        HttpResult r = get(named("hung.example", 1000), "/json");

        assertEquals(28, r.code(), r.toString());
        assertEquals(CurlError.OPERATION_TIMEDOUT, r.error());
        assertEquals("Resolving timed out after 1000 milliseconds", r.message());
        Timing.assertNotBefore(r.elapsed(), Duration.ofMillis(1000), r);
        Timing.assertEndedByDeadline(r.elapsed(), Duration.ofMillis(1000), r);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void noSuchHostIsCode6AtOnce() {
        HttpResult r = get(named("gone.example", 20_000), "/json");

        assertEquals(6, r.code(), r.toString());
        assertEquals("Could not resolve host: gone.example", r.message());
        assertTrue(r.elapsed().toMillis() < 10_000, "not held until the deadline: " + r.elapsed());
    }

    @Test
    void aSlowButTimelyResolverIsFineAndHttpClientConnectsWhereItSaid() {
        HttpResult r = get(named("slow.example", 2000), "/json");

        assertEquals(200, r.code(), r.toString());
        assertEquals("slow.example:" + server.port(), server.lastRequest().header("Host"));
        assertEquals(List.of("slow.example"), looked, "HttpClient itself looked nothing up");
    }

    @Test
    void aCachedNameIsNotLookedUpAgainAndATtlOfZeroLooksUpEveryTime() {
        ConnectionSettings c = TestSettings.connection("dns", server.url("api.example", "")).keepConnections(false)
                .build();
        HttpEngine cached = engine(HostResolver.Ttl.ofSeconds(30, 10));
        assertEquals(200, send(cached, c, HttpRequest.get("/json")).code());
        assertEquals(200, send(cached, c, HttpRequest.get("/json")).code());
        assertEquals(1, looked.size());

        HttpEngine uncached = engine(HostResolver.Ttl.ofSeconds(0, 0));
        assertEquals(200, send(uncached, c, HttpRequest.get("/json")).code());
        assertEquals(200, send(uncached, c, HttpRequest.get("/json")).code());
        assertEquals(3, looked.size());
    }

    @Test
    void aRedirectToAnotherHostResolvesUnderTheSameDeadline() {
        String hung = "http://hung.example:" + server.port() + "/json";

        HttpResult r = get(named("api.example", 1000), "/redirect-to?url=" + hung);

        assertEquals(28, r.code(), r.toString());
        assertEquals(1, r.redirects().size());
        Timing.assertEndedByDeadline(r.elapsed(), Duration.ofMillis(1000), r);
    }

    @Test
    void theProxysNameIsResolvedAndTheTargetsIsLeftToTheProxy() {
        TestProxy proxy = use(TestProxy.start());
        // the proxy (a real one) resolves the target's name itself: a name it knows
        ConnectionSettings c = TestSettings.connection("px", server.url("localhost", ""))
                .proxy("proxy.example", proxy.port()).timeoutMillis(5000).build();

        HttpResult r = get(c, "/json");

        assertEquals(200, r.code(), r.toString());
        assertEquals(List.of("GET http://localhost:" + server.port() + "/json HTTP/1.1"), proxy.requestLines());
        assertEquals(List.of("proxy.example"), looked);
    }

    @Test
    void anUnresolvableProxyIsCode5AndAHungOneCode28() {
        ConnectionSettings gone = TestSettings.connection("px", server.url()).proxy("gone.example", 3128)
                .timeoutMillis(20_000).build();
        ConnectionSettings hung = TestSettings.connection("px", server.url()).proxy("hung.example", 3128)
                .timeoutMillis(1000).build();

        HttpResult r = get(gone, "/json");
        HttpResult h = get(hung, "/json");

        assertEquals(5, r.code(), r.toString());
        assertEquals("Could not resolve proxy: gone.example", r.message());
        assertEquals(28, h.code(), h.toString());
        Timing.assertEndedByDeadline(h.elapsed(), Duration.ofMillis(1000), h);
    }

    @Test
    void withoutADeadlineAResolverIsWaitedFor() {
        ConnectionSettings c = TestSettings.connection("dns", server.url("slow.example", "")).timeout(Duration.ZERO)
                .build();

        assertEquals(200, get(c, "/json").code());
    }
}
