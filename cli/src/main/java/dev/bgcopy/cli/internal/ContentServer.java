package dev.bgcopy.cli.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 server on 127.0.0.1 (JDK {@code com.sun.net.httpserver}, ephemeral port) serving one
 * {@link DemoContent} at one path, as a download server would: {@code Content-Length},
 * {@code Accept-Ranges}, a strong {@code ETag}, {@code Last-Modified}, single {@code Range} requests
 * (206, or 416 beyond the end), and {@code If-Range} (a stale validator gets the whole file, 200).
 * Every request is recorded ({@link #requests()}). Used by {@code bgcopy demo} and by the tests.
 */
public final class ContentServer implements AutoCloseable {

    /**
     * One request as the server saw it.
     *
     * @param status the response status, 0 while the headers are not sent yet
     * @param bodyBytes body bytes written so far
     * @param finished whether the exchange has ended (a client that stops reading keeps it open)
     */
    public record Request(String method, String path, String range, String ifRange, int status, long bodyBytes,
            boolean finished) {
        @Override
        public String toString() {
            return method + " " + path + (range == null ? "" : " Range: " + range)
                    + (ifRange == null ? "" : " If-Range: " + ifRange) + " -> " + status + ", " + bodyBytes + " bytes"
                    + (finished ? "" : " (still open)");
        }
    }

    /** A request in progress: what the log shows of it changes until it ends. */
    private static final class Entry {
        final String method;
        final String path;
        final String range;
        final String ifRange;
        volatile int status;
        volatile long sent;
        volatile boolean finished;

        Entry(String method, String path, String range, String ifRange) {
            this.method = method;
            this.path = path;
            this.range = range;
            this.ifRange = ifRange;
        }

        Request snapshot() {
            return new Request(method, path, range, ifRange, status, sent, finished);
        }
    }

    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final int CHUNK = 1 << 16;
    private static final String LAST_MODIFIED = DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));

    private final HttpServer server;
    private final ExecutorService executor;
    private final String path;
    private final DemoContent content;
    private final String etag;
    private final long bytesPerSecond;
    private final Consumer<Request> listener;
    private final List<Entry> requests = new ArrayList<>();

    private ContentServer(String path, DemoContent content, String etag, long bytesPerSecond, Consumer<Request> listener)
            throws IOException {
        this.path = path;
        this.content = content;
        this.etag = etag;
        this.bytesPerSecond = bytesPerSecond;
        this.listener = listener;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bgcopy-content-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts serving {@code content} at {@code path} on 127.0.0.1.
     *
     * @param etag the entity tag without quotes (e.g. a prefix of the content's SHA-256)
     * @param bytesPerSecond pace of response bodies, or 0 for as fast as the socket takes them
     * @param listener told about each request when it ends
     */
    public static ContentServer start(String path, DemoContent content, String etag, long bytesPerSecond,
            Consumer<Request> listener) throws IOException {
        ContentServer s = new ContentServer(path, content, etag, bytesPerSecond, listener);
        s.server.start();
        return s;
    }

    /** The URL of the content. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** A URL on this server that answers 404. */
    public URI missing() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/no-such-file");
    }

    /** The quoted entity tag sent in {@code ETag}. */
    public String etag() {
        return "\"" + etag + "\"";
    }

    /** Every request so far, in the order they arrived, with what was sent until now. */
    public synchronized List<Request> requests() {
        return requests.stream().map(Entry::snapshot).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        Headers in = exchange.getRequestHeaders();
        String range = in.getFirst("Range");
        String ifRange = in.getFirst("If-Range");
        Entry entry = new Entry(method, exchange.getRequestURI().getPath(), range, ifRange);
        synchronized (this) {
            requests.add(entry);
        }
        int status = 500;
        try (exchange) {
            Headers out = exchange.getResponseHeaders();
            if (!exchange.getRequestURI().getPath().equals(path)) {
                status = 404;
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                status = 405;
                out.set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            long size = content.size();
            long start = 0;
            long end = size - 1;
            status = 200;
            boolean rangeApplies = range != null && (ifRange == null || ifRange.equals(etag()) || ifRange.equals(LAST_MODIFIED));
            if (rangeApplies) {
                Matcher m = SINGLE_RANGE.matcher(range.strip());
                // A multi-range or malformed header is ignored (RFC 9110 allows serving the whole file).
                if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                    if (m.group(1).isEmpty()) {
                        long suffix = Long.parseLong(m.group(2));
                        start = Math.max(0, size - suffix);
                    } else {
                        start = Long.parseLong(m.group(1));
                        if (!m.group(2).isEmpty()) {
                            end = Math.min(end, Long.parseLong(m.group(2)));
                        }
                    }
                    if (start >= size || start > end) {
                        status = 416;
                        out.set("Content-Range", "bytes */" + size);
                        exchange.sendResponseHeaders(status, -1);
                        return;
                    }
                    status = 206;
                    out.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
                }
            }
            long length = end - start + 1;
            out.set("Accept-Ranges", "bytes");
            out.set("ETag", etag());
            out.set("Last-Modified", LAST_MODIFIED);
            out.set("Content-Type", "application/octet-stream");
            if (method.equals("HEAD")) {
                out.set("Content-Length", Long.toString(length));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            entry.status = status;
            send(exchange.getResponseBody(), start, length, entry);
        } catch (IOException e) {
            // The client went away (e.g. the job was suspended): the entry keeps what was sent.
        } finally {
            entry.status = status;
            entry.finished = true;
            listener.accept(entry.snapshot());
        }
    }

    private void send(OutputStream body, long start, long length, Entry entry) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long sent = 0;
        long began = System.nanoTime();
        while (sent < length) {
            int n = (int) Math.min(CHUNK, length - sent);
            content.fill(start + sent, buffer, n);
            body.write(buffer, 0, n);
            sent += n;
            entry.sent = sent;
            pace(sent, began);
        }
        body.flush();
    }

    private void pace(long sent, long began) {
        if (bytesPerSecond <= 0) {
            return;
        }
        long due = began + (long) (sent * 1e9 / bytesPerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
