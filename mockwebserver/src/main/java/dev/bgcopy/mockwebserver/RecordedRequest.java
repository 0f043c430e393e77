package dev.bgcopy.mockwebserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One exchange of a {@link MockWebServer} (OkHttp's {@code RecordedRequest}): what was asked, fixed at
 * arrival, and what was answered, which grows until the exchange ends: the {@link #status()} is set when
 * the response head is sent, {@link #bodyBytes()} counts body bytes as they are written, and
 * {@link #finished()} turns true once the response is complete or the connection was dropped. A held
 * ({@link Gate}) or stalled exchange is therefore visible, with what it sent so far, before it ends.
 *
 * <p>Secrets are not kept: the token of a Basic {@code Authorization} or {@code Proxy-Authorization} (the
 * password in base64) is recorded as {@code [redacted]} and a Digest {@code response} likewise;
 * {@link #authorization()} and {@link #proxyAuthorization()} tell the scheme and user that were sent.
 * On a {@linkplain MockWebServer#startProxy() proxy}, {@link #target()} tells what was proxied.
 *
 * <p>Thread-safe. Identity is the exchange: two instances are equal only if they are the same.
 */
public final class RecordedRequest {

    private final int sequence;
    private final int connection;
    private final String method;
    private final String path;
    private final String target;
    private final Map<String, List<String>> headers;
    private final Credentials authorization;
    private final Credentials proxyAuthorization;
    private volatile Map<String, List<String>> responseHeaders = Map.of();
    private final CountDownLatch finishedLatch = new CountDownLatch(1);
    private volatile int status;
    private volatile long bodyBytes;
    private boolean logged;

    /**
     * The scheme and user of an {@code Authorization} or {@code Proxy-Authorization} header; the user is
     * empty when the scheme carries none (e.g. {@code Bearer}) or the credentials could not be read.
     *
     * @param scheme the authentication scheme as sent, e.g. {@code Basic} or {@code Digest}
     * @param user   the user name the credentials were for
     */
    public record Credentials(String scheme, String user) {
        /** {@code Basic alice}. */
        @Override
        public String toString() {
            return user.isEmpty() ? scheme : scheme + " " + user;
        }
    }

    RecordedRequest(int sequence, int connection, String method, String path, String target,
            Map<String, List<String>> headers) {
        this.sequence = sequence;
        this.connection = connection;
        this.method = method;
        this.path = path;
        this.target = target;
        this.authorization = credentials(first(headers, "Authorization"));
        this.proxyAuthorization = credentials(first(headers, "Proxy-Authorization"));
        this.headers = redacted(headers);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Credentials credentials(String header) {
        if (header == null) {
            return null;
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String rest = space < 0 ? "" : header.substring(space + 1);
        String user = "";
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded = Authentication.decodeBasic(rest);
            user = decoded == null || decoded.indexOf(':') < 0 ? "" : decoded.substring(0, decoded.indexOf(':'));
        } else if (scheme.equalsIgnoreCase("Digest")) {
            user = Authentication.parseParameters(rest).getOrDefault("username", "");
        }
        return new Credentials(scheme, user);
    }

    private static Map<String, List<String>> redacted(Map<String, List<String>> headers) {
        if (!headers.containsKey("Authorization") && !headers.containsKey("Proxy-Authorization")) {
            return headers;
        }
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            boolean secret = name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization");
            List<String> kept = new ArrayList<>();
            values.forEach(value -> kept.add(secret ? redact(value) : value));
            copy.put(name, List.copyOf(kept));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static String redact(String value) {
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return value.substring(0, 6) + "[redacted]";
        }
        return value.replaceAll("(?i)(\\bresponse\\s*=\\s*)(\"[^\"]*\"|[^,\\s]*)", "$1\"[redacted]\"");
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

    /**
     * The request path without query, e.g. {@code /a.bin}; the path of an absolute-form target; the
     * {@code host:port} of a {@code CONNECT}.
     */
    public String path() {
        return path;
    }

    /**
     * The request-target as sent (RFC 9112 §3.2): {@code /a.bin?x=1} (origin-form),
     * {@code http://127.0.0.1:8080/a.bin} (absolute-form, what a client sends to a proxy) or
     * {@code 127.0.0.1:8443} (authority-form, a {@code CONNECT}).
     */
    public String target() {
        return target;
    }

    /** Every request header, names looked up case-insensitively, values in arrival order, secrets redacted. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The scheme and user of the {@code Authorization} header, if one was sent. */
    public Optional<Credentials> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** The scheme and user of the {@code Proxy-Authorization} header, if one was sent. */
    public Optional<Credentials> proxyAuthorization() {
        return Optional.ofNullable(proxyAuthorization);
    }

    /**
     * The response headers sent (e.g. {@code Location}, {@code WWW-Authenticate}), names looked up
     * case-insensitively; empty while no response head was sent.
     */
    public Map<String, List<String>> responseHeaders() {
        return responseHeaders;
    }

    /** The first value of response header {@code name} (case-insensitive), if sent. */
    public Optional<String> responseHeader(String name) {
        return Optional.ofNullable(first(responseHeaders, name));
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

    void status(int sent, Map<String, List<String>> sentHeaders) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(sentHeaders);
        responseHeaders = Collections.unmodifiableMap(copy);
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

    /**
     * {@code GET /a.bin Range: bytes=5- If-Range: "v1" -> 206, 1000 bytes}, with the scheme and user of
     * credentials sent ({@code Authorization: Basic alice}) and {@code (still open)} until it ends.
     */
    @Override
    public String toString() {
        return method + " " + path + authorization().map(c -> " Authorization: " + c).orElse("")
                + proxyAuthorization().map(c -> " Proxy-Authorization: " + c).orElse("")
                + range().map(r -> " Range: " + r).orElse("")
                + ifRange().map(r -> " If-Range: " + r).orElse("") + " -> " + status + ", " + bodyBytes + " bytes"
                + (finished() ? "" : " (still open)");
    }
}
