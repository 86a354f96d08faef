package dev.httpcon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one way httpcon shows a URL: passwords and query values masked, names kept. */
class RedactionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // passwords
        "http://ann:s3cret@h/x                   | http://ann:****@h/x",
        "http://annabella:mysecret@h/api         | http://annabella:****@h/api",
        "http://ann@h/x                          | http://ann@h/x",
        "https://a:p/w#?@h:1/                    | https://a:****@h:1/",
        "http://u:pa/ss#x@h                      | http://u:****@h",
        "u:pw@proxy:3128                         | u:****@proxy:3128",
        "not a url: a@b                          | not a url:****@b",
        "http://h/x                              | http://h/x",
        "http://h:8080/x                         | http://h:8080/x",
        // query values and fragments
        "http://h/x?token=abc&user=ann           | http://h/x?token=****&user=****",
        "http://u:p@h:81/x?a=1;b=2&c=&d#f        | http://u:****@h:81/x?a=****;b=****&c=&****#****",
        "http://h/x?u=a:b@c                      | http://h/x?u=****",
        "http://[::1]:8080/x?k=v                 | http://[::1]:8080/x?k=****",
        "/route?caller=alice                     | /route?caller=****",
        "?only=1                                 | ?only=****",
        "/x#access_token=abc                     | /x#****",
        "/x?                                     | /x?",
        "/plain/path                             | /plain/path",
        "'/a b?t=1 2'                            | /a b?t=****",
    })
    void masksPasswordsAndQueryValues(String text, String shown) {
        assertEquals(shown, Redaction.url(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://ann:s3cret@h:8080/x?y=1  | http://ann:****@h:8080/x?y=****",
        "http://h/x?token=abc            | http://h/x?token=****",
        "https://h                       | https://h",
        // nothing to mask: shown as written (the quick path), unless the port is written oddly
        "http://h:8080/x/y               | http://h:8080/x/y",
        "http://[::1]:9/x                | http://[::1]:9/x",
        "HTTP://H/X                      | HTTP://H/X",
        "http://h:/x                     | http://h/x",
        "http://h:080/x                  | http://h:80/x",
        "http://h:00/x                   | http://h:0/x",
    })
    void aParsedUrlTheSameWay(String uri, String shown) {
        assertEquals(shown, Redaction.url(URI.create(uri)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://ann:s3cret@h:8080/x?y=1  | http://ann:****@h:8080/x?y=1",
        "u:pw@h                          | u:****@h",
        "/x?token=abc                    | /x?token=abc",
    })
    void maskPasswordKeepsTheQuery(String text, String shown) {
        assertEquals(shown, Redaction.maskPassword(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://u:p@h     | 9  | 10",
        "a=>http://u:pa;ss@host/x | 12 | 17",
        "http://h/x       | -1 | -1",
        "http://u@h       | -1 | -1",
        "u:p@h            | 2  | 3",
    })
    void thePasswordRangeIsFromTheFirstColonAfterTheSchemeToTheLastAt(String text, int from, int to) {
        int[] range = Redaction.passwordRange(text);
        if (from < 0) {
            assertNull(range);
        } else {
            assertEquals(from + ".." + to, range[0] + ".." + range[1]);
        }
    }

    @org.junit.jupiter.api.Test
    void nullIsNull() {
        assertNull(Redaction.url((String) null));
        assertNull(Redaction.url((URI) null));
    }
}
