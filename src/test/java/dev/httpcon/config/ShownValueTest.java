package dev.httpcon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Configuration values as they may be shown: every password masked (URLs: dev.httpcon.RedactionTest). */
class ShownValueTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "httpclient.connection.api.password  | s3cret                          | ****",
        "httpclient.connection.api.url       | http://u:s3cret@h/x             | http://u:****@h/x",
        "httpclient.connection.api.timeout   | 2s                              | 2s",
        "httpclient.connection.api.pasword   | s3cret                          | ****",
        "httpclient.httpproxy                | http://u:s3cret@proxy:3128      | http://u:****@proxy:3128",
        "httpclient.keep_connections         | yes                             | yes",
        "httpclient.conection_timeout        | s3cret                          | ****",
        "other.library.password              | s3cret                          | s3cret",
        "httpclient.httpcon                  | \"a=>http://u:s3cret@h/x;timeout=2,b=>http://h2;password=s3cret;failover=a\" | \"a=>http://u:****@h/x;timeout=2,b=>http://h2;password=****\"",
        "httpclient.httpcon[2]               | b=>http://h2;password=s3cret    | b=>http://h2;password=****",
        "httpclient.httpcon                  | \"a=>http://h/x;cipher_suites=A\\,B,b=>http://u:p@h\" | \"a=>http://h/x;cipher_suites=A\\,B,b=>http:****@h\"",
    })
    void masksPropertyValues(String key, String value, String shown) {
        assertEquals(shown, SettingsLoader.shownValue(key, value));
    }
}
