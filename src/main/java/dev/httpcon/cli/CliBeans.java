package dev.httpcon.cli;

import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The command's one bean: what it uses from the container, injected. The metric registry is
 * field-injected on purpose: SmallRye Metrics' registry producer fails on a programmatic lookup.
 *
 * <p>No scope annotation on purpose: the command adds this class to its container by hand; with a
 * bean-defining annotation an application server would find it in the library jar (an implicit
 * bean archive) and ask for a MetricRegistry the application may not have.
 */
class CliBeans {

    @Inject
    HttpConnections connections;

    @Inject
    HttpQuery query;

    @Inject
    MetricRegistry metrics;
}
