package dev.httpcon.restclient;

import dev.httpcon.HttpRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Providers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the request a Rest Client implementation has built (URI, method, headers, entity) into the
 * {@link HttpRequest} a connection sends. The entity is serialized by the runtime's own
 * {@link MessageBodyWriter} (found through {@link Providers}), so JSON-B, JSON-P, Jackson or any
 * writer the application registers works as it would without httpcon. Internal.
 */
final class RequestMapping {

    /**
     * Headers the engine sets itself: framing (the body is sent as bytes), the target host, and
     * connection management (that is the connection's {@code keep_connections}).
     */
    private static final Set<String> ENGINE_HEADERS = Set.of("content-length", "transfer-encoding", "host",
            "connection", "keep-alive", "content-type");

    private RequestMapping() {
    }

    static HttpRequest toRequest(ClientRequestContext ctx, URI base, Providers providers) throws IOException {
        HttpRequest.Builder b = HttpRequest.builder(ctx.getMethod(), relativePath(ctx.getUri(), base));
        byte[] body = ctx.hasEntity() ? serialize(ctx, providers) : null;
        for (Map.Entry<String, List<String>> h : ctx.getStringHeaders().entrySet()) {
            if (ENGINE_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : h.getValue()) {
                if (value != null) {
                    b.header(h.getKey(), value);
                }
            }
        }
        if (body != null) {
            // read after writing: a writer may set or refine the Content-Type (a charset, say)
            String type = ctx.getHeaderString(HttpHeaders.CONTENT_TYPE);
            if (type == null && ctx.getMediaType() != null) {
                type = ctx.getMediaType().toString();
            }
            b.body(type, body);
        }
        return b.build();
    }

    /**
     * The part of {@code uri} after the connection's base URL: path and query, as the Rest Client
     * built them (already encoded). The engine joins it to the base URL again, so the connection's
     * own query string, if it has one, is kept too.
     */
    static String relativePath(URI uri, URI base) {
        if (!sameOrigin(uri, base)) {
            throw new ProcessingException("request URI " + withoutQuery(uri) + " is outside the connection's base URL "
                    + base + " (a request filter changed it?); a connection only sends to its own server");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String basePath = trimSlash(base.getRawPath() == null ? "" : base.getRawPath());
        if (!basePath.isEmpty()) {
            if (!(path.equals(basePath) || path.startsWith(basePath + "/"))) {
                throw new ProcessingException("request path " + path + " is outside the connection's base path "
                        + basePath + " (a request filter changed it?)");
            }
            path = path.substring(basePath.length());
        }
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] serialize(ClientRequestContext ctx, Providers providers) throws IOException {
        if (providers == null) {
            throw new ProcessingException("this MicroProfile Rest Client implementation did not inject @Context"
                    + " Providers into httpcon's request filter, so the request body cannot be serialized");
        }
        MediaType type = ctx.getMediaType() == null ? MediaType.APPLICATION_OCTET_STREAM_TYPE : ctx.getMediaType();
        Class<?> entityClass = ctx.getEntityClass();
        MessageBodyWriter writer = providers.getMessageBodyWriter(entityClass, ctx.getEntityType(),
                ctx.getEntityAnnotations(), type);
        if (writer == null) {
            throw new ProcessingException("no MessageBodyWriter for " + entityClass.getName() + " as " + type
                    + "; register one, or add a JSON-B/JSON-P provider for JSON");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(ctx.getEntity(), entityClass, ctx.getEntityType(), ctx.getEntityAnnotations(), type,
                ctx.getHeaders(), out);
        return out.toByteArray();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String withoutQuery(URI u) {
        String s = u.toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }
}
