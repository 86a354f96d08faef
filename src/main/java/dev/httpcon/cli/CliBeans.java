package dev.httpcon.cli;

import dev.httpcon.HttpConnections;
import dev.httpcon.HttpQuery;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The command's one bean: what it uses from the container, injected. The metric registry is
 * field-injected on purpose: SmallRye Metrics' registry producer fails on a programmatic lookup.
 */
@Dependent
public class CliBeans {

    @Inject
    HttpConnections connections;

    @Inject
    HttpQuery query;

    @Inject
    MetricRegistry metrics;
}
