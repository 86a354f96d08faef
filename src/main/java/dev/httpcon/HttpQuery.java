package dev.httpcon;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The original's {@code http_client_query(url, [post-data], [hdrs], result)}: a request to any URL
 * with the global settings ({@code httpclient.*}), outside the named connections.
 *
 * <pre>{@code
 * @Inject HttpQuery http;
 *
 * HttpResult r = http.query("http://api.example.com/index.php?r_uri=" + encode(ruri));
 * int rc = r.code();              // the original's return value
 * String line = r.firstLine();    // the original's result variable
 *
 * http.query("http://api.example.com/index.php", "src=10.0.0.1", "Content-Type: text/plain");
 * }</pre>
 *
 * <p>With post data the request is a POST (Content-Type {@code application/x-www-form-urlencoded}
 * unless a header line sets another), otherwise a GET. Header lines are {@code Name: value},
 * several separated by CRLF; a malformed line or an empty URL gives code -1 (invalid arguments), a
 * URL of another scheme ({@code ftp://}, {@code file://}, {@code gopher://}, ...) code 1
 * ({@code Unsupported protocol}, as libcurl), a URL without a scheme or otherwise malformed code 3;
 * none of them sends anything. Credentials in the URL are sent with Basic authentication.
 * Applications get this from CDI or from {@code dev.httpcon.standalone.StandaloneHttpCon}. No
 * default methods, for the reason given on {@link HttpConnection}.
 */
public interface HttpQuery {

    /** GET {@code url}. */
    HttpResult query(String url);

    /** POST {@code postData} to {@code url}; {@code null} or empty post data makes it a GET. */
    HttpResult query(String url, String postData);

    /**
     * GET or POST {@code url} with extra header lines ({@code "Name: value"}, CRLF separated);
     * {@code null} or empty post data or headers are ignored, as in the original.
     */
    HttpResult query(String url, String postData, String headers);

    /**
     * {@link #query(String, String, String)} without waiting: never completes exceptionally (the
     * result carries the code); completes on {@code completions}, or on httpcon's completion pool
     * when {@code null}, never on an I/O thread; cancelling aborts the exchange with code 42.
     */
    CompletableFuture<HttpResult> queryAsync(String url, String postData, String headers, Executor completions);
}
