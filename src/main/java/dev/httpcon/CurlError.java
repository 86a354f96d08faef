package dev.httpcon;

/**
 * The error codes of libcurl, the engine of Kamailio's {@code http_client}, with the texts that
 * {@code curl_easy_strerror} gives for them (libcurl 7.88, the version the original module was
 * measured with).
 *
 * <p>httpcon reports transport failures with the same numbers the original returned from
 * {@code http_connect}: a result code below 100 is one of these. {@link #describe(int)} is the
 * original's {@code $curlerror(n)} pseudo-variable.
 *
 * <pre>{@code
 * HttpResult r = api.get("/status");
 * if (r.error() == CurlError.OPERATION_TIMEDOUT) {
 *     log.warn("api timed out: " + r.error().text());   // "Timeout was reached"
 * }
 * CurlError.describe(7);    // "Couldn't connect to server"
 * CurlError.describe(200);  // "HTTP result code"
 * }</pre>
 */
public enum CurlError {
    OK(0, "No error"),
    UNSUPPORTED_PROTOCOL(1, "Unsupported protocol"),
    FAILED_INIT(2, "Failed initialization"),
    URL_MALFORMAT(3, "URL using bad/illegal format or missing URL"),
    NOT_BUILT_IN(4, "A requested feature, protocol or option was not found built-in in this libcurl due to a build-time decision."),
    COULDNT_RESOLVE_PROXY(5, "Couldn't resolve proxy name"),
    COULDNT_RESOLVE_HOST(6, "Couldn't resolve host name"),
    COULDNT_CONNECT(7, "Couldn't connect to server"),
    WEIRD_SERVER_REPLY(8, "Weird server reply"),
    REMOTE_ACCESS_DENIED(9, "Access denied to remote resource"),
    FTP_ACCEPT_FAILED(10, "FTP: The server failed to connect to data port"),
    FTP_WEIRD_PASS_REPLY(11, "FTP: unknown PASS reply"),
    FTP_ACCEPT_TIMEOUT(12, "FTP: Accepting server connect has timed out"),
    FTP_WEIRD_PASV_REPLY(13, "FTP: unknown PASV reply"),
    FTP_WEIRD_227_FORMAT(14, "FTP: unknown 227 response format"),
    FTP_CANT_GET_HOST(15, "FTP: can't figure out the host in the PASV response"),
    HTTP2(16, "Error in the HTTP2 framing layer"),
    FTP_COULDNT_SET_TYPE(17, "FTP: couldn't set file type"),
    PARTIAL_FILE(18, "Transferred a partial file"),
    FTP_COULDNT_RETR_FILE(19, "FTP: couldn't retrieve (RETR failed) the specified file"),
    QUOTE_ERROR(21, "Quote command returned error"),
    HTTP_RETURNED_ERROR(22, "HTTP response code said error"),
    WRITE_ERROR(23, "Failed writing received data to disk/application"),
    UPLOAD_FAILED(25, "Upload failed (at start/before it took off)"),
    READ_ERROR(26, "Failed to open/read local data from file/application"),
    OUT_OF_MEMORY(27, "Out of memory"),
    OPERATION_TIMEDOUT(28, "Timeout was reached"),
    FTP_PORT_FAILED(30, "FTP: command PORT failed"),
    FTP_COULDNT_USE_REST(31, "FTP: command REST failed"),
    RANGE_ERROR(33, "Requested range was not delivered by the server"),
    HTTP_POST_ERROR(34, "Internal problem setting up the POST"),
    SSL_CONNECT_ERROR(35, "SSL connect error"),
    BAD_DOWNLOAD_RESUME(36, "Couldn't resume download"),
    FILE_COULDNT_READ_FILE(37, "Couldn't read a file:// file"),
    LDAP_CANNOT_BIND(38, "LDAP: cannot bind"),
    LDAP_SEARCH_FAILED(39, "LDAP: search failed"),
    FUNCTION_NOT_FOUND(41, "A required function in the library was not found"),
    ABORTED_BY_CALLBACK(42, "Operation was aborted by an application callback"),
    BAD_FUNCTION_ARGUMENT(43, "A libcurl function was given a bad argument"),
    INTERFACE_FAILED(45, "Failed binding local connection end"),
    TOO_MANY_REDIRECTS(47, "Number of redirects hit maximum amount"),
    UNKNOWN_OPTION(48, "An unknown option was passed in to libcurl"),
    SETOPT_OPTION_SYNTAX(49, "Malformed option provided in a setopt"),
    GOT_NOTHING(52, "Server returned nothing (no headers, no data)"),
    SSL_ENGINE_NOTFOUND(53, "SSL crypto engine not found"),
    SSL_ENGINE_SETFAILED(54, "Can not set SSL crypto engine as default"),
    SEND_ERROR(55, "Failed sending data to the peer"),
    RECV_ERROR(56, "Failure when receiving data from the peer"),
    SSL_CERTPROBLEM(58, "Problem with the local SSL certificate"),
    SSL_CIPHER(59, "Couldn't use specified SSL cipher"),
    PEER_FAILED_VERIFICATION(60, "SSL peer certificate or SSH remote key was not OK"),
    BAD_CONTENT_ENCODING(61, "Unrecognized or bad HTTP Content or Transfer-Encoding"),
    FILESIZE_EXCEEDED(63, "Maximum file size exceeded"),
    USE_SSL_FAILED(64, "Requested SSL level failed"),
    SEND_FAIL_REWIND(65, "Send failed since rewinding of the data stream failed"),
    SSL_ENGINE_INITFAILED(66, "Failed to initialise SSL crypto engine"),
    LOGIN_DENIED(67, "Login denied"),
    TFTP_NOTFOUND(68, "TFTP: File Not Found"),
    TFTP_PERM(69, "TFTP: Access Violation"),
    REMOTE_DISK_FULL(70, "Disk full or allocation exceeded"),
    TFTP_ILLEGAL(71, "TFTP: Illegal operation"),
    TFTP_UNKNOWNID(72, "TFTP: Unknown transfer ID"),
    REMOTE_FILE_EXISTS(73, "Remote file already exists"),
    TFTP_NOSUCHUSER(74, "TFTP: No such user"),
    SSL_CACERT_BADFILE(77, "Problem with the SSL CA cert (path? access rights?)"),
    REMOTE_FILE_NOT_FOUND(78, "Remote file not found"),
    SSH(79, "Error in the SSH layer"),
    SSL_SHUTDOWN_FAILED(80, "Failed to shut down the SSL connection"),
    AGAIN(81, "Socket not ready for send/recv"),
    SSL_CRL_BADFILE(82, "Failed to load CRL file (path? access rights?, format?)"),
    SSL_ISSUER_ERROR(83, "Issuer check against peer certificate failed"),
    FTP_PRET_FAILED(84, "FTP: The server did not accept the PRET command."),
    RTSP_CSEQ_ERROR(85, "RTSP CSeq mismatch or invalid CSeq"),
    RTSP_SESSION_ERROR(86, "RTSP session error"),
    FTP_BAD_FILE_LIST(87, "Unable to parse FTP file list"),
    CHUNK_FAILED(88, "Chunk callback failed"),
    NO_CONNECTION_AVAILABLE(89, "The max connection limit is reached"),
    SSL_PINNEDPUBKEYNOTMATCH(90, "SSL public key does not match pinned public key"),
    SSL_INVALIDCERTSTATUS(91, "SSL server certificate status verification FAILED"),
    HTTP2_STREAM(92, "Stream error in the HTTP/2 framing layer"),
    RECURSIVE_API_CALL(93, "API function called from within callback"),
    AUTH_ERROR(94, "An authentication function returned an error"),
    HTTP3(95, "HTTP/3 error"),
    QUIC_CONNECT_ERROR(96, "QUIC connection error"),
    PROXY(97, "proxy handshake error"),
    SSL_CLIENTCERT(98, "SSL Client Certificate required"),
    UNRECOVERABLE_POLL(99, "Unrecoverable error in select/poll");

    private static final CurlError[] BY_CODE = new CurlError[100];

    static {
        for (CurlError e : values()) {
            BY_CODE[e.code] = e;
        }
    }

    private final int code;
    private final String text;

    CurlError(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The libcurl error number, 0..99. */
    public int code() {
        return code;
    }

    /** libcurl's own text for this error, e.g. {@code "Couldn't connect to server"}. */
    public String text() {
        return text;
    }

    /** The error with this number, or {@code null} if libcurl 7.88 defines none (an obsolete number). */
    public static CurlError of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * The text the original's {@code $curlerror(n)} gives for any number: libcurl's text for 0..99
     * ({@code "Unknown error"} for numbers libcurl no longer uses), {@code "HTTP result code"} for
     * 100 and above, {@code "Bad CURL error code"} below 0.
     */
    public static String describe(int code) {
        if (code < 0) {
            return "Bad CURL error code";
        }
        if (code >= 100) {
            return "HTTP result code";
        }
        CurlError e = BY_CODE[code];
        return e == null ? "Unknown error" : e.text;
    }

    @Override
    public String toString() {
        return code + " " + text;
    }
}
