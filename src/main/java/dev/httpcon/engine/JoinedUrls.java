package dev.httpcon.engine;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The URLs of one configured connection's recent paths, so that the same path is not joined and
 * parsed again on every request: {@link UrlJoin#join} (string work, percent-encoding and a
 * {@link URI} parse) was about 5% of a keep-alive GET's CPU in {@code bench/} profiles.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} paths are kept, the first ones seen; later paths are
 * joined on every request, as without the cache. An application whose paths carry ids (one path
 * per user, say) thus costs at most that many entries per connection, never a growing map. Paths
 * that cannot form a URL are never kept (they fail each time, with the same error).
 *
 * <p>Thread-safe; the map is made on the first request, so an idle connection costs one field.
 */
final class JoinedUrls {

    /** Paths kept per connection. */
    static final int MAX_ENTRIES = 64;

    private final URI base;
    private volatile Map<String, URI> joined;

    JoinedUrls(URI base) {
        this.base = base;
    }

    /** {@link UrlJoin#join(URI, String)} of the connection's base URL and {@code path}. */
    URI join(String path) throws EngineFailure {
        Map<String, URI> map = joined;
        if (map == null) {
            map = new ConcurrentHashMap<>();
            joined = map;   // a race makes two maps, one of which is dropped: harmless
        }
        URI url = map.get(path);
        if (url == null) {
            url = UrlJoin.join(base, path);
            if (map.size() < MAX_ENTRIES) {
                map.putIfAbsent(path, url);
            }
        }
        return url;
    }

    /** How many paths are kept (for tests). */
    int size() {
        Map<String, URI> map = joined;
        return map == null ? 0 : map.size();
    }
}
