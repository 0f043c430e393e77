package dev.bgcopy.mockwebserver;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a {@link MockWebServer} serves at one path, made by {@link MockWebServer#serve}; its settings may
 * change while the server runs and apply to the next request. By default it honours {@code Range}, sends
 * {@code Content-Length}, is not throttled, and carries the validators of its version: {@code ETag}
 * {@code "v<version>"} and {@code Last-Modified} 2024-01-01T00:00Z plus {@code version} hours, so that
 * {@link #change} is visible to {@code If-Range}.
 */
public final class Resource {

    private static final Instant LAST_MODIFIED_BASE = Instant.parse("2024-01-01T00:00:00Z");

    /** The settings one request is answered with, read at once. */
    record State(Content content, String etag, Instant lastModified, boolean rangeSupport, boolean contentLength,
            long bytesPerSecond, boolean sendsEtag, boolean sendsLastModified, long maxRangeLength) {
    }

    private Content content;
    private int version;
    private String etag;
    private Instant lastModified;
    private boolean rangeSupport = true;
    private boolean contentLength = true;
    private long bytesPerSecond;
    private boolean sendsEtag = true;
    private boolean sendsLastModified = true;
    private long maxRangeLength = Long.MAX_VALUE;

    Resource(Content content, int version) {
        this.content = Objects.requireNonNull(content, "content");
        this.version = version;
    }

    synchronized int version() {
        return version;
    }

    /**
     * Replaces the content with a new version: a new {@code ETag} and a later {@code Last-Modified} (an
     * {@link #etag(String)} or {@link #lastModified(Instant)} set before is dropped), content that changed
     * between requests.
     */
    public synchronized Resource change(Content newContent) {
        content = Objects.requireNonNull(newContent, "newContent");
        version++;
        etag = null;
        lastModified = null;
        return this;
    }

    /**
     * With {@code true} (the default) honours {@code Range} and {@code If-Range}, answering 206 or 416, and
     * sends {@code Accept-Ranges: bytes}; with {@code false} ignores {@code Range} and always answers 200
     * with the whole body.
     */
    public synchronized Resource rangeSupport(boolean honoured) {
        rangeSupport = honoured;
        return this;
    }

    /** With {@code false} sends bodies chunked, without {@code Content-Length}; {@code true} by default. */
    public synchronized Resource contentLength(boolean sent) {
        contentLength = sent;
        return this;
    }

    /** Paces bodies at {@code bytesPerSecond} on average; 0 (the default) for as fast as the socket takes them. */
    public synchronized Resource throttle(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond < 0: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        return this;
    }

    /**
     * Sends {@code entityTag} as the {@code ETag}, quotes included: {@code "abc"} is strong,
     * {@code W/"abc"} weak (a weak tag never satisfies {@code If-Range}).
     */
    public synchronized Resource etag(String entityTag) {
        if (!entityTag.startsWith("\"") && !entityTag.startsWith("W/\"") || !entityTag.endsWith("\"")) {
            throw new IllegalArgumentException("an entity tag is quoted, optionally after W/: " + entityTag);
        }
        etag = entityTag;
        return this;
    }

    /** Sends {@code instant}, truncated to seconds, as the {@code Last-Modified} date. */
    public synchronized Resource lastModified(Instant instant) {
        lastModified = instant.truncatedTo(ChronoUnit.SECONDS);
        return this;
    }

    /**
     * Which validators responses carry: both by default; a server without {@code ETag}, or without any
     * validator, is one a client cannot ask {@code If-Range} of. The server still evaluates an
     * {@code If-Range} it receives against the current version.
     */
    public synchronized Resource validators(boolean etagSent, boolean lastModifiedSent) {
        sendsEtag = etagSent;
        sendsLastModified = lastModifiedSent;
        return this;
    }

    /**
     * Answers every range request with at most {@code bytes} bytes: a valid, shorter 206 (RFC 9110 lets a
     * server send less than asked) whose {@code Content-Range} says which part it is; unlimited by default.
     */
    public synchronized Resource maxRangeLength(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes <= 0: " + bytes);
        }
        maxRangeLength = bytes;
        return this;
    }

    /** The content served now. */
    public synchronized Content content() {
        return content;
    }

    /** The {@code ETag} sent now, quotes included. */
    public synchronized String etag() {
        return etag != null ? etag : "\"v" + version + "\"";
    }

    /** The {@code Last-Modified} date sent now. */
    public synchronized Instant lastModified() {
        return lastModified != null ? lastModified : LAST_MODIFIED_BASE.plus(Duration.ofHours(version));
    }

    synchronized State state() {
        return new State(content, etag(), lastModified(), rangeSupport, contentLength, bytesPerSecond, sendsEtag,
                sendsLastModified, maxRangeLength);
    }
}
