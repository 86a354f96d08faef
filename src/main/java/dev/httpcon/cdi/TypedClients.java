package dev.httpcon.cdi;

import dev.httpcon.HttpCon;
import dev.httpcon.HttpConnection;
import dev.httpcon.config.ConnectionSettings;
import dev.httpcon.config.HttpConSettings;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The typed Rest Client beans a deployment asks for: {@code @HttpCon("x") SomeInterface} injection
 * points (also through {@code Instance<SomeInterface>}) and the interfaces named in
 * {@code httpclient.connection.<x>.rest-clients}; each interface once per connection, checked
 * once. Internal.
 */
final class TypedClients {

    /** One bean to add: an interface bound to a connection. */
    record Wanted(String connection, Class<?> type) {
    }

    private final Map<Wanted, Set<String>> wanted = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private TypedClients() {
    }

    /**
     * Collects and checks what {@code points} and {@code settings} ask for. Injection points with an
     * unknown connection name are not collected: they are reported as HTTPCON-002 elsewhere.
     */
    static TypedClients find(List<InjectionPoint> points, HttpConSettings settings, ClassLoader loader) {
        TypedClients t = new TypedClients();
        for (InjectionPoint ip : points) {
            HttpCon q = HttpConExtension.qualifier(ip);
            Class<?> type = interfaceOf(ip.getType());
            if (q != null && type != null && settings.connection(q.value()) != null) {
                t.want(q.value(), type, HttpConExtension.describe(ip));
            }
        }
        for (ConnectionSettings c : settings.connections().values()) {
            for (String className : c.restClients()) {
                Class<?> type = load(className, loader);
                if (type == null) {
                    t.problems.add(Messages.restClientNotFound(className, c.name()));
                } else {
                    t.want(c.name(), type, "httpclient.connection." + c.name() + ".rest-clients");
                }
            }
        }
        t.check(settings);
        return t;
    }

    /**
     * Whether an injection point of this type, qualified {@code @HttpCon}, asks for a typed client:
     * any interface but {@link HttpConnection} (which is an interface too).
     */
    static boolean isTypedClient(Type type) {
        return type instanceof Class<?> c && c.isInterface() && c != HttpConnection.class;
    }

    Set<Wanted> wanted() {
        return wanted.keySet();
    }

    List<String> problems() {
        return problems;
    }

    private void want(String connection, Class<?> type, String where) {
        wanted.computeIfAbsent(new Wanted(connection, type), k -> new LinkedHashSet<>()).add(where);
    }

    private void check(HttpConSettings settings) {
        Map<Class<?>, List<String>> byType = new HashMap<>();
        for (Map.Entry<Wanted, Set<String>> e : wanted.entrySet()) {
            Wanted w = e.getKey();
            // the interface is checked once; the connection only lends its URL to the trial build
            List<String> reasons = byType.computeIfAbsent(w.type(),
                    t -> RestClientBridge.problems(t, settings.connection(w.connection()).url()));
            for (String reason : reasons) {
                problems.add(Messages.invalidRestClient(w.type().getName(), w.connection(), e.getValue(), reason));
            }
        }
    }

    /** The interface a typed client injection point asks for, directly or through {@code Instance<>}. */
    private static Class<?> interfaceOf(Type type) {
        if (isTypedClient(type)) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Instance.class
                && isTypedClient(p.getActualTypeArguments()[0])) {
            return (Class<?>) p.getActualTypeArguments()[0];
        }
        return null;
    }

    private static Class<?> load(String className, ClassLoader loader) {
        for (ClassLoader cl : new ClassLoader[] {loader, TypedClients.class.getClassLoader()}) {
            if (cl == null) {
                continue;
            }
            try {
                return Class.forName(className, false, cl);
            } catch (ClassNotFoundException | LinkageError next) {
                // try the next loader
            }
        }
        return null;
    }
}
