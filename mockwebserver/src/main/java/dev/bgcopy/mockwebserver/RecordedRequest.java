package dev.bgcopy.mockwebserver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One exchange of a {@link MockWebServer} (OkHttp's {@code RecordedRequest}): what was asked, fixed at
 * arrival, and what was answered, which grows until the exchange ends: the {@link #status()} is set when
 * the response head is sent, {@link #bodyBytes()} counts body bytes as they are written, and
 * {@link #finished()} turns true once the response is complete or the connection was dropped. A held
 * ({@link Gate}) or stalled exchange is therefore visible, with what it sent so far, before it ends.
 *
 * <p>Thread-safe. Identity is the exchange: two instances are equal only if they are the same.
 */
public final class RecordedRequest {

    private final int sequence;
    private final int connection;
    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final CountDownLatch finishedLatch = new CountDownLatch(1);
    private volatile int status;
    private volatile long bodyBytes;
    private boolean logged;

    RecordedRequest(int sequence, int connection, String method, String path, Map<String, List<String>> headers) {
        this.sequence = sequence;
        this.connection = connection;
        this.method = method;
        this.path = path;
        this.headers = headers;
    }

    /** 0-based arrival number across all paths of the server. */
    public int sequence() {
        return sequence;
    }

    /**
     * 0-based number of the connection it came on, in the order the server accepted connections: two
     * exchanges with the same number shared one kept-alive connection.
     */
    public int connection() {
        return connection;
    }

    /** The request method, e.g. {@code GET} or {@code HEAD}. */
    public String method() {
        return method;
    }

    /** The request path without query, e.g. {@code /a.bin}. */
    public String path() {
        return path;
    }

    /** Every request header, names looked up case-insensitively, values in arrival order. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of header {@code name} (case-insensitive), if sent. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The {@code Range} header, if sent. */
    public Optional<String> range() {
        return header("Range");
    }

    /** The {@code If-Range} header, if sent. */
    public Optional<String> ifRange() {
        return header("If-Range");
    }

    /** The status sent, or 0 while no response head was sent (and for {@link Fault#DISCONNECT_AT_START}). */
    public int status() {
        return status;
    }

    /** Body bytes written so far (all of them once {@link #finished()}). */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** Whether the exchange has ended: the response is complete or the connection was dropped. */
    public boolean finished() {
        return finishedLatch.getCount() == 0;
    }

    /** Waits up to {@code timeout} for the exchange to end; whether it did. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finishedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void status(int sent) {
        status = sent;
    }

    void bodyBytes(long written) {
        bodyBytes = written;
    }

    /** True the first time: the server logs each exchange once. Called under the server's log lock. */
    boolean markLogged() {
        if (logged) {
            return false;
        }
        logged = true;
        return true;
    }

    void finish() {
        finishedLatch.countDown();
    }

    /** {@code GET /a.bin Range: bytes=5- If-Range: "v1" -> 206, 1000 bytes}, with {@code (still open)} until it ends. */
    @Override
    public String toString() {
        return method + " " + path + range().map(r -> " Range: " + r).orElse("")
                + ifRange().map(r -> " If-Range: " + r).orElse("") + " -> " + status + ", " + bodyBytes + " bytes"
                + (finished() ? "" : " (still open)");
    }
}
