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
