package dev.httpcon;

import java.net.URI;
import java.util.Objects;

/**
 * One followed redirect: the URL that answered with a 3xx {@code status} and the URL it sent the
 * client to. Userinfo (credentials) is never part of either URL.
 *
 * <pre>{@code
 * for (RedirectHop hop : result.redirects()) {
 *     System.out.println(hop.status() + " " + hop.from() + " -> " + hop.to());
 * }
 * }</pre>
 */
public record RedirectHop(URI from, int status, URI to) {
    public RedirectHop {
        Objects.requireNonNull(from, "from must be set");
        Objects.requireNonNull(to, "to must be set");
    }

    /** The hop with query values masked ({@link Redaction#url(URI)}): a redirect often carries a code or token. */
    @Override
    public String toString() {
        return status + " " + Redaction.url(from) + " -> " + Redaction.url(to);
    }
}
