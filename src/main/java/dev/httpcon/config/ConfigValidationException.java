package dev.httpcon.config;

import dev.httpcon.HttpConConfigException;
import java.util.List;
import java.util.Objects;

/**
 * The configuration is invalid: every problem found, listed in one message, so a deployment fails
 * once with everything to fix instead of one problem per attempt.
 *
 * <pre>
 * HTTPCON-001 httpcon configuration is invalid (2 problems):
 *     httpclient.connection.api.timeout = 'soon': expected a duration like 2, 2s or 1500ms
 *     httpclient.httpcon[1] (apifour) failover = 'apione': no connection named apione; defined: [apitwo, apifour]
 * </pre>
 *
 * <p>Applications catch it as the API's {@link HttpConConfigException}; this subclass adds the
 * problems as records, for httpcon's own reports.
 */
public final class ConfigValidationException extends HttpConConfigException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigValidationException(List<ConfigProblem> problems) {
        super(format(problems), problems.stream().map(ConfigProblem::toString).toList());
        this.problems = List.copyOf(problems);
    }

    /** Every problem found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(List<ConfigProblem> problems) {
        Objects.requireNonNull(problems, "problems must be set");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one problem");
        }
        StringBuilder sb = new StringBuilder("HTTPCON-001 httpcon configuration is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (ConfigProblem p : problems) {
            sb.append("\n\t").append(p);
        }
        return sb.toString();
    }
}
