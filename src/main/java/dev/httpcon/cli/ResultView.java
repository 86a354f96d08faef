package dev.httpcon.cli;

import dev.httpcon.Attempt;
import dev.httpcon.HttpRequest;
import dev.httpcon.HttpResult;
import dev.httpcon.RedirectHop;
import dev.httpcon.ResponseHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@link HttpResult} as the command shows it: a JSON result line (the format of
 * {@code docs/cli.md}) or labelled text lines. Neither ever holds a password: results carry none
 * (effective URLs and messages are stripped of credentials by the engine).
 */
final class ResultView {

    private static final String LABEL = "%-10s";

    private ResultView() {
    }

    /**
     * The JSON result line. With {@code firstLineOnly} (query: the original's result variable)
     * {@code body} is the first line of the body; {@code bodyBase64}, present only when the body is
     * not valid UTF-8, always holds the complete body. With {@code include} ({@code --include}) also
     * {@code headers}, after {@code contentType}: each header name once (as first received, in
     * order) with every value it came with.
     */
    static Map<String, Object> json(String cmd, HttpResult r, boolean firstLineOnly, boolean include) {
        byte[] bytes = r.body();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cmd", cmd);
        m.put("code", r.code());
        m.put("status", r.hasStatus() ? r.status() : null);
        m.put("error", r.errorText());
        m.put("body", firstLineOnly ? r.firstLine() : r.bodyText());
        if (!isUtf8(bytes)) {
            m.put("bodyBase64", Base64.getEncoder().encodeToString(bytes));
        }
        m.put("contentType", r.contentType());
        m.put("protocol", r.protocol());
        if (include) {
            Map<String, Object> headers = new LinkedHashMap<>();
            ResponseHeaders h = r.headers();
            for (String name : h.names()) {
                headers.put(name, h.all(name));
            }
            m.put("headers", headers);
        }
        m.put("effectiveUrl", r.effectiveUrl() == null ? null : r.effectiveUrl().toString());
        List<Object> hops = new ArrayList<>();
        for (RedirectHop hop : r.redirects()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("from", hop.from().toString());
            h.put("status", hop.status());
            h.put("to", hop.to().toString());
            hops.add(h);
        }
        m.put("redirects", hops);
        m.put("servedBy", r.servedBy());
        m.put("elapsedMs", r.elapsed().toMillis());
        m.put("message", r.message());
        m.put("sent", r.sent());
        List<Object> attempts = new ArrayList<>();
        for (Attempt a : r.attempts()) {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("connection", a.connection());
            at.put("code", a.code());
            at.put("error", dev.httpcon.CurlError.describe(a.code()));
            at.put("elapsedMs", a.elapsed().toMillis());
            at.put("sent", a.sent());
            attempts.add(at);
        }
        m.put("attempts", attempts);
        return m;
    }

    /**
     * Labelled lines, one fact each; the body last (for a query: its first line, as {@code result}).
     * With {@code include} one {@code header} line per response header line, in the order received.
     */
    static String text(HttpResult r, boolean firstLineOnly, boolean include) {
        StringBuilder sb = new StringBuilder();
        line(sb, "code", r.code() + " (" + r.errorText() + ")");
        if (r.hasStatus() && r.status() != r.code()) {
            line(sb, "status", String.valueOf(r.status()));
        }
        if (r.servedBy() != null) {
            line(sb, "served by", r.servedBy());
        }
        if (!r.attempts().isEmpty()) {
            List<String> tried = new ArrayList<>();
            for (Attempt a : r.attempts()) {
                String what = a.code() < 100 ? dev.httpcon.CurlError.describe(a.code()) + ", " : "";
                tried.add(a.connection() + " " + a.code() + " (" + what + a.elapsed().toMillis() + " ms"
                        + (a.sent() ? "" : ", not sent") + ")");
            }
            line(sb, "attempts", String.join(", then ", tried));
        }
        for (RedirectHop hop : r.redirects()) {
            line(sb, "redirect", hop.status() + " " + hop.from() + " -> " + hop.to());
        }
        if (r.effectiveUrl() != null) {
            line(sb, "url", r.effectiveUrl().toString());
        }
        if (r.protocol() != null) {
            line(sb, "protocol", r.protocol());
        }
        if (r.contentType() != null) {
            line(sb, "type", r.contentType());
        }
        if (include) {
            for (HttpRequest.Header h : r.headers()) {
                line(sb, "header", h.name() + ": " + h.value());
            }
        }
        line(sb, "elapsed", r.elapsed().toMillis() + " ms");
        if (r.message() != null) {
            line(sb, "message", r.message());
        }
        if (r.isFailure() && !r.sent()) {
            line(sb, "sent", "no: the request certainly did not reach a server");
        }
        if (firstLineOnly) {
            line(sb, "result", r.firstLine());
        } else {
            body(sb, r);
        }
        return sb.toString();
    }

    private static void body(StringBuilder sb, HttpResult r) {
        byte[] bytes = r.body();
        boolean declared = r.contentType() != null && r.contentType().toLowerCase(Locale.ROOT).contains("charset=");
        if (bytes.length == 0) {
            line(sb, "body", "(empty)");
        } else if (!declared && !isUtf8(bytes)) {
            line(sb, "body", "(" + bytes.length + " bytes, not UTF-8 text: --json gives them in base64)");
        } else {
            String text = r.bodyText();
            String trimmed = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            if (trimmed.indexOf('\n') < 0) {
                line(sb, "body", trimmed);
            } else {
                sb.append("body\n").append(trimmed).append('\n');
            }
        }
    }

    static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(LABEL, label)).append(value).append('\n');
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
