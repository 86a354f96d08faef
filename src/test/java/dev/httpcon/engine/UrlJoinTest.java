package dev.httpcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.httpcon.CurlError;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The URL rules, without a server (the engine-level behaviour is in {@link RequestShapeTest}). */
class UrlJoinTest {

    @ParameterizedTest(name = "{0} + ''{1}'' = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "http://h:1/api/ | /x          | http://h:1/api/x",
        "http://h:1/api  | /x          | http://h:1/api/x",
        "http://h:1/api  | x           | http://h:1/api/x",
        "http://h:1/api/ | x           | http://h:1/api/x",
        "http://h:1      | /x          | http://h:1/x",
        "http://h:1      | x           | http://h:1/x",
        "http://h:1/api  | \"\"        | http://h:1/api",
        "http://h:1/api  | ?a=1&b=2    | http://h:1/api?a=1&b=2",
        "http://h:1/api/ | ?a=1        | http://h:1/api/?a=1",
        "http://h:1/api  | /e?a=x%20y  | http://h:1/api/e?a=x%20y",
        "http://h:1/api  | /e#frag     | http://h:1/api/e",
        "http://h:1/api  | /é          | http://h:1/api/%C3%A9",
        "http://h:1/api  | /a^b{c}     | http://h:1/api/a%5Eb%7Bc%7D",
        "http://h:1/api  | @evil.com   | http://h:1/api/@evil.com",
        "http://h:1      | @evil.com/x | http://h:1/@evil.com/x",
        "http://h:1/a?k=1| /x?y=2      | http://h:1/a/x?k=1&y=2",
        "http://h:1/api  | //x         | http://h:1/api//x",
        "http://h:1      | \"\"        | http://h:1/",
        "http://h:1      | ?q=1        | http://h:1/?q=1",
    })
    void joins(String base, String path, String expected) throws EngineFailure {
        assertEquals(URI.create(expected), UrlJoin.join(URI.create(base), path));
    }

    @ParameterizedTest(name = "''{0}'' is code 3")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "/a b", "/a\tb", "/a%zz", "/a%4", "/x%", "\"/a\r\nHost: evil\"", "/a\u0000b", "/a\u007fb",
    })
    void refusesMalformedPaths(String path) {
        EngineFailure f = assertThrows(EngineFailure.class, () -> UrlJoin.join(URI.create("http://h:1/api"), path));
        assertEquals(CurlError.URL_MALFORMAT, f.error());
    }

    @ParameterizedTest(name = "{0} + Location {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "http://h:1/a/b?q=1 | /x            | http://h:1/x",
        "http://h:1/a/b?q=1 | c             | http://h:1/a/c",
        "http://h:1/a/b?q=1 | ?z=2          | http://h:1/a/b?z=2",
        "http://h:1/a/b     | ../c          | http://h:1/c",
        "http://h:1/a/b     | //other:2/p   | http://other:2/p",
        "http://h:1/a/b     | https://o/p#f | https://o/p",
        "http://h:1/a/b     | /with space   | http://h:1/with%20space",
        "http://h:1/a/b     | http://u:p@o/ | http://o/",
        "http://h:1/a/b     | http://o:2    | http://o:2/",
    })
    void resolvesLocations(String current, String location, String expected) throws EngineFailure {
        assertEquals(URI.create(expected), UrlJoin.resolve(URI.create(current), location));
    }

    @ParameterizedTest(name = "Location {0} is code {1}")
    @CsvSource(delimiter = '|', value = {
        "ftp://h/x      | 1",
        "file:///etc/x  | 1",
        "mailto:a@b     | 1",
        "/bad%zz        | 3",
        "http://        | 3",
    })
    void refusesBadLocations(String location, int code) {
        EngineFailure f = assertThrows(EngineFailure.class, () -> UrlJoin.resolve(URI.create("http://h:1/a"), location));
        assertEquals(code, f.error().code());
    }
}
