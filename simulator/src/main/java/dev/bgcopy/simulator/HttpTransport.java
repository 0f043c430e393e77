package dev.bgcopy.simulator;

import dev.bgcopy.api.BgAuthCredentials;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Real http/https through Apache HttpClient 5 classic (blocking I/O): the transfer thread itself reads
 * the socket, so no byte crosses a thread on its way to the file. Certificates and host names are
 * verified as each job's security flags say ({@link JobTls}); each job's proxy settings choose the route
 * ({@link JobRoutePlanner}, {@link ProxyPlan}) and its credentials answer 401 and 407 challenges
 * ({@link JobCredentials}), both per request, so nothing of one job reaches another's; no compression (a body
 * that still arrives content-encoded is a protocol error); no automatic retries (the engine classifies and
 * retries failures itself); redirects are followed here under the job's {@link RedirectPolicy}. A redirect
 * that is not followed (one hop too many, a loop, https to http, another scheme, the DISALLOW policy) fails
 * the request with a {@link RedirectPolicy.RedirectException} that says why. Server numbers are checked
 * here: {@code Content-Range} as RFC 9110 defines it, {@code Retry-After} clamped to {@link #MAX_RETRY_AFTER}.
 *
 * <p>Connections are pooled and kept alive: a body read to its end returns its connection for the next
 * file or the next request of a resume. A body left early (a stop, a failure, a protocol error) closes
 * its connection instead of draining it, so a stopped transfer never hands a half-read connection to
 * the next one. A stop request closes the connection from the stopping thread ({@link Control#onStop}),
 * which releases a read blocked on a silent server at once.
 */
final class HttpTransport implements Transport, Closeable {

    /**
     * The longest {@code Retry-After} honoured: a day. A server may delay a job's retry, never park it for
     * ever, and the time stays far from {@code Instant}'s limits (docs/contract.md §5.5 "Server input").
     */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);
    /** {@code bytes first-last/complete}, {@code bytes first-last/*} or {@code bytes *}{@code /complete} (RFC 9110 §14.4). */
    private static final Pattern CONTENT_RANGE = Pattern.compile(
            "(?i)bytes[ \\t]+((\\d{1,19})-(\\d{1,19})|\\*)[ \\t]*/[ \\t]*(\\d{1,19}|\\*)");
    /** An error body up to this size is read to its end so that its connection can be kept. */
    private static final long DRAIN_LIMIT = 64 * 1024;
    /** A pooled connection idle for longer is checked before reuse (the server may have closed it). */
    private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofMilliseconds(500);

    /** Header fields the engine or the HTTP library sets itself, never taken from the custom headers. */
    private static final Set<String> ENGINE_HEADERS = Set.of("range", "if-range", "accept-encoding", "host", "connection",
            "content-length", "transfer-encoding");

    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;
    /** The variables that hold the user's proxy settings ({@link SimulatorConfig#proxyEnvironment()}). */
    private final Map<String, String> proxyEnvironment;

    /**
     * @param connections the most transfers running at once (each holds at most one connection)
     * @param tls the TLS of each job's requests
     * @param proxyEnvironment the user's proxy settings, read by jobs with proxy usage PRECONFIG or AUTODETECT
     */
    HttpTransport(Duration connectTimeout, Duration readTimeout, int connections, JobTls tls,
            Map<String, String> proxyEnvironment) {
        this.proxyEnvironment = Map.copyOf(proxyEnvironment);
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(tls)
                // Twice the transfers: a stopping transfer may still hold its connection while its successor starts.
                .setMaxConnTotal(2 * connections)
                .setMaxConnPerRoute(2 * connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setRoutePlanner(new JobRoutePlanner())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(readTimeout)).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .build();
    }

    @Override
    public Exchange open(Request request, Control control) throws IOException {
        URI uri = request.uri();
        RedirectPolicy redirects = new RedirectPolicy(uri, request.options().securityFlags());
        HttpClientContext context = contextFor(request);
        for (;;) {
            HttpUriRequestBase get = new HttpUriRequestBase(request.method(), uri);
            // The job's custom headers go on every request of every file, resumes and redirects included, except
            // the ones the engine owns: a custom Range or If-Range would break the resume rules (docs/contract.md §4.12).
            for (HttpOptions.Header header : request.options().headers()) {
                if (!ENGINE_HEADERS.contains(header.name().toLowerCase(Locale.ROOT))) {
                    get.addHeader(header.name(), header.value());
                }
            }
            get.setHeader("Accept-Encoding", "identity");
            if (request.isRanged()) {
                get.setHeader("Range", request.rangeHeader());
                if (request.ifRange() != null) {
                    get.setHeader("If-Range", request.ifRange());
                }
            }
            ClassicHttpResponse response = execute(get, uri, context, control, request.certificateValidation());
            int status = response.getCode();
            if (!redirects.isRedirect(status)) {
                return exchange(response, status, new HttpBody(get, response, control), control.now())
                        .reporting(redirects.reportedRemote())
                        .withResponseHeaders(responseHead(response));
            }
            new HttpBody(get, response, control).close();
            uri = redirects.follow(status, value(response, "Location"));
        }
    }

    /**
     * The context of one request and the redirects it follows: where a job's wire options (credentials,
     * proxy, TLS checks) reach the HTTP library, which pools connections across jobs.
     */
    private HttpClientContext contextFor(Request request) throws IOException {
        HttpOptions options = request.options();
        HttpClientContext context = HttpClientContext.create();
        JobRoutePlanner.use(context, ProxyPlan.of(options.proxy(), proxyEnvironment));
        Object tls = JobTls.applyTo(context, options, request.certificateValidation());
        List<BgAuthCredentials> proxyCredentials = JobCredentials.use(context, options);
        // Never null: the pool hands a request with a token any idle connection without one.
        context.setUserToken(new PoolKey(tls, proxyCredentials));
        return context;
    }

    /**
     * What a pooled connection carries of the job that opened it, and what a request must match to reuse it (the
     * route, proxy included, is matched by the pool itself): the TLS settings (flags, client certificate, the
     * certificate-validation registration) and the proxy credentials (compared by value, held in memory only).
     * Never printed with its passwords.
     */
    private record PoolKey(Object tls, List<BgAuthCredentials> proxyCredentials) {
        @Override
        public String toString() {
            return "PoolKey[" + tls + ", " + proxyCredentials.size() + " proxy credentials]";
        }
    }

    private ClassicHttpResponse execute(HttpUriRequestBase get, URI uri, HttpClientContext context, Control control,
                                        ServerCertificateValidation.Question question) throws IOException {
        // A handshake may be waiting for the job's certificate-validation callback: a stop releases it too.
        control.onStop(question == null ? get::cancel : () -> {
            get.cancel();
            question.abandon();
        });
        try {
            return client.executeOpen(HttpHost.create(uri), get, context);
        } catch (ConnectTimeoutException e) {
            control.onStop(null);
            throw new SocketTimeoutException("no connection within the connect timeout: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            control.onStop(null);
            if (control.stopRequested()) {
                throw new StoppedException();
            }
            if (e instanceof IOException failed) {
                throw JobTls.explain(failed, context);
            }
            throw e;
        }
    }

    private static Exchange exchange(ClassicHttpResponse response, int status, HttpBody body, Instant now) throws IOException {
        HttpEntity entity = response.getEntity();
        long length = entity == null ? 0 : entity.getContentLength();
        long rangeStart = -1;
        long rangeTotal = -1;
        String encoding = value(response, "Content-Encoding");
        if (status < 300 && encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            body.close();
            throw new MalformedResponseException("the server sent a body with Content-Encoding " + printable(encoding)
                    + " although the request asked for identity");
        }
        Header contentRange = response.getFirstHeader("Content-Range");
        if (status == 206) {
            long[] parsed = contentRange == null ? new long[] {-1, -1, -1} : parseContentRange(contentRange.getValue());
            rangeStart = parsed[0];
            rangeTotal = parsed[1];
            long rangeLength = parsed[2];
            if (rangeStart < 0) {
                body.close();
                throw new MalformedResponseException("a 206 without a valid Content-Range: "
                        + (contentRange == null ? "none" : printable(contentRange.getValue())));
            }
            if (length >= 0 && length != rangeLength) {
                body.close();
                throw new MalformedResponseException("Content-Length " + length + " contradicts Content-Range "
                        + printable(contentRange.getValue()));
            }
            // The Content-Range is the body's announced length when Content-Length is absent.
            length = rangeLength;
        } else if (contentRange != null) {
            rangeTotal = parseContentRange(contentRange.getValue())[1];
        }
        String retryAfterValue = value(response, "Retry-After");
        Duration retryAfter = retryAfterValue == null ? null : parseRetryAfter(retryAfterValue, now);
        return new Exchange(status, length, rangeStart, rangeTotal, value(response, "ETag"),
                value(response, "Last-Modified"), retryAfter, body);
    }

    /** The status line and every header of a response as received, CR LF separated (File5's HTTP_RESPONSE_HEADERS). */
    private static String responseHead(ClassicHttpResponse response) {
        StringBuilder head = new StringBuilder();
        head.append(response.getVersion() == null ? "HTTP/1.1" : response.getVersion().format()).append(' ')
                .append(response.getCode());
        if (response.getReasonPhrase() != null && !response.getReasonPhrase().isEmpty()) {
            head.append(' ').append(response.getReasonPhrase());
        }
        head.append("\r\n");
        for (org.apache.hc.core5.http.Header header : response.getHeaders()) {
            head.append(header.getName()).append(": ").append(header.getValue()).append("\r\n");
        }
        return head.toString();
    }

    /** Server text for a message: at most 120 characters, control characters escaped. */
    private static String printable(String serverText) {
        return Arguments.abbreviate(serverText);
    }

    private static String value(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    @Override
    public void close() {
        pool.close(CloseMode.IMMEDIATE);
    }

    /**
     * {@code bytes a-b/total} → {start, total, length}; total -1 for {@code *}; {@code bytes *}{@code /total}
     * → {-1, total, -1}; anything else, including a range that is empty, reversed, past its complete length
     * or past {@code Long.MAX_VALUE}, {-1, -1, -1}.
     */
    static long[] parseContentRange(String value) {
        long[] invalid = {-1, -1, -1};
        Matcher m = CONTENT_RANGE.matcher(value.trim());
        if (!m.matches()) {
            return invalid;
        }
        try {
            long size = m.group(4).equals("*") ? -1 : Long.parseLong(m.group(4));
            if (m.group(2) == null) {
                return size < 0 ? invalid : new long[] {-1, size, -1};
            }
            long start = Long.parseLong(m.group(2));
            long end = Long.parseLong(m.group(3));
            if (end < start || end == Long.MAX_VALUE || (size >= 0 && end >= size)) {
                return invalid;
            }
            return new long[] {start, size, end - start + 1};
        } catch (NumberFormatException tooLarge) {
            return invalid;
        }
    }

    /**
     * The wait a {@code Retry-After} asks for, in delay-seconds or as an HTTP-date measured from {@code now},
     * at most {@link #MAX_RETRY_AFTER} however far the server points; null when the value is neither.
     */
    static Duration parseRetryAfter(String value, Instant now) {
        String v = value.trim();
        if (v.matches("[0-9]{1,1000}")) {
            // A number too large for a long is still a number: the longest wait allowed.
            String digits = v.replaceFirst("^0+(?=.)", "");
            return digits.length() > 7 ? MAX_RETRY_AFTER : min(Duration.ofSeconds(Long.parseLong(digits)), MAX_RETRY_AFTER);
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : min(wait, MAX_RETRY_AFTER);
        } catch (DateTimeParseException | ArithmeticException notADate) {
            return null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The body, read by the transfer thread straight from the socket into the caller's buffer. Closing it
     * after its end keeps the connection; closing it earlier closes the connection.
     */
    private final class HttpBody implements Body {
        private final HttpUriRequestBase get;
        private final ClassicHttpResponse response;
        private final Control control;
        private final InputStream in;
        private boolean ended;

        HttpBody(HttpUriRequestBase get, ClassicHttpResponse response, Control control) throws IOException {
            this.get = get;
            this.response = response;
            this.control = control;
            HttpEntity entity = response.getEntity();
            this.in = entity == null ? null : entity.getContent();
            this.ended = in == null;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (ended) {
                return -1;
            }
            int n;
            try {
                n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            } catch (IOException e) {
                if (control.stopRequested()) {
                    throw new StoppedException();
                }
                throw e;
            }
            if (n < 0) {
                ended = true;
                return -1;
            }
            dst.position(dst.position() + n);
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                if (!ended && !control.stopRequested() && smallEnoughToDrain()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                    ended = true;
                }
            } catch (IOException dropped) {
                // The connection is closed below instead of kept.
            } finally {
                control.onStop(null);
                if (ended) {
                    response.close();
                } else {
                    get.cancel();
                    closeDiscarded();
                }
            }
        }

        /** Closes a response whose connection is being dropped; the socket may already be closed under it. */
        private void closeDiscarded() {
            try {
                response.close();
            } catch (IOException alreadyClosed) {
                // The connection is gone either way, which is what closing early asks for.
            }
        }

        private boolean smallEnoughToDrain() {
            HttpEntity entity = response.getEntity();
            long length = entity == null ? 0 : entity.getContentLength();
            return response.getCode() >= 300 && length >= 0 && length <= DRAIN_LIMIT;
        }
    }
}
