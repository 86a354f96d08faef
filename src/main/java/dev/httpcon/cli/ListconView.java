package dev.httpcon.cli;

import dev.httpcon.ConnectionInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * listcon rows as JSON objects or as a table. The rows come from {@code HttpConnections.list()},
 * which never holds a password (only {@code ****}).
 */
final class ListconView {

    private static final String[] HEADINGS = {"NAME", "URL", "USERNAME", "PASSWORD", "FAILOVER", "TIMEOUT", "STATE", "OK",
        "FAIL", "SKIPPED", "REFUSED"};

    private ListconView() {
    }

    /** {@code {"cmd":...,"connections":[{...}, ...]}}; empty settings are {@code null}. */
    static Map<String, Object> json(String cmd, List<ConnectionInfo> rows) {
        List<Object> list = new ArrayList<>();
        for (ConnectionInfo c : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("scheme", c.scheme());
            m.put("url", c.url());
            m.put("username", orNull(c.username()));
            m.put("password", orNull(c.password()));
            m.put("failover", orNull(c.failover()));
            m.put("timeoutMs", c.timeout().toMillis());
            m.put("authMethod", c.authMethod());
            m.put("keepConnections", c.keepConnections());
            m.put("maxDataSize", c.maxDataSize());
            m.put("httpRedirect", c.httpRedirect());
            m.put("maxRedirects", c.maxRedirects());
            m.put("userAgent", c.userAgent());
            m.put("proxy", orNull(c.proxy()));
            m.put("verifyPeer", c.verifyPeer());
            m.put("verifyHost", c.verifyHost());
            m.put("tlsVersion", c.tlsVersion());
            m.put("cipherSuites", c.cipherSuites());
            m.put("cacert", orNull(c.cacert()));
            m.put("clientCert", orNull(c.clientCert()));
            m.put("origin", c.origin());
            m.put("headers", c.headers());
            m.put("totalTimeoutMs", c.totalTimeout().toMillis());
            m.put("healthFailures", c.healthFailures());
            m.put("healthRetryMs", c.healthRetry().toMillis());
            m.put("healthProbe", orNull(c.healthProbe()));
            m.put("maxConcurrent", c.maxConcurrent());
            m.put("failoverUnsafe", c.failoverUnsafe());
            m.put("state", c.state().name());
            m.put("ok", c.ok());
            m.put("fail", c.fail());
            m.put("skipped", c.skipped());
            m.put("refused", c.refused());
            list.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmd", cmd);
        m.put("connections", list);
        return m;
    }

    /** The original's columns (NAME URL USERNAME PASSWORD FAILOVER TIMEOUT) plus the state and the counts. */
    static String text(List<ConnectionInfo> rows) {
        if (rows.isEmpty()) {
            return "no connections defined (define some with --config FILE: see docs/cli.md)\n";
        }
        List<String[]> table = new ArrayList<>();
        table.add(HEADINGS);
        for (ConnectionInfo c : rows) {
            table.add(new String[] {c.name(), c.url(), dash(c.username()), dash(c.password()), dash(c.failover()),
                    duration(c.timeout()), c.state().name(), String.valueOf(c.ok()), String.valueOf(c.fail()),
                    String.valueOf(c.skipped()), String.valueOf(c.refused())});
        }
        int[] width = new int[HEADINGS.length];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : table) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + width[i] + "s", row[i])).append("  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** A timeout as configured: {@code 2s}, {@code 500ms}, {@code none}. */
    static String duration(Duration d) {
        if (d.isZero()) {
            return "none";
        }
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String orNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
