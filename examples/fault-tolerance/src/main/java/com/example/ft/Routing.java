package com.example.ft;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.HttpResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Route lookups with MicroProfile Fault Tolerance around the httpcon call. */
@ApplicationScoped
public class Routing {

    @Inject @HttpCon("routing")              // with its failover chain, from the configuration
    HttpConnection routing;

    /** One more try of the whole chain after 200 ms, then a default route. */
    @Retry(maxRetries = 1, delay = 200, delayUnit = ChronoUnit.MILLIS,
            retryOn = RoutingUnavailableException.class)
    @Fallback(fallbackMethod = "defaultRoute")
    public String route(String user) {
        HttpResult r = routing.get("/route?user=" + user);
        if (r.isFailure()) {                 // a curl error or a status >= 500, after every failover hop
            throw new RoutingUnavailableException(r);
        }
        return r.code() == 200 ? r.bodyText() : null;   // 404: no route, not a failure
    }

    String defaultRoute(String user) {
        return "sip:" + user + "@voicemail.example.com";
    }

    /** FT's own timeout: it interrupts the calling thread, and httpcon ends the call with 42, no failover. */
    @Timeout(value = 300, unit = ChronoUnit.MILLIS)
    public String routeWithin300ms(String user) {
        return routing.get("/route?user=" + user).bodyText();
    }
}
