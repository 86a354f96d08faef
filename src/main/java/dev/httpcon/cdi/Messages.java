package dev.httpcon.cdi;

import jakarta.enterprise.inject.spi.InjectionPoint;
import java.util.Collection;
import java.util.List;

/**
 * Deployment error texts of the CDI layer, each with a stable code. (HTTPCON-001 is the
 * configuration validation message, made by {@code ConfigValidationException}.)
 */
final class Messages {

    private Messages() {
    }

    /** How many names the deployment's log line lists before it only counts the rest. */
    static final int NAMES_LOGGED = 20;

    /**
     * The deployment's one INFO line: how many connections, and the first {@link #NAMES_LOGGED}
     * names (a deployment of a hundred thousand would otherwise write them all on one line).
     */
    static String started(Collection<String> names) {
        StringBuilder sb = new StringBuilder("httpcon: ").append(names.size()).append(" connection(s): [");
        int i = 0;
        for (String n : names) {
            if (i == NAMES_LOGGED) {
                sb.append(", ... ").append(names.size() - NAMES_LOGGED)
                        .append(" more (listcon or HttpConnections.list() lists them all)");
                break;
            }
            sb.append(i++ == 0 ? "" : ", ").append(n);
        }
        return sb.append(']').toString();
    }

    static String unresolvedInjectionPoints(List<String> problems, Collection<String> defined) {
        StringBuilder sb = new StringBuilder("HTTPCON-002 httpcon injection points cannot be satisfied (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append("); defined connections: ").append(defined.isEmpty() ? "none" : defined).append(':');
        for (String p : problems) {
            sb.append("\n\t").append(p);
        }
        return sb.toString();
    }

    static String unknownName(String name, String injectionPoint) {
        return "@HttpCon(\"" + name + "\") at " + injectionPoint + ": no connection named '" + name
                + "'; define it, e.g. httpclient.httpcon=" + name + "=>http://host/path";
    }

    static String missingQualifier(String injectionPoint) {
        return "HttpConnection at " + injectionPoint
                + " has no @HttpCon(\"name\") qualifier: say which connection to inject";
    }

    static String lookupWithoutName(InjectionPoint ip) {
        return "httpcon: an HttpConnection is looked up by its name, @HttpCon(\"<name>\"), and this lookup names "
                + "none (" + (ip == null || ip.getMember() == null ? "a lookup without an injection point, e.g. @Any "
                + "Instance<HttpConnection> iterated or BeanManager.getReference" : HttpConExtension.describe(ip))
                + "): select it with HttpCon.Literal.of(\"<name>\"), or list the names with HttpConnections.list()";
    }

    static String noConfigImplementation(Exception cause) {
        return "HTTPCON-003 httpcon reads its connections from MicroProfile Config, but none is available ("
                + cause.getMessage() + "); add an implementation such as io.smallrye.config:smallrye-config";
    }

    static String invalidRestClients(List<String> problems) {
        StringBuilder sb = new StringBuilder("HTTPCON-004 httpcon typed Rest Client interfaces are invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (String p : problems) {
            sb.append("\n\t").append(p);
        }
        return sb.toString();
    }

    static String invalidRestClient(String type, String connection, Collection<String> where, String reason) {
        return type + " for connection '" + connection + "' (" + String.join(", ", where) + "): " + reason;
    }

    static String restClientNotFound(String className, String connection) {
        return "class " + className + " named in httpclient.connection." + connection
                + ".rest-clients is not found; give the fully qualified name of a Rest Client interface";
    }

    static String restClientApiMissing() {
        return "needs MicroProfile Rest Client: add the API (org.eclipse.microprofile.rest.client:"
                + "microprofile-rest-client-api) and an implementation, e.g."
                + " org.jboss.resteasy.microprofile:microprofile-rest-client";
    }
}
