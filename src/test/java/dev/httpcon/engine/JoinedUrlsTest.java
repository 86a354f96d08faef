package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.httpcon.CurlError;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The per-connection cache of joined URLs gives what {@link UrlJoin#join} gives, and stays bounded. */
class JoinedUrlsTest {

    private static final URI BASE = URI.create("http://h:1/api/");

    @Test
    void givesTheJoinedUrlAndKeepsIt() throws EngineFailure {
        JoinedUrls urls = new JoinedUrls(BASE);
        URI first = urls.join("/x?a=1");
        assertEquals(UrlJoin.join(BASE, "/x?a=1"), first);
        assertSame(first, urls.join("/x?a=1"));
        assertEquals(URI.create("http://h:1/api/y"), urls.join("y"));
        assertEquals(2, urls.size());
    }

    @Test
    void keepsAtMostTheFirstPathsButStillJoinsLaterOnes() throws EngineFailure {
        JoinedUrls urls = new JoinedUrls(BASE);
        for (int i = 0; i < JoinedUrls.MAX_ENTRIES + 50; i++) {
            assertEquals(URI.create("http://h:1/api/users/" + i), urls.join("/users/" + i));
        }
        assertEquals(JoinedUrls.MAX_ENTRIES, urls.size());
        assertEquals(URI.create("http://h:1/api/users/7"), urls.join("/users/7"));
    }

    @Test
    void neverKeepsAPathThatIsNoUrl() {
        JoinedUrls urls = new JoinedUrls(BASE);
        for (int i = 0; i < 2; i++) {
            EngineFailure f = assertThrows(EngineFailure.class, () -> urls.join("/a b"));
            assertEquals(CurlError.URL_MALFORMAT, f.error());
        }
        assertEquals(0, urls.size());
    }
}
