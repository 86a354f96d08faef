package dev.httpcon.examples.sipservlet;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.URI;

/**
 * The smallest stand-ins for the container's objects: an INVITE whose {@code createResponse}
 * gives responses that record themselves when sent. Every method the servlet is not expected to
 * call throws, so a servlet that starts depending on more of the container fails here loudly.
 */
final class SipStandIns {

    /** A response as it was sent. */
    record Sent(int status, String reason, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final SipServletRequest invite;

    private SipStandIns(String requestUri) {
        URI uri = proxy(URI.class, (m, args) -> {
            throw unexpected(m);
        }, requestUri);
        invite = proxy(SipServletRequest.class, (m, args) -> {
            switch (m.getName()) {
                case "getMethod":
                    return "INVITE";
                case "getRequestURI":
                    return uri;
                case "createResponse":
                    return response((Integer) args[0], args.length > 1 ? (String) args[1] : null);
                default:
                    throw unexpected(m);
            }
        }, "INVITE " + requestUri);
    }

    /** An INVITE for this Request-URI. */
    static SipStandIns invite(String requestUri) {
        return new SipStandIns(requestUri);
    }

    SipServletRequest request() {
        return invite;
    }

    /** Every response sent, in order. */
    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The last response sent (the final one). */
    Sent last() {
        if (sent.isEmpty()) {
            throw new AssertionError("no response was sent");
        }
        return sent.get(sent.size() - 1);
    }

    private SipServletResponse response(int status, String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        String phrase = reason != null ? reason : status == 100 ? "Trying" : "";
        return proxy(SipServletResponse.class, (m, args) -> {
            switch (m.getName()) {
                case "getStatus":
                    return status;
                case "getReasonPhrase":
                    return phrase;
                case "setHeader":
                    headers.put((String) args[0], (String) args[1]);
                    return null;
                case "send":
                    sent.add(new Sent(status, phrase, Map.copyOf(headers)));
                    return null;
                default:
                    throw unexpected(m);
            }
        }, "SIP/2.0 " + status + " " + phrase);
    }

    /** What a stand-in answers, given the method and its arguments. */
    private interface Answer {
        Object answer(Method m, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Answer answer, String text) {
        InvocationHandler h = (self, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                switch (m.getName()) {
                    case "toString":
                        return text;
                    case "hashCode":
                        return System.identityHashCode(self);
                    case "equals":
                        return self == args[0];
                    default:
                        throw unexpected(m);
                }
            }
            return answer.answer(m, args == null ? new Object[0] : args);
        };
        return type.cast(Proxy.newProxyInstance(SipStandIns.class.getClassLoader(), new Class<?>[] {type}, h));
    }

    private static UnsupportedOperationException unexpected(Method m) {
        return new UnsupportedOperationException("the servlet called " + m.getDeclaringClass().getSimpleName()
                + "." + m.getName() + ", which this stand-in does not provide");
    }
}
