package dev.bgcopy.simulator;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/**
 * Where bytes come from: the one seam (with the clock) that differs between real and scripted mode.
 * Every implementation answers with HTTP semantics (200/206/416/4xx/5xx, Content-Range, validators)
 * so that {@link TransferTask} interprets real servers, local files and scripted resources alike.
 */
interface Transport {

    /**
     * Sends one request and returns once the response head is known.
     *
     * @throws IOException a transport failure (refused, reset, timed out, TLS) — see {@link Failure#remote}
     * @throws StoppedException when the transfer was stopped meanwhile
     */
    Exchange open(Request request, Control control) throws IOException;

    /**
     * One GET.
     *
     * @param uri the URL
     * @param rangeStart first byte wanted, or -1 for the whole resource
     * @param rangeEnd last byte wanted (inclusive), or -1 for "to the end"
     * @param ifRange the {@code If-Range} validator, or null
     * @param options the job's wire options (custom headers, credentials, security flags, proxy, client
     *     certificate: IBackgroundCopyJob2 and IBackgroundCopyJobHttpOptions), which only the http transport reads
     * @param method the HTTP method (IBackgroundCopyJobHttpOptions2::SetHttpMethod), GET unless the job set another
     * @param certificateValidation the job's own server-certificate check (IBackgroundCopyJobHttpOptions3), or null;
     *     only the http transport asks it
     */
    record Request(URI uri, long rangeStart, long rangeEnd, String ifRange, HttpOptions options, String method,
                   ServerCertificateValidation.Question certificateValidation) {

        /** A GET. */
        Request(URI uri, long rangeStart, long rangeEnd, String ifRange, HttpOptions options) {
            this(uri, rangeStart, rangeEnd, ifRange, options, "GET", null);
        }

        public Request {
            method = method == null ? "GET" : method;
        }

        boolean isRanged() {
            return rangeStart >= 0;
        }

        String rangeHeader() {
            return isRanged() ? "bytes=" + rangeStart + "-" + (rangeEnd >= 0 ? Long.toString(rangeEnd) : "") : null;
        }
    }

    /** What a transport may ask of the running transfer. */
    interface Control {

        /** Whether Suspend/Cancel/Complete/close asked the transfer to stop. */
        boolean stopRequested();

        /** The engine clock. */
        Instant now();

        /** The stall limit. */
        Duration readTimeout();

        /** Waits on the engine clock until {@code deadline} or a stop request. */
        void parkUntil(Instant deadline) throws InterruptedIOException;

        /**
         * Registers what a stop request runs on the stopping thread to release a blocked read (closing
         * the connection), or clears it ({@code null}); runs it at once when the stop came already.
         */
        void onStop(Runnable abort);
    }

    /** A response body, read chunk by chunk into the caller's fixed buffer. */
    interface Body extends Closeable {

        /**
         * Bytes copied into {@code dst} (a heap buffer), or -1 at the end; blocks at most the read
         * timeout. Closing a body before its end may close its connection rather than drain it.
         */
        int read(ByteBuffer dst) throws IOException;
    }

    /**
     * The head of a response and its body.
     *
     * @param status the HTTP status
     * @param contentLength the body length, or -1 when not announced
     * @param rangeStart from Content-Range, or -1
     * @param rangeTotal the complete length from Content-Range, or -1 when absent or {@code *}
     * @param etag the {@code ETag}, or null
     * @param lastModified the {@code Last-Modified} text, or null
     * @param retryAfter the {@code Retry-After} wait, or null
     * @param body the body (empty for errors)
     * @param reportedRemote the URL that becomes the file's remote name (the final URL of redirects followed
     *     under {@code BG_HTTP_REDIRECT_POLICY_ALLOW_REPORT}), or null
     * @param responseHeaders the status line and every header as received, CR LF separated (File5's
     *     HTTP_RESPONSE_HEADERS), or null where the transport speaks no HTTP
     */
    record Exchange(int status, long contentLength, long rangeStart, long rangeTotal, String etag, String lastModified,
                    Duration retryAfter, Body body, URI reportedRemote, String responseHeaders) implements Closeable {

        /** An exchange without an HTTP head that renames nothing (a local file, a scripted resource). */
        Exchange(int status, long contentLength, long rangeStart, long rangeTotal, String etag, String lastModified,
                 Duration retryAfter, Body body) {
            this(status, contentLength, rangeStart, rangeTotal, etag, lastModified, retryAfter, body, null, null);
        }

        /** This answer, making {@code remote} (when not null) the file's remote name. */
        Exchange reporting(URI remote) {
            return new Exchange(status, contentLength, rangeStart, rangeTotal, etag, lastModified, retryAfter, body, remote,
                    responseHeaders);
        }

        /** This exchange with the head of its HTTP response. */
        Exchange withResponseHeaders(String headers) {
            return new Exchange(status, contentLength, rangeStart, rangeTotal, etag, lastModified, retryAfter, body,
                    reportedRemote, headers);
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** Thrown out of a blocking transport call when the transfer was asked to stop. */
    final class StoppedException extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        StoppedException() {
            super("transfer stopped");
        }
    }

    /** A response that breaks HTTP: headers that contradict each other, more body than announced. */
    final class MalformedResponseException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedResponseException(String message) {
            super(message);
        }
    }

    /** A body with nothing in it. */
    Body EMPTY_BODY = new Body() {
        @Override
        public int read(ByteBuffer dst) {
            return -1;
        }

        @Override
        public void close() {
        }
    };
}
