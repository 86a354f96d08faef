package dev.httpcon.restclient;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Produces;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * What httpcon itself requires of a typed client interface, before the Rest Client implementation
 * checks the rest (the spec's {@code RestClientDefinitionException} cases: two HTTP methods on one
 * method, path templates without parameters, ...). Internal.
 */
final class InterfaceCheck {

    /** Reactive Streams' type, named so that the check needs no dependency on it. */
    private static final String PUBLISHER = "org.reactivestreams.Publisher";
    private static final String EVENT_STREAM = "text/event-stream";

    private InterfaceCheck() {
    }

    /** Every reason {@code type} cannot be a typed client of a connection; empty if none. */
    static List<String> problems(Class<?> type) {
        List<String> problems = new ArrayList<>();
        if (!type.isInterface() || type.isAnnotation()) {
            problems.add("is not an interface; a typed client is a JAX-RS interface with @GET, @POST, ... methods");
            return problems;
        }
        boolean anyHttpMethod = false;
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            boolean http = httpMethod(m) != null;
            anyHttpMethod |= http;
            if (http && streamsEvents(type, m)) {
                problems.add("method " + m.getName() + "() receives server-sent events, which need a streaming"
                        + " response; httpcon reads every response whole (bounded by maxdatasize)");
            }
        }
        if (!anyHttpMethod) {
            problems.add(0, "has no method with an HTTP method annotation (@GET, @POST, @PUT, @DELETE, ...):"
                    + " it is not a Rest Client interface");
        }
        return problems;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    private static boolean streamsEvents(Class<?> type, Method m) {
        if (m.getReturnType().getName().equals(PUBLISHER)) {
            return true;
        }
        Produces p = m.getAnnotation(Produces.class);
        if (p == null) {
            p = type.getAnnotation(Produces.class);
        }
        if (p != null) {
            for (String value : p.value()) {
                for (String part : value.split(",")) {
                    if (part.trim().toLowerCase(java.util.Locale.ROOT).startsWith(EVENT_STREAM)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
