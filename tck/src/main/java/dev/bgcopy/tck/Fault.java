package dev.bgcopy.tck;

/**
 * A scripted server misbehaviour for one path of a {@link RemoteContent} (STYLE house rule 15). Each
 * fault applies to the next request(s) of that path, in the order scripted.
 */
public enum Fault {
    /** Answers {@code 503 Service Unavailable}: a transient server failure (expect TRANSIENT_ERROR, §5.5). */
    HTTP_503(503),
    /** Answers {@code 500 Internal Server Error}: transient (§5.5). */
    HTTP_500(500),
    /** Answers {@code 408 Request Timeout}: transient (§5.5). */
    HTTP_408(408),
    /** Answers {@code 502 Bad Gateway}: transient (§5.5). */
    HTTP_502(502),
    /** Answers {@code 504 Gateway Timeout}: transient (§5.5). */
    HTTP_504(504),
    /** Answers {@code 400 Bad Request}: fatal, as every 4xx but 408 (§5.5). */
    HTTP_400(400),
    /** Answers {@code 410 Gone}: fatal (§5.5). */
    HTTP_410(410),
    /** Answers {@code 404 Not Found}: fatal (expect ERROR with 0x80190194, §5.5). */
    HTTP_404(404),
    /** Answers {@code 403 Forbidden}: fatal; DO reports context REMOTE_FILE for it (R45). */
    HTTP_403(403),
    /**
     * Sends the headers and half the body, then holds the connection until the stall limit passes or
     * the server closes, and drops it: a server that stops sending mid-transfer.
     */
    STALL_BODY(0),
    /** Sends the headers and half the body, then closes the connection: a connection lost mid-body. */
    DISCONNECT_MID_BODY(0);

    private final int status;

    Fault(int status) {
        this.status = status;
    }

    /** The HTTP status this fault answers with, or 0 when it is a body fault after a normal status. */
    public int status() {
        return status;
    }
}
