package dev.httpcon.cdi;

import dev.httpcon.HttpRequest;
import jakarta.interceptor.InvocationContext;
import java.util.Set;

/**
 * The request behind an intercepted call of {@code get}, {@code post} or {@code send}, so that the
 * failover interceptor can re-send exactly what the caller asked for. Internal.
 */
final class Invocations {

    /** The connection methods that send a request and are intercepted. */
    static final Set<String> SENDING_METHODS = Set.of("get", "post", "send");

    private Invocations() {
    }

    static HttpRequest request(InvocationContext ctx) {
        Object[] args = ctx.getParameters();
        switch (ctx.getMethod().getName()) {
            case "get":
                return HttpRequest.get((String) args[0]);
            case "post":
                return HttpRequest.post((String) args[0], (String) args[1], (String) args[2]);
            case "send":
                return (HttpRequest) args[0];
            default:
                throw new IllegalStateException("not a sending method: " + ctx.getMethod());
        }
    }
}
