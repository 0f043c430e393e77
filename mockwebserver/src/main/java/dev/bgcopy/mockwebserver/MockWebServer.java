package dev.bgcopy.mockwebserver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port for tests and demos, in the manner of
 * OkHttp's MockWebServer: {@link #serve resources} with or without {@code Range} support, scripted
 * {@link Fault faults}, throttled bodies, {@link Gate gates} that hold a body at a byte offset, and a log of
 * {@link RecordedRequest recorded requests}. Optionally https ({@link #startTls()}) with a certificate made
 * at start.
 *
 * <p>HTTP as RFC 9110 says: GET and HEAD (others get 405); a single byte range ({@code bytes=a-b},
 * {@code bytes=a-}, {@code bytes=-n}) is answered 206 with {@code Content-Range}; an unsatisfiable one 416
 * with {@code Content-Range: bytes *}{@code /length}; a multi-range request the whole body with 200, which
 * RFC 9110 allows. {@code If-Range} holds only for the current strong {@code ETag} or the exact
 * {@code Last-Modified} date; otherwise the whole body is sent with 200. HEAD ignores {@code Range}, which is
 * defined for GET only. Connections persist (HTTP/1.1 keep-alive) unless the client closes them.
 *
 * <p>Thread-safe. {@link #close()} stops the server and drops every connection at once, held or not.
 */
public final class MockWebServer implements AutoCloseable {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** How many bytes past the announced body {@link Fault#OVERLONG_BODY} sends. */
    public static final int OVERLONG_EXTRA = 1000;
    private static final int MAX_LINE = 16 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final ServerSocket serverSocket;
    private final SelfSignedTls tls;
    private final ExecutorService executor;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Fault> forever = new ConcurrentHashMap<>();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final Map<String, Redirect> redirects = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> extraHeaders = new ConcurrentHashMap<>();
    private final List<Gate> allGates = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> log = new ArrayList<>();
    private final LinkedBlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    private final List<Consumer<RecordedRequest>> listeners = new CopyOnWriteArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile Duration stallLimit = Duration.ofSeconds(5);

    private MockWebServer(SelfSignedTls tls) throws IOException {
        this.tls = tls;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.serverSocket = tls == null ? new ServerSocket(0, 50, loopback)
                : tls.serverContext.getServerSocketFactory().createServerSocket(0, 50, loopback);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "mockwebserver-" + serverSocket.getLocalPort());
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::acceptLoop);
    }

    /** Starts a plain-HTTP server on 127.0.0.1 and a free port. */
    public static MockWebServer start() {
        return start(null);
    }

    /**
     * Starts an https server on 127.0.0.1 and a free port, with a self-signed certificate made now for
     * {@code 127.0.0.1}, {@code ::1} and {@code localhost}: clients trust it through
     * {@link #clientSslContext()} or {@link #trustStore()}. Needs Bouncy Castle ({@code bcpkix-jdk18on}).
     */
    public static MockWebServer startTls() {
        return start(SelfSignedTls.generate());
    }

    private static MockWebServer start(SelfSignedTls tls) {
        try {
            return new MockWebServer(tls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback server socket", e);
        }
    }

    /**
     * Serves {@code content} at {@code path} (starting with '/') with default settings; the handle tunes
     * it. Replacing what was there starts at the next version, so validators sent before no longer match.
     */
    public Resource serve(String path, Content content) {
        checkPath(path);
        Objects.requireNonNull(content, "content");
        return resources.compute(path, (p, previous) -> new Resource(content, previous == null ? 1 : previous.version() + 1));
    }

    /** Answers requests of {@code path} with a redirect {@code status} (301, 302, 303, 307, 308) to {@code location}. */
    public void redirect(String path, int status, URI location) {
        checkPath(path);
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("not a redirect status: " + status);
        }
        redirects.put(path, new Redirect(status, location.toString()));
    }

    /**
     * Adds the response header {@code name: value} to every response of {@code path} from now on, faults and
     * redirects included ({@code Retry-After} on a 503, {@code Content-Encoding} on a body); replaces an
     * earlier value of the same name. The value is sent as given, so a test can send one no client should
     * accept, but CR and LF are refused: they would end the header.
     */
    public void header(String path, String name, String value) {
        checkPath(path);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if ((name + value).indexOf('\r') >= 0 || (name + value).indexOf('\n') >= 0 || name.isEmpty()) {
            throw new IllegalArgumentException("a header name is not empty and neither holds CR or LF");
        }
        extraHeaders.computeIfAbsent(path, p -> new ConcurrentHashMap<>()).put(name, value);
    }

    /** A path answered with a redirect. */
    private record Redirect(int status, String location) {
    }

    /** What is served at {@code path}. */
    public Resource resource(String path) {
        Resource resource = resources.get(path);
        if (resource == null) {
            throw new IllegalArgumentException("nothing is served at " + path);
        }
        return resource;
    }

    /** Applies {@code fault} to the next {@code times} requests of {@code path}, after faults scripted before. */
    public void script(String path, Fault fault, int times) {
        checkPath(path);
        Objects.requireNonNull(fault, "fault");
        if (times < 0) {
            throw new IllegalArgumentException("times < 0: " + times);
        }
        Deque<Fault> queue = scripted.computeIfAbsent(path, p -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.addLast(fault);
            }
        }
    }

    /** Applies {@code fault} to every request of {@code path} once the scripted ones are used, until {@link #clearFaults}. */
    public void scriptForever(String path, Fault fault) {
        checkPath(path);
        forever.put(path, Objects.requireNonNull(fault, "fault"));
    }

    /** Removes every pending fault of {@code path}. */
    public void clearFaults(String path) {
        forever.remove(path);
        Deque<Fault> queue = scripted.get(path);
        if (queue != null) {
            synchronized (queue) {
                queue.clear();
            }
        }
    }

    /** How long a {@link Fault#STALL_BODY} holds its connection before closing it; 5 s unless set. */
    public void stallLimit(Duration limit) {
        if (limit.isNegative()) {
            throw new IllegalArgumentException("negative stall limit: " + limit);
        }
        stallLimit = limit;
    }

    /**
     * Holds the bodies of requests of {@code path} arriving from now on at content offset {@code offset},
     * until the returned gate is released; replaces an earlier gate of the path for later requests.
     */
    public Gate holdAt(String path, long offset) {
        checkPath(path);
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0: " + offset);
        }
        Gate[] self = new Gate[1];
        Gate gate = new Gate(offset, () -> gates.remove(path, self[0]));
        self[0] = gate;
        allGates.add(gate);
        gates.put(path, gate);
        if (!open.get()) {
            gate.release();
        }
        return gate;
    }

    /** Calls {@code listener} on a server thread whenever an exchange ends, with its final record. */
    public void onExchangeFinished(Consumer<RecordedRequest> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The port the server listens on. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The absolute URL of {@code path} on this server ({@code http} or {@code https}, host 127.0.0.1). */
    public URI url(String path) {
        checkPath(path);
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port() + path);
    }

    /** Every request so far in arrival order, each as it stands now (see {@link RecordedRequest}). */
    public List<RecordedRequest> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /**
     * The oldest request not yet taken, waiting up to {@code timeout} for one; null when none came. A
     * request is recorded when its response head is sent (or the connection dropped without one).
     */
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        return untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Takes every request not yet taken, without waiting. */
    public List<RecordedRequest> drainRequests() {
        List<RecordedRequest> taken = new ArrayList<>();
        untaken.drainTo(taken);
        return taken;
    }

    /**
     * The server's certificate.
     *
     * @throws IllegalStateException for a plain-HTTP server
     */
    public X509Certificate certificate() {
        return tlsOrThrow().certificate;
    }

    /**
     * The server's certificate in PEM ({@code -----BEGIN CERTIFICATE-----}, base64 in lines of 64), as a
     * CA file for clients that read one (curl's {@code --cacert}, bgcopy's {@code --ca-file}).
     *
     * @throws IllegalStateException for a plain-HTTP server
     */
    public String certificatePem() {
        try {
            String body = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate().getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("the certificate made at start cannot be encoded", e);
        }
    }

    /**
     * A client {@link SSLContext} that trusts exactly this server's certificate.
     *
     * @throws IllegalStateException for a plain-HTTP server
     */
    public SSLContext clientSslContext() {
        return tlsOrThrow().clientContext;
    }

    /**
     * A PKCS12 trust store holding this server's certificate.
     *
     * @throws IllegalStateException for a plain-HTTP server
     */
    public KeyStore trustStore() {
        return tlsOrThrow().trustStore;
    }

    /** Stops listening, releases every gate and stall, and drops every connection. Idempotent. */
    @Override
    public void close() {
        if (!open.compareAndSet(true, false)) {
            return;
        }
        closed.countDown();
        allGates.forEach(Gate::release);
        closeQuietly(serverSocket);
        connections.forEach(MockWebServer::closeQuietly);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "MockWebServer[" + url("/") + "]";
    }

    private SelfSignedTls tlsOrThrow() {
        if (tls == null) {
            throw new IllegalStateException("a plain-HTTP server has no certificate; start it with startTls()");
        }
        return tls;
    }

    private static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
    }

    private Fault nextFault(String path) {
        Deque<Fault> queue = scripted.get(path);
        if (queue != null) {
            synchronized (queue) {
                Fault next = queue.pollFirst();
                if (next != null) {
                    return next;
                }
            }
        }
        return forever.get(path);
    }

    private void acceptLoop() {
        while (open.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.add(socket);
            if (!open.get()) {
                closeQuietly(socket);
                return;
            }
            int connection = connectionCount.getAndIncrement();
            try {
                executor.execute(() -> serveConnection(socket, connection));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closeQuietly(socket);
            }
        }
    }

    private void serveConnection(Socket socket, int connection) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), CHUNK);
            boolean keepAlive = true;
            while (keepAlive && open.get()) {
                Request request = readRequest(in);
                if (request == null) {
                    return;
                }
                keepAlive = exchange(request, socket, connection, out);
            }
        } catch (IOException clientWentAwayOrFault) {
            // A client that stops reading or a fault that drops the connection ends the exchange here.
        } finally {
            connections.remove(socket);
        }
    }

    /** A parsed request head. */
    private record Request(String method, String path, String version, Map<String, List<String>> headers) {
        String first(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        boolean wantsClose() {
            String connection = first("Connection");
            return !version.equals("HTTP/1.1") || connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        String line = readLine(in);
        while (line != null && line.isEmpty()) {
            line = readLine(in);
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ");
        if (parts.length != 3) {
            throw new IOException("malformed request line: " + line);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header: " + header);
            }
            headers.computeIfAbsent(header.substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(header.substring(colon + 1).strip());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        List<String> length = headers.get("Content-Length");
        if (length != null) {
            in.skipNBytes(Long.parseLong(length.get(0)));
        }
        String target = parts[1];
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        if (path.startsWith("http://") || path.startsWith("https://")) {
            path = URI.create(path).getRawPath();
        }
        return new Request(parts[0], path, parts[2], Collections.unmodifiableMap(headers));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("request line or header longer than " + MAX_LINE);
            }
            line.write(b);
        }
        if (line.size() > 0) {
            throw new IOException("connection closed mid-line");
        }
        return null;
    }

    /** Answers one request; whether the connection stays open for the next. */
    private boolean exchange(Request request, Socket socket, int connection, OutputStream out) throws IOException {
        Fault fault = nextFault(request.path());
        Resource resource = resources.get(request.path());
        Gate gate = gates.get(request.path());
        RecordedRequest recorded = new RecordedRequest(sequence.getAndIncrement(), connection, request.method(), request.path(),
                request.headers());
        boolean keepAlive = !request.wantsClose();
        try {
            if (fault == Fault.DISCONNECT_AT_START) {
                record(recorded);
                return false;
            }
            if (fault != null && fault.status() != 0) {
                sendEmpty(out, recorded, fault.status(), Map.of(), keepAlive);
                return keepAlive;
            }
            Redirect redirect = redirects.get(request.path());
            if (redirect != null) {
                sendEmpty(out, recorded, redirect.status(), Map.of("Location", redirect.location()), keepAlive);
                return keepAlive;
            }
            if (resource == null) {
                sendEmpty(out, recorded, 404, Map.of(), keepAlive);
                return keepAlive;
            }
            boolean head = request.method().equals("HEAD");
            if (!head && !request.method().equals("GET")) {
                sendEmpty(out, recorded, 405, Map.of("Allow", "GET, HEAD"), keepAlive);
                return keepAlive;
            }
            Resource.State state = resource.state();
            long size = state.content().size();
            Map<String, String> headers = new LinkedHashMap<>();
            if (state.sendsEtag()) {
                headers.put("ETag", state.etag());
            }
            if (state.sendsLastModified()) {
                headers.put("Last-Modified", HTTP_DATE.format(state.lastModified()));
            }
            headers.put("Content-Type", "application/octet-stream");
            ByteRange range = ByteRange.WHOLE;
            if (state.rangeSupport()) {
                headers.put("Accept-Ranges", "bytes");
                if (!head && fault != Fault.IGNORE_RANGE) {
                    String ifRange = fault == Fault.IGNORE_IF_RANGE ? null : request.first("If-Range");
                    range = ByteRange.of(request.first("Range"), ifRange, size, state.etag(), state.lastModified());
                    if (range.start() >= 0 && range.length() > state.maxRangeLength()) {
                        range = new ByteRange(range.start(), range.start() + state.maxRangeLength() - 1);
                    }
                }
            }
            if (range == ByteRange.UNSATISFIABLE) {
                sendEmpty(out, recorded, 416, Map.of("Content-Range", "bytes */" + size), keepAlive);
                return keepAlive;
            }
            int status = range == ByteRange.WHOLE ? 200 : 206;
            long start = range == ByteRange.WHOLE ? 0 : range.start();
            long length = range == ByteRange.WHOLE ? size : range.length();
            if (status == 206) {
                long claimedStart = fault == Fault.CONTENT_RANGE_OTHER_START ? start + 1 : start;
                long claimedEnd = fault == Fault.CONTENT_RANGE_OTHER_START ? range.end() + 1 : range.end();
                long claimedSize = fault == Fault.CONTENT_RANGE_OTHER_TOTAL || fault == Fault.CONTENT_RANGE_OTHER_START
                        ? size + 1 : size;
                headers.put("Content-Range", "bytes " + claimedStart + "-" + claimedEnd + "/" + claimedSize);
            }
            boolean chunked = !state.contentLength() && !head && fault != Fault.OVERLONG_BODY;
            if (fault == Fault.OVERLONG_BODY) {
                keepAlive = false; // the body ends where the connection does
            } else if (chunked) {
                headers.put("Transfer-Encoding", "chunked");
            } else {
                headers.put("Content-Length", Long.toString(fault == Fault.WRONG_CONTENT_LENGTH ? length + 1 : length));
            }
            sendHead(out, recorded, status, headers, keepAlive);
            if (head) {
                out.flush();
                return keepAlive;
            }
            if (fault == Fault.CLOSE_AFTER_HEADERS) {
                out.flush();
                return false;
            }
            boolean cut = fault == Fault.DISCONNECT_MID_BODY || fault == Fault.RESET_MID_BODY || fault == Fault.STALL_BODY;
            long toSend = cut ? length / 2 : length;
            if (!writeBody(out, recorded, state, start, toSend, chunked, gate)) {
                return false;
            }
            if (fault == null || fault == Fault.IGNORE_RANGE || fault == Fault.IGNORE_IF_RANGE
                    || fault == Fault.CONTENT_RANGE_OTHER_START || fault == Fault.CONTENT_RANGE_OTHER_TOTAL) {
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
                return keepAlive;
            }
            if (fault == Fault.OVERLONG_BODY) {
                out.write(new byte[OVERLONG_EXTRA]);
            }
            out.flush();
            if (fault == Fault.STALL_BODY) {
                awaitClose(stallLimit);
            } else if (fault == Fault.RESET_MID_BODY) {
                socket.setSoLinger(true, 0);
            }
            return false;
        } finally {
            record(recorded); // no-op unless the head could not be sent
            recorded.finish();
            for (Consumer<RecordedRequest> listener : listeners) {
                listener.accept(recorded);
            }
        }
    }

    private void record(RecordedRequest recorded) {
        synchronized (log) {
            if (!recorded.markLogged()) {
                return;
            }
            log.add(recorded);
        }
        untaken.add(recorded);
    }

    private void sendEmpty(OutputStream out, RecordedRequest recorded, int status, Map<String, String> extra,
            boolean keepAlive) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Length", "0");
        sendHead(out, recorded, status, headers, keepAlive);
        out.flush();
    }

    private void sendHead(OutputStream out, RecordedRequest recorded, int status, Map<String, String> headers,
            boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        Map<String, String> added = extraHeaders.get(recorded.path());
        if (added != null) {
            headers = new LinkedHashMap<>(headers);
            headers.putAll(added);
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        recorded.status(status);
        record(recorded);
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code length} content bytes from {@code start}; false if the server closed while a gate held it. */
    private boolean writeBody(OutputStream out, RecordedRequest recorded, Resource.State state, long start, long length,
            boolean chunked, Gate gate) throws IOException {
        long bytesPerSecond = state.bytesPerSecond();
        int chunk = bytesPerSecond > 0 ? (int) Math.max(1024, Math.min(CHUNK, bytesPerSecond / 50)) : CHUNK;
        byte[] buffer = new byte[chunk];
        long began = System.nanoTime();
        long sent = 0;
        Gate holding = gate;
        while (sent < length) {
            long position = start + sent;
            if (holding != null && position == holding.offset()) {
                out.flush();
                try {
                    holding.hold();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (!open.get()) {
                    return false;
                }
                holding = null;
                continue;
            }
            long stop = length;
            if (holding != null && holding.offset() > position && holding.offset() < start + length) {
                stop = holding.offset() - start;
            }
            int n = (int) Math.min(chunk, stop - sent);
            state.content().read(position, buffer, 0, n);
            if (chunked) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write(buffer, 0, n);
            if (chunked) {
                out.write('\r');
                out.write('\n');
            }
            sent += n;
            recorded.bodyBytes(sent);
            if (bytesPerSecond > 0) {
                out.flush();
                // Paced against the start, so the average rate holds however late the thread wakes.
                long wait = began + (long) (sent * 1e9 / bytesPerSecond) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!open.get()) {
                    return false;
                }
            }
        }
        return true;
    }

    private void awaitClose(Duration limit) {
        try {
            closed.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 206: return "Partial Content";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 307: return "Temporary Redirect";
            case 400: return "Bad Request";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 410: return "Gone";
            case 416: return "Range Not Satisfiable";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Status " + status;
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing is best effort: the peer may already be gone.
        }
    }
}
