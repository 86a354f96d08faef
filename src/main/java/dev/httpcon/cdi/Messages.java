package dev.httpcon.cdi;

import java.util.Collection;
import java.util.List;

/**
 * Deployment error texts of the CDI layer, each with a stable code. (HTTPCON-001 is the
 * configuration validation message, made by {@code ConfigValidationException}.)
 */
final class Messages {

    private Messages() {
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

    static String noConfigImplementation(Exception cause) {
        return "HTTPCON-003 httpcon reads its connections from MicroProfile Config, but none is available ("
                + cause.getMessage() + "); add an implementation such as io.smallrye.config:smallrye-config";
    }
}
