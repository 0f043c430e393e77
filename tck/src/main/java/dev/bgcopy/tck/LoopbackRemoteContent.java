package dev.bgcopy.tck;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kit's {@link RemoteContent}: a real HTTP/1.1 server on 127.0.0.1 and an ephemeral port (the JDK's
 * {@code com.sun.net.httpserver}), in the mockwebserver style. Each resource has a version: its
 * {@code ETag} is {@code "v<version>"} and its {@code Last-Modified} is a fixed base instant plus
 * {@code version} hours, so {@link #change} is visible to {@code If-Range}. Single byte ranges
 * ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) are served as 206; an unsatisfiable range
 * is 416; several ranges are answered with the whole body (200), which HTTP allows.
 *
 * <p>Thread-safe. {@link #close()} stops the server and releases stalled connections at once.
 */
public final class LoopbackRemoteContent implements RemoteContent {

    private static final Instant LAST_MODIFIED_BASE = Instant.parse("2024-01-01T00:00:00Z");
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final List<RecordedRequest> log = new ArrayList<>();
    private final LinkedBlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile Duration stallLimit = Duration.ofSeconds(5);

    private record Resource(byte[] body, boolean rangeSupport, int version) {
        String etag() {
            return "\"v" + version + "\"";
        }

        String lastModified() {
            return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    LAST_MODIFIED_BASE.plus(Duration.ofHours(version)).atOffset(ZoneOffset.UTC));
        }
    }

    private LoopbackRemoteContent(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static LoopbackRemoteContent start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "tck-remote-content");
                thread.setDaemon(true);
                return thread;
            });
            LoopbackRemoteContent content = new LoopbackRemoteContent(server, executor);
            server.createContext("/", content::handle);
            server.setExecutor(executor);
            server.start();
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback content server", e);
        }
    }

    @Override
    public URI put(String path, byte[] body, boolean rangeSupport) {
        checkPath(path);
        Objects.requireNonNull(body, "body");
        Resource previous = resources.get(path);
        int version = previous == null ? 1 : previous.version() + 1;
        resources.put(path, new Resource(body.clone(), rangeSupport, version));
        return url(path);
    }

    @Override
    public void change(String path, byte[] newBody) {
        Resource previous = resources.get(path);
        if (previous == null) {
            throw new IllegalArgumentException("nothing is served at " + path);
        }
        resources.put(path, new Resource(newBody.clone(), previous.rangeSupport(), previous.version() + 1));
    }

    @Override
    public void script(String path, Fault fault, int times) {
        checkPath(path);
        Objects.requireNonNull(fault, "fault");
        if (times < 0) {
            throw new IllegalArgumentException("times < 0: " + times);
        }
        if (times == Integer.MAX_VALUE) {
            forever.put(path, fault);
            return;
        }
        Deque<Fault> queue = faults.computeIfAbsent(path, p -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.addLast(fault);
            }
        }
    }

    private final Map<String, Fault> forever = new ConcurrentHashMap<>();

    @Override
    public void clearFaults(String path) {
        forever.remove(path);
        Deque<Fault> queue = faults.get(path);
        if (queue != null) {
            synchronized (queue) {
                queue.clear();
            }
        }
    }

    private Optional<Fault> nextFault(String path) {
        Deque<Fault> queue = faults.get(path);
        if (queue != null) {
            synchronized (queue) {
                Fault scripted = queue.pollFirst();
                if (scripted != null) {
                    return Optional.of(scripted);
                }
            }
        }
        return Optional.ofNullable(forever.get(path));
    }

    @Override
    public void stallLimit(Duration limit) {
        if (limit.isNegative()) {
            throw new IllegalArgumentException("negative stall limit: " + limit);
        }
        this.stallLimit = limit;
    }

    @Override
    public URI url(String path) {
        checkPath(path);
        InetSocketAddress address = server.getAddress();
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    @Override
    public List<RecordedRequest> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        return untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            closed.countDown();
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "LoopbackRemoteContent[" + url("/") + "]";
    }

    private static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Optional<String> range = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range"));
            Optional<String> ifRange = Optional.ofNullable(exchange.getRequestHeaders().getFirst("If-Range"));
            Optional<Fault> fault = nextFault(path);
            Resource resource = resources.get(path);
            int status;
            if (fault.isPresent() && fault.get().status() != 0) {
                status = fault.get().status();
                record(method, path, range, ifRange, status);
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            if (resource == null) {
                record(method, path, range, ifRange, 404);
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                record(method, path, range, ifRange, 405);
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = resource.body();
            long start = 0;
            long end = body.length - 1L;
            status = 200;
            var headers = exchange.getResponseHeaders();
            headers.set("ETag", resource.etag());
            headers.set("Last-Modified", resource.lastModified());
            headers.set("Content-Type", "application/octet-stream");
            if (resource.rangeSupport()) {
                headers.set("Accept-Ranges", "bytes");
                boolean validatorMatches = ifRange.isEmpty()
                        || ifRange.get().equals(resource.etag()) || ifRange.get().equals(resource.lastModified());
                Matcher m = range.map(SINGLE_RANGE::matcher).orElse(null);
                if (m != null && m.matches() && validatorMatches && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                    if (m.group(1).isEmpty()) {
                        long suffix = Long.parseLong(m.group(2));
                        start = Math.max(0, body.length - suffix);
                    } else {
                        start = Long.parseLong(m.group(1));
                        if (!m.group(2).isEmpty()) {
                            end = Math.min(end, Long.parseLong(m.group(2)));
                        }
                    }
                    if (start >= body.length || start > end) {
                        record(method, path, range, ifRange, 416);
                        headers.set("Content-Range", "bytes */" + body.length);
                        exchange.sendResponseHeaders(416, -1);
                        return;
                    }
                    status = 206;
                    headers.set("Content-Range", "bytes " + start + "-" + end + "/" + body.length);
                }
            }
            int length = (int) (end - start + 1);
            record(method, path, range, ifRange, status);
            if (method.equals("HEAD")) {
                headers.set("Content-Length", Integer.toString(length));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
            OutputStream out = exchange.getResponseBody();
            if (fault.isPresent()) {
                out.write(body, (int) start, length / 2);
                out.flush();
                if (fault.get() == Fault.STALL_BODY) {
                    try {
                        closed.await(stallLimit.toNanos(), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                // Dropping the connection short of Content-Length is the fault itself.
                throw new IOException("fault " + fault.get() + ": connection dropped mid-body");
            }
            out.write(body, (int) start, length);
        }
    }

    private void record(String method, String path, Optional<String> range, Optional<String> ifRange, int status) {
        RecordedRequest request = new RecordedRequest(sequence.getAndIncrement(), method, path, range, ifRange, status);
        synchronized (log) {
            log.add(request);
        }
        untaken.add(request);
    }
}
