package dev.bgcopy.mockwebserver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.TreeSet;
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
 * at start ({@link SelfSignedTls}: self-signed, from an unknown CA, expired, for the wrong host, with client
 * certificates), Basic or Digest {@linkplain #requireAuth(Authentication) authentication}, and
 * {@linkplain #redirect redirects} of every kind, chains and loops included.
 *
 * <p>{@link #startProxy()} starts one in the role of a forward proxy instead, as a company's web proxy:
 * absolute-form requests ({@code GET http://127.0.0.1:8080/a.bin}) are forwarded and {@code CONNECT}
 * tunnels opened, to loopback targets only, with optional proxy authentication; its recorded requests tell
 * what went through it.
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
    private final boolean proxy;
    private final Map<String, Authentication> pathAuthentications = new ConcurrentHashMap<>();
    /** Host names a proxy resolves to the loopback address (lower case). */
    private final Set<String> loopbackNames = ConcurrentHashMap.newKeySet();
    private volatile Authentication authentication;
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

    private MockWebServer(SelfSignedTls tls, boolean proxy) throws IOException {
        this.tls = tls;
        this.proxy = proxy;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.serverSocket = tls == null ? new ServerSocket(0, 50, loopback) : tls.openServerSocket(loopback);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "mockwebserver-" + serverSocket.getLocalPort());
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::acceptLoop);
    }

    /** Starts a plain-HTTP server on 127.0.0.1 and a free port. */
    public static MockWebServer start() {
        return start(null, false);
    }

    /**
     * Starts an https server on 127.0.0.1 and a free port, with a self-signed certificate made now for
     * {@code 127.0.0.1}, {@code ::1} and {@code localhost}: clients trust it through
     * {@link #clientSslContext()} or {@link #trustStore()}. Needs Bouncy Castle ({@code bcpkix-jdk18on}).
     */
    public static MockWebServer startTls() {
        return startTls(SelfSignedTls.selfSigned());
    }

    /** Starts an https server on 127.0.0.1 and a free port with the identity {@code tls}. Needs Bouncy Castle. */
    public static MockWebServer startTls(SelfSignedTls tls) {
        return start(Objects.requireNonNull(tls, "tls"), false);
    }

    /**
     * Starts a forward proxy on 127.0.0.1 and a free port (RFC 9110 §3.7, RFC 9112 §3.2.2): a GET or HEAD
     * in absolute-form to a loopback origin is forwarded with a {@code Via} header and answered with the
     * origin's response (then the connection closes); {@code CONNECT host:port} to a loopback target opens
     * a tunnel (200), as for https through a proxy. A target that is not 127.0.0.1, ::1 or localhost gets
     * 403 (nothing leaves the machine), an unreachable one 502, an origin-form request 400. With
     * {@link #requireAuth(Authentication)} it answers 407 with {@code Proxy-Authenticate} until
     * {@code Proxy-Authorization} matches. It serves no resources itself; each request is recorded with its
     * {@link RecordedRequest#target() target}, so a test can tell whether a request went through it.
     */
    public static MockWebServer startProxy() {
        return start(null, true);
    }

    private static MockWebServer start(SelfSignedTls tls, boolean proxy) {
        try {
            return new MockWebServer(tls, proxy);
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

    /**
     * Answers requests of {@code path} with a redirect {@code status} (301, 302, 303, 307, 308) to
     * {@code location}, sent as given: absolute ({@link #url} of this or another server, {@code https} to
     * {@code http}, {@code file:///etc/passwd}) or relative ({@code URI.create("b.bin")},
     * {@code URI.create("/b.bin")}), which the client resolves against the request's URL. Two redirects
     * pointing at each other make a loop. Comes after faults and authentication, before resources.
     */
    public void redirect(String path, int status, URI location) {
        redirectChain(path, 1, status, location);
    }

    /**
     * Answers requests of {@code path} with a chain of {@code hops} redirects {@code status} ending at
     * {@code location}: {@code path} to {@code path?hop=1}, to {@code path?hop=2}, ..., and
     * {@code path?hop=<hops - 1>} to {@code location}; every hop is recorded.
     */
    public void redirectChain(String path, int hops, int status, URI location) {
        checkPath(path);
        Objects.requireNonNull(location, "location");
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("not a redirect status: " + status);
        }
        if (hops < 1) {
            throw new IllegalArgumentException("hops < 1: " + hops);
        }
        redirects.put(path, new Redirect(status, location.toString(), hops));
    }

    /**
     * Answers requests of {@code path} with redirects {@code status} that never end, each to a new URL
     * ({@code path?hop=1}, {@code path?hop=2}, ...), as a hostile server that defeats loop detection by URL.
     */
    public void redirectEndlessly(String path, int status) {
        redirectChain(path, Integer.MAX_VALUE, status, url(path));
    }

    /** A path answered with redirects: {@code hops} of them, the last to {@code location}. */
    private record Redirect(int status, String location, int hops) {
        String locationFor(String path, String target) {
            int hop = 0;
            int query = target.indexOf('?');
            if (query >= 0) {
                for (String parameter : target.substring(query + 1).split("&")) {
                    if (parameter.startsWith("hop=")) {
                        try {
                            hop = Integer.parseInt(parameter.substring(4));
                        } catch (NumberFormatException notOurs) {
                            hop = 0;
                        }
                    }
                }
            }
            return hop + 1 >= hops ? location : path + "?hop=" + (hop + 1);
        }
    }

    /**
     * Demands {@code credentials} for every path (a server-wide protection space), unless a path has its
     * own; replaces what was demanded before. On a {@linkplain #startProxy() proxy}: proxy authentication,
     * 407 with {@code Proxy-Authenticate}. Comes after faults, before redirects and resources.
     */
    public void requireAuth(Authentication credentials) {
        authentication = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Demands {@code credentials} for requests of {@code path} (a protected resource), instead of what is
     * demanded server-wide.
     *
     * @throws IllegalStateException on a proxy, whose authentication covers every target
     */
    public void requireAuth(String path, Authentication credentials) {
        checkPath(path);
        if (proxy) {
            throw new IllegalStateException("a proxy authenticates server-wide: use requireAuth(Authentication)");
        }
        pathAuthentications.put(path, Objects.requireNonNull(credentials, "credentials"));
    }

    /**
     * On a {@linkplain #startProxy() proxy}: resolves {@code hostName} to 127.0.0.1 from now on, as a company
     * proxy resolves names its clients cannot. A test reaches this machine's servers through the proxy under a
     * name that is not a loopback one, which the client cannot resolve itself: a request for it that arrives
     * went through the proxy.
     *
     * @throws IllegalStateException on a server that is not a proxy
     */
    public void resolveAsLoopback(String hostName) {
        Objects.requireNonNull(hostName, "hostName");
        if (!proxy) {
            throw new IllegalStateException("only a proxy resolves target names");
        }
        if (!hostName.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("not a host name: " + hostName);
        }
        loopbackNames.add(hostName.toLowerCase(Locale.ROOT));
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

    /** The loopback address and port the server listens on, e.g. for {@code ProxySelector.of}. */
    public InetSocketAddress address() {
        return new InetSocketAddress(serverSocket.getInetAddress(), port());
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
        return tlsOrThrow().certificate();
    }

    /**
     * The server's certificate in PEM ({@code -----BEGIN CERTIFICATE-----}, base64 in lines of 64), as a
     * CA file for clients that read one (curl's {@code --cacert}, bgcopy's {@code --ca-file}): the trust anchor
     * of its {@linkplain #tls() identity}, which for {@link #startTls()} is the certificate itself.
     *
     * @throws IllegalStateException for a plain-HTTP server
     */
    public String certificatePem() {
        return tlsOrThrow().trustAnchorPem();
    }

    /**
     * The server's TLS identity: its trust anchor as PEM or PKCS#12, a client certificate when one is required.
     *
     * @throws IllegalStateException for a plain-HTTP server
     */
    public SelfSignedTls tls() {
        return tlsOrThrow();
    }

    /**
     * A client {@link SSLContext} that trusts exactly this server's trust anchor (see {@link SelfSignedTls}).
     *
     * @throws IllegalStateException for a plain-HTTP server
     */
    public SSLContext clientSslContext() {
        return tlsOrThrow().clientSslContext();
    }

    /**
     * A PKCS12 trust store holding this server's trust anchor (its certificate when self-signed).
     *
     * @throws IllegalStateException for a plain-HTTP server
     */
    public KeyStore trustStore() {
        return tlsOrThrow().trustStore();
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
        return (proxy ? "MockWebServer[proxy " : "MockWebServer[") + url("/") + "]";
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
                keepAlive = exchange(request, socket, connection, in, out);
            }
        } catch (IOException clientWentAwayOrFault) {
            // A client that stops reading or a fault that drops the connection ends the exchange here.
        } finally {
            connections.remove(socket);
        }
    }

    /** A parsed request head. */
    private record Request(String method, String path, String target, String version, Map<String, List<String>> headers) {
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
        return new Request(parts[0], path, target, parts[2], Collections.unmodifiableMap(headers));
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
    private boolean exchange(Request request, Socket socket, int connection, InputStream in, OutputStream out)
            throws IOException {
        Fault fault = proxy ? null : nextFault(request.path());
        Resource resource = resources.get(request.path());
        Gate gate = gates.get(request.path());
        RecordedRequest recorded = new RecordedRequest(sequence.getAndIncrement(), connection, request.method(), request.path(),
                request.target(), request.headers());
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
            Authentication demanded = proxy ? authentication : pathAuthentications.getOrDefault(request.path(), authentication);
            if (demanded != null) {
                Authentication.Verdict verdict = demanded.check(request.first(proxy ? "Proxy-Authorization" : "Authorization"),
                        request.method(), request.target());
                if (verdict != Authentication.Verdict.ACCEPTED) {
                    sendEmpty(out, recorded, proxy ? 407 : 401, Map.of(proxy ? "Proxy-Authenticate" : "WWW-Authenticate",
                            demanded.challenges(verdict == Authentication.Verdict.STALE)), keepAlive);
                    return keepAlive;
                }
            }
            if (proxy) {
                return forward(request, in, out, recorded, keepAlive);
            }
            Redirect redirect = redirects.get(request.path());
            if (redirect != null) {
                sendEmpty(out, recorded, redirect.status(),
                        Map.of("Location", List.of(redirect.locationFor(request.path(), request.target()))), keepAlive);
                return keepAlive;
            }
            if (resource == null) {
                sendEmpty(out, recorded, 404, Map.of(), keepAlive);
                return keepAlive;
            }
            boolean head = request.method().equals("HEAD");
            if (!head && !request.method().equals("GET")) {
                sendEmpty(out, recorded, 405, Map.of("Allow", List.of("GET, HEAD")), keepAlive);
                return keepAlive;
            }
            Resource.State state = resource.state();
            long size = state.content().size();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            if (state.sendsEtag()) {
                headers.put("ETag", List.of(state.etag()));
            }
            if (state.sendsLastModified()) {
                headers.put("Last-Modified", List.of(HTTP_DATE.format(state.lastModified())));
            }
            headers.put("Content-Type", List.of("application/octet-stream"));
            ByteRange range = ByteRange.WHOLE;
            if (state.rangeSupport()) {
                headers.put("Accept-Ranges", List.of("bytes"));
                if (!head && fault != Fault.IGNORE_RANGE) {
                    String ifRange = fault == Fault.IGNORE_IF_RANGE ? null : request.first("If-Range");
                    range = ByteRange.of(request.first("Range"), ifRange, size, state.etag(), state.lastModified());
                    if (range.start() >= 0 && range.length() > state.maxRangeLength()) {
                        range = new ByteRange(range.start(), range.start() + state.maxRangeLength() - 1);
                    }
                }
            }
            if (range == ByteRange.UNSATISFIABLE) {
                sendEmpty(out, recorded, 416, Map.of("Content-Range", List.of("bytes */" + size)), keepAlive);
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
                headers.put("Content-Range", List.of("bytes " + claimedStart + "-" + claimedEnd + "/" + claimedSize));
            }
            boolean chunked = !state.contentLength() && !head && fault != Fault.OVERLONG_BODY;
            if (fault == Fault.OVERLONG_BODY) {
                keepAlive = false; // the body ends where the connection does
            } else if (chunked) {
                headers.put("Transfer-Encoding", List.of("chunked"));
            } else {
                headers.put("Content-Length", List.of(Long.toString(fault == Fault.WRONG_CONTENT_LENGTH ? length + 1 : length)));
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

    /** Request headers a proxy does not forward (RFC 9110 §7.6.1) and which it sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authorization",
            "proxy-authenticate", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "content-length");

    /** The proxy role: forwards an absolute-form GET or HEAD, or tunnels a CONNECT; whether the connection stays. */
    private boolean forward(Request request, InputStream in, OutputStream out, RecordedRequest recorded, boolean keepAlive)
            throws IOException {
        boolean connect = request.method().equals("CONNECT");
        URI origin = null;
        if (!connect) {
            try {
                origin = new URI(request.target());
            } catch (URISyntaxException malformed) {
                origin = null;
            }
            if (origin == null || !"http".equalsIgnoreCase(origin.getScheme()) || origin.getRawAuthority() == null) {
                sendEmpty(out, recorded, 400, Map.of(), keepAlive);
                return keepAlive;
            }
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                sendEmpty(out, recorded, 405, Map.of("Allow", List.of("GET, HEAD, CONNECT")), keepAlive);
                return keepAlive;
            }
        }
        InetSocketAddress target = loopbackTarget(connect ? request.target() : origin.getRawAuthority(), connect ? -1 : 80);
        if (target == null) {
            sendEmpty(out, recorded, 403, Map.of(), keepAlive);
            return keepAlive;
        }
        Socket upstream = new Socket();
        connections.add(upstream);
        try (upstream) {
            try {
                upstream.connect(target, 5_000);
            } catch (IOException unreachable) {
                sendEmpty(out, recorded, 502, Map.of(), keepAlive);
                return keepAlive;
            }
            if (!open.get()) {
                return false; // close() ran before the socket was registered
            }
            if (connect) {
                tunnel(in, out, upstream, recorded);
            } else {
                relay(request, origin, out, upstream, recorded);
            }
            return false;
        } finally {
            connections.remove(upstream);
        }
    }

    /**
     * The address of {@code authority} ({@code host:port}, {@code [v6]:port}) if it is a loopback one,
     * else null; only IP literals, {@code localhost} and the names of {@link #resolveAsLoopback} are resolved,
     * so no name lookup leaves the machine.
     */
    private InetSocketAddress loopbackTarget(String authority, int defaultPort) {
        int at = authority.lastIndexOf('@');
        String hostPort = at < 0 ? authority : authority.substring(at + 1);
        int close = hostPort.lastIndexOf(']');
        int colon = hostPort.lastIndexOf(':');
        String host;
        int port = defaultPort;
        if (colon > close) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException notAPort) {
                return null;
            }
        } else {
            host = hostPort;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (loopbackNames.contains(host.toLowerCase(Locale.ROOT))) {
            host = InetAddress.getLoopbackAddress().getHostAddress();
        }
        boolean literal = host.contains(":") || host.matches("[0-9.]+");
        if (port < 1 || port > 65_535 || !literal && !host.equalsIgnoreCase("localhost")) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() ? new InetSocketAddress(address, port) : null;
        } catch (IOException unresolvable) {
            return null;
        }
    }

    /** Sends the request in origin-form with a {@code Via} and relays the response, closing after it. */
    private void relay(Request request, URI origin, OutputStream out, Socket upstream, RecordedRequest recorded)
            throws IOException {
        Set<String> dropped = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        dropped.addAll(HOP_BY_HOP);
        for (String token : request.headers().getOrDefault("Connection", List.of())) {
            for (String name : token.split(",")) {
                dropped.add(name.strip());
            }
        }
        String pathAndQuery = (origin.getRawPath() == null || origin.getRawPath().isEmpty() ? "/" : origin.getRawPath())
                + (origin.getRawQuery() == null ? "" : "?" + origin.getRawQuery());
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
        request.headers().forEach((name, values) -> {
            if (!dropped.contains(name)) {
                values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
            }
        });
        if (!request.headers().containsKey("Host")) {
            head.append("Host: ").append(origin.getRawAuthority()).append("\r\n");
        }
        head.append("Via: 1.1 127.0.0.1:").append(port()).append("\r\nConnection: close\r\n\r\n");
        OutputStream toOrigin = upstream.getOutputStream();
        toOrigin.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        toOrigin.flush();

        InputStream fromOrigin = new BufferedInputStream(upstream.getInputStream());
        String statusLine = readLine(fromOrigin);
        String[] status = statusLine == null ? new String[0] : statusLine.split(" ", 3);
        if (status.length < 2 || !status[1].matches("[1-5][0-9][0-9]")) {
            sendEmpty(out, recorded, 502, Map.of(), false);
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header = readLine(fromOrigin); header != null && !header.isEmpty(); header = readLine(fromOrigin)) {
            int colon = header.indexOf(':');
            String name = colon <= 0 ? "" : header.substring(0, colon).strip();
            if (!name.isEmpty() && !name.equalsIgnoreCase("Connection") && !name.equalsIgnoreCase("Keep-Alive")
                    && !name.equalsIgnoreCase("Proxy-Connection")) {
                headers.computeIfAbsent(name, n -> new ArrayList<>()).add(header.substring(colon + 1).strip());
            }
        }
        sendHead(out, recorded, Integer.parseInt(status[1]), headers, false);
        copy(fromOrigin, out, recorded);
    }

    /** Answers 200 to a CONNECT and relays bytes both ways until either side closes. */
    private void tunnel(InputStream in, OutputStream out, Socket upstream, RecordedRequest recorded) throws IOException {
        sendHead(out, recorded, 200, Map.of(), true);
        out.flush();
        OutputStream toTarget = upstream.getOutputStream();
        executor.execute(() -> {
            try {
                // `in` may already hold bytes the client sent after the CONNECT head (a TLS hello): they go first.
                in.transferTo(toTarget);
                upstream.shutdownOutput();
            } catch (IOException eitherSideClosed) {
                closeQuietly(upstream);
            }
        });
        copy(upstream.getInputStream(), out, recorded);
    }

    /** Copies until end of stream, flushing every read, and counts the bytes as the exchange's body. */
    private static void copy(InputStream from, OutputStream to, RecordedRequest recorded) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long copied = 0;
        for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
            to.write(buffer, 0, n);
            to.flush();
            copied += n;
            recorded.bodyBytes(copied);
        }
        to.flush(); // an empty body leaves the head in the buffer
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

    private void sendEmpty(OutputStream out, RecordedRequest recorded, int status, Map<String, List<String>> extra,
            boolean keepAlive) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Length", List.of("0"));
        sendHead(out, recorded, status, headers, keepAlive);
        out.flush();
    }

    private void sendHead(OutputStream out, RecordedRequest recorded, int status, Map<String, List<String>> headers,
            boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        Map<String, String> added = extraHeaders.get(recorded.path());
        if (added != null) {
            headers = new LinkedHashMap<>(headers);
            for (Map.Entry<String, String> header : added.entrySet()) {
                headers.put(header.getKey(), List.of(header.getValue()));
            }
        }
        headers.forEach((name, values) -> values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n")));
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        recorded.status(status, headers);
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
            case 303: return "See Other";
            case 307: return "Temporary Redirect";
            case 308: return "Permanent Redirect";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 407: return "Proxy Authentication Required";
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
