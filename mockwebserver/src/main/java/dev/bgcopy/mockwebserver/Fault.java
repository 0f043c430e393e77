package dev.bgcopy.mockwebserver;

/**
 * A scripted misbehaviour of a {@link MockWebServer} for the next request(s) of one path, in the manner
 * of OkHttp's {@code SocketPolicy}: see {@link MockWebServer#script}. A fault comes before everything
 * else, even before a 404 for a path that serves nothing. "Half the body" is half of what the request
 * would have received (the range for a 206).
 */
public enum Fault {
    /** Answers {@code 400 Bad Request} with no body: fatal, as every 4xx but 408. */
    HTTP_400(400),
    /** Answers {@code 403 Forbidden} with no body: fatal; DO reports context REMOTE_FILE for it. */
    HTTP_403(403),
    /** Answers {@code 404 Not Found} with no body: fatal. */
    HTTP_404(404),
    /** Answers {@code 408 Request Timeout} with no body: transient. */
    HTTP_408(408),
    /** Answers {@code 410 Gone} with no body: fatal. */
    HTTP_410(410),
    /** Answers {@code 429 Too Many Requests} with no body. */
    HTTP_429(429),
    /** Answers {@code 500 Internal Server Error} with no body: transient. */
    HTTP_500(500),
    /** Answers {@code 502 Bad Gateway} with no body: transient. */
    HTTP_502(502),
    /** Answers {@code 503 Service Unavailable} with no body: transient. */
    HTTP_503(503),
    /** Answers {@code 504 Gateway Timeout} with no body: transient. */
    HTTP_504(504),
    /** Reads the request and closes the connection without a byte of response. */
    DISCONNECT_AT_START(0),
    /** Sends the status line and headers of the normal response, then closes the connection. */
    CLOSE_AFTER_HEADERS(0),
    /** Sends half the body, then closes the connection (FIN): a body shorter than its Content-Length. */
    DISCONNECT_MID_BODY(0),
    /** Sends half the body, then resets the connection (TCP RST). */
    RESET_MID_BODY(0),
    /** Sends half the body, then holds the connection until the stall limit passes or the server closes, and closes it. */
    STALL_BODY(0),
    /** Ignores {@code Range} for this request: 200 with the whole body, as a server without range support. */
    IGNORE_RANGE(0),
    /**
     * Sends the normal status and {@code Content-Range} but no {@code Content-Length}, then the body and
     * {@link MockWebServer#OVERLONG_EXTRA} zero bytes more, and closes the connection: more than announced.
     */
    OVERLONG_BODY(0),
    /** Declares a {@code Content-Length} one byte longer than the body it sends, then closes the connection. */
    WRONG_CONTENT_LENGTH(0),
    /**
     * Serves the requested range with 206 even when {@code If-Range} names another version: the broken
     * server that lets a client join two versions of a file.
     */
    IGNORE_IF_RANGE(0),
    /** Answers a range with 206 and the right body, but a {@code Content-Range} that starts one byte later. */
    CONTENT_RANGE_OTHER_START(0),
    /** Answers a range with 206 and the right body, but a {@code Content-Range} whose complete length is one more. */
    CONTENT_RANGE_OTHER_TOTAL(0);

    private final int status;

    Fault(int status) {
        this.status = status;
    }

    /** The HTTP status this fault answers with, or 0 when it misbehaves around a normal response. */
    public int status() {
        return status;
    }
}
