package dev.bgcopy.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * One file on a {@link ScriptedNetwork}: its bytes, its validators ({@code ETag},
 * {@code Last-Modified}), whether it honours {@code Range}, whether it announces its length, a
 * per-request latency, and a fault script consumed one request at a time.
 *
 * <p>The fault script is a queue. Each request takes the step at its head: a failure status
 * ({@link #failNext}), a connection reset before the response ({@link #resetNext}), a body that stalls
 * ({@link #stallAt}) or drops ({@link #dropAt}) at a byte offset. {@link #thenChangeContent} steps take
 * effect when they reach the head, before the request that follows them is served. An empty script
 * serves the content normally. Steps given {@link #ALWAYS} as their count never run out.
 *
 * <p>Defaults: range support on, {@code Content-Length} sent, an automatic {@code ETag} that changes
 * with the content ({@code "v1"}, {@code "v2"}, ...), no {@code Last-Modified}, no latency, no faults.
 * Thread-safe; changes apply to requests that start afterwards.
 */
public final class RemoteResource {

    /** A step count that never runs out. */
    public static final int ALWAYS = Integer.MAX_VALUE;

    private final String url;
    private byte[] content;
    private int version = 1;
    private boolean automaticEtag = true;
    private String etag;
    private Instant lastModified;
    private boolean rangeSupport = true;
    private boolean sendsContentLength = true;
    private Duration latency = Duration.ZERO;
    private int requestCount;
    private final Deque<Step> script = new ArrayDeque<>();

    RemoteResource(String url, byte[] content) {
        this.url = url;
        this.content = Objects.requireNonNull(content, "content").clone();
    }

    /** The URL this resource is served at. */
    public String url() {
        return url;
    }

    /** A copy of the current content. */
    public synchronized byte[] content() {
        return content.clone();
    }

    /** Replaces the content now; the automatic ETag changes with it. */
    public synchronized RemoteResource content(byte[] newContent) {
        this.content = Objects.requireNonNull(newContent, "newContent").clone();
        this.version++;
        return this;
    }

    /** Whether {@code Range} requests get {@code 206} (true) or the whole body with {@code 200} (false). */
    public synchronized RemoteResource supportsRanges(boolean supported) {
        this.rangeSupport = supported;
        return this;
    }

    /** A fixed {@code ETag} (quoted as given), or null for none; replaces the automatic one. */
    public synchronized RemoteResource etag(String value) {
        this.automaticEtag = false;
        this.etag = value;
        return this;
    }

    /** The {@code Last-Modified} instant, or null for none. */
    public synchronized RemoteResource lastModified(Instant value) {
        this.lastModified = value;
        return this;
    }

    /** Whether responses carry {@code Content-Length} (false: the size is unknown until the body ends). */
    public synchronized RemoteResource sendsContentLength(boolean sends) {
        this.sendsContentLength = sends;
        return this;
    }

    /** Virtual time every request waits before its response starts. */
    public synchronized RemoteResource latency(Duration value) {
        Objects.requireNonNull(value, "value");
        if (value.isNegative()) {
            throw new IllegalArgumentException("latency is negative: " + value);
        }
        this.latency = value;
        return this;
    }

    /** The next {@code times} requests get {@code status} (e.g. 503, 404) with an empty body. */
    public RemoteResource failNext(int times, int status) {
        return failNext(times, status, null);
    }

    /**
     * The next {@code times} requests get {@code status} and, when {@code retryAfter} is not null, a
     * {@code Retry-After} header in whole seconds (for 429 and 503).
     */
    public synchronized RemoteResource failNext(int times, int status, Duration retryAfter) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        return append(new Step(StepKind.STATUS, times, status, 0, retryAfter, null));
    }

    /** The next {@code times} connections are reset before any response (a transient network failure). */
    public synchronized RemoteResource resetNext(int times) {
        return append(new Step(StepKind.RESET, times, 0, 0, null, null));
    }

    /**
     * The next {@code times} responses stop sending once the body reaches byte {@code offset} of the
     * resource (at once when the request starts there or later) and keep the connection open: the
     * client sees a stall and gives up after its read timeout, measured on the engine's clock.
     */
    public synchronized RemoteResource stallAt(long offset, int times) {
        return append(new Step(StepKind.STALL, times, 0, requireOffset(offset), null, null));
    }

    /** The next {@code times} responses drop the connection when the body reaches byte {@code offset}. */
    public synchronized RemoteResource dropAt(long offset, int times) {
        return append(new Step(StepKind.DROP, times, 0, requireOffset(offset), null, null));
    }

    /** When the script reaches this step, the content becomes {@code newContent} (and the automatic ETag changes). */
    public synchronized RemoteResource thenChangeContent(byte[] newContent) {
        return append(new Step(StepKind.CHANGE, 1, 0, 0, null, Objects.requireNonNull(newContent, "newContent").clone()));
    }

    /** How many requests reached this resource. */
    public synchronized int requestCount() {
        return requestCount;
    }

    private static long requireOffset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        return offset;
    }

    private RemoteResource append(Step step) {
        if (step.remaining <= 0) {
            throw new IllegalArgumentException("times must be positive: " + step.remaining);
        }
        script.add(step);
        return this;
    }

    /** Takes the script step for one request and freezes what it will see. */
    synchronized Plan plan() {
        requestCount++;
        Step step = null;
        while (!script.isEmpty()) {
            Step head = script.peek();
            if (head.kind == StepKind.CHANGE) {
                script.poll();
                content = head.newContent;
                version++;
                continue;
            }
            step = head;
            if (head.remaining != ALWAYS && --head.remaining == 0) {
                script.poll();
            }
            break;
        }
        String currentEtag = automaticEtag ? "\"v" + version + "\"" : etag;
        return new Plan(content, currentEtag, lastModified, rangeSupport, sendsContentLength, latency, step);
    }

    enum StepKind { STATUS, RESET, STALL, DROP, CHANGE }

    static final class Step {
        final StepKind kind;
        int remaining;
        final int status;
        final long offset;
        final Duration retryAfter;
        final byte[] newContent;

        Step(StepKind kind, int remaining, int status, long offset, Duration retryAfter, byte[] newContent) {
            this.kind = kind;
            this.remaining = remaining;
            this.status = status;
            this.offset = offset;
            this.retryAfter = retryAfter;
            this.newContent = newContent;
        }
    }

    /** What one request sees: the resource frozen at the moment it arrived, plus its script step. */
    record Plan(byte[] content, String etag, Instant lastModified, boolean rangeSupport, boolean sendsContentLength,
                Duration latency, Step step) {
    }
}
