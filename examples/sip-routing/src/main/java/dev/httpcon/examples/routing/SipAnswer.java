package dev.httpcon.examples.routing;

import dev.httpcon.CurlError;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The SIP final response for what the routing API said: the one place where httpcon results
 * become SIP answers (the table in {@code docs/sip.md}), shared by the sip-servlet and sip-router
 * examples.
 *
 * <pre>{@code
 * SipAnswer a = SipAnswer.of(routing.send(SipAnswer.routeRequest(requestUri, callId, "INVITE", deadline)));
 * SipServletResponse resp = req.createResponse(a.status(), a.reason());
 * if (a.contact() != null) resp.setHeader("Contact", "<" + a.contact() + ">");
 * if (a.retryAfter() != null) resp.setHeader("Retry-After", a.retryAfter().toString());
 * }</pre>
 *
 * <pre>
 * httpcon result (after the failover chain)               SIP answer
 * 200 whose first body line is a sip: or sips: URI        302 Moved Temporarily, Contact: that URI
 * 404                                                     404 Not Found
 * 403                                                     403 Forbidden
 * code 28: the last connection tried timed out            504 Server Time-out
 * any other failure: curl error 1..99 or HTTP &gt;= 500      503 Service Unavailable, Retry-After: 5
 * anything else (200 without a SIP URI, other 1xx-4xx, -1) 500 Server Internal Error
 * </pre>
 *
 * @param status     the SIP status code
 * @param reason     the reason phrase
 * @param contact    the URI for the Contact header of a 302, else {@code null}
 * @param retryAfter seconds for the Retry-After header of a 503, else {@code null}
 */
public record SipAnswer(int status, String reason, String contact, Integer retryAfter) {

    /**
     * How long a caller should wait before retrying after every routing connection failed: long
     * enough for a restarted routing API to come back, short enough that a caller does not give up.
     */
    public static final int RETRY_AFTER_SECONDS = 5;

    public SipAnswer {
        Objects.requireNonNull(reason, "reason must be set");
    }

    /** The routing API's request for a SIP Request-URI: {@code /route?uri=<encoded URI>}. */
    public static String routePath(String requestUri) {
        return "/route?uri=" + URLEncoder.encode(requestUri, StandardCharsets.UTF_8);
    }

    /**
     * The routing API's request for a SIP request: {@code GET /route?uri=<encoded Request-URI>},
     * due by {@code deadlineNanoTime} (a {@link System#nanoTime()} value: what is left of the SIP
     * transaction; every hop of the failover chain together ends by then, code 28, a 504), and
     * carrying the SIP Call-ID and method as correlation attributes ({@code sip.call_id},
     * {@code sip.method}): never sent, they are on the lookup's spans and at the end of httpcon's
     * log lines about it. A Call-ID longer than httpcon allows for an attribute is cut.
     */
    public static HttpRequest routeRequest(String requestUri, String callId, String method, long deadlineNanoTime) {
        String id = callId == null ? "" : callId;
        return HttpRequest.builder("GET", routePath(requestUri))
                .deadlineNanoTime(deadlineNanoTime)
                .attribute("sip.call_id", id.length() > HttpRequest.MAX_ATTRIBUTE_LENGTH
                        ? id.substring(0, HttpRequest.MAX_ATTRIBUTE_LENGTH) : id)
                .attribute("sip.method", method)
                .build();
    }

    /** The answer for the routing API's result. */
    public static SipAnswer of(HttpResult r) {
        if (r.error() == CurlError.OPERATION_TIMEDOUT) {
            return new SipAnswer(504, "Server Time-out", null, null);
        }
        if (r.isFailure()) {
            return new SipAnswer(503, "Service Unavailable", null, RETRY_AFTER_SECONDS);
        }
        switch (r.code()) {
            case 200: {
                String contact = r.firstLine().trim();
                return isSipUri(contact)
                        ? new SipAnswer(302, "Moved Temporarily", contact, null)
                        : new SipAnswer(500, "Routing API gave no SIP URI", null, null);
            }
            case 404:
                return new SipAnswer(404, "Not Found", null, null);
            case 403:
                return new SipAnswer(403, "Forbidden", null, null);
            default:
                return new SipAnswer(500, "Routing API answered " + r.code(), null, null);
        }
    }

    /**
     * A bare sip:/sips: URI that can stand between angle brackets in a Contact header: anything
     * else from the API (a name-addr, a list, a stray header) is refused, not copied into SIP.
     */
    public static boolean isSipUri(String s) {
        if (!(s.startsWith("sip:") || s.startsWith("sips:")) || s.indexOf(':') == s.length() - 1) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
