package dev.httpcon.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/**
 * The default User-Agent: {@code httpcon/<version> (<os>/<arch>)}, in the spirit of the original's
 * {@code kamailio (5.6.3 (x86_64/linux))}. The version comes from a resource Maven filters at build
 * time, so it is right in tests and in the jar alike.
 */
final class UserAgent {

    static final String DEFAULT = "httpcon/" + version() + " ("
            + System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT) + "/"
            + System.getProperty("os.arch", "unknown") + ")";

    private static final String VERSION_RESOURCE = "/dev/httpcon/httpcon-version.properties";

    private UserAgent() {
    }

    private static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            // An unfiltered copy (a build that skipped resource processing) still says ${project.version}.
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
