package dev.bgcopy.simulator;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
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
 * verified (the JDK trust store or the configured {@link SSLContext}); no proxy; no compression; no
 * automatic retries (the engine classifies and retries failures itself); redirects are followed here,
 * at most {@link #MAX_REDIRECTS} hops, never from https to http (the 3xx is then the answer).
 *
 * <p>Connections are pooled and kept alive: a body read to its end returns its connection for the next
 * file or the next request of a resume. A body left early (a stop, a failure, a protocol error) closes
 * its connection instead of draining it, so a stopped transfer never hands a half-read connection to
 * the next one. A stop request closes the connection from the stopping thread ({@link Control#onStop}),
 * which releases a read blocked on a silent server at once.
 */
final class HttpTransport implements Transport, Closeable {

    /** Redirect hops followed before the 3xx itself is the answer (the JDK HttpClient's default). */
    static final int MAX_REDIRECTS = 5;
    /** An error body up to this size is read to its end so that its connection can be kept. */
    private static final long DRAIN_LIMIT = 64 * 1024;
    /** A pooled connection idle for longer is checked before reuse (the server may have closed it). */
    private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofMilliseconds(500);

    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;

    /**
     * @param connections the most transfers running at once (each holds at most one connection)
     * @param sslContext the trust for https, or null for the JDK's default
     */
    HttpTransport(Duration connectTimeout, Duration readTimeout, int connections, SSLContext sslContext) {
        SSLContext tls;
        try {
            tls = sslContext != null ? sslContext : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no default TLS context", e);
        }
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
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
        for (int hop = 0; ; hop++) {
            HttpGet get = new HttpGet(uri);
            get.setHeader("Accept-Encoding", "identity");
            if (request.isRanged()) {
                get.setHeader("Range", request.rangeHeader());
                if (request.ifRange() != null) {
                    get.setHeader("If-Range", request.ifRange());
                }
            }
            ClassicHttpResponse response = execute(get, uri, control);
            int status = response.getCode();
            URI next = hop < MAX_REDIRECTS ? redirectTarget(uri, status, response) : null;
            if (next == null) {
                return exchange(response, status, new HttpBody(get, response, control));
            }
            new HttpBody(get, response, control).close();
            uri = next;
        }
    }

    private ClassicHttpResponse execute(HttpGet get, URI uri, Control control) throws IOException {
        control.onStop(get::cancel);
        try {
            return client.executeOpen(HttpHost.create(uri), get, null);
        } catch (ConnectTimeoutException e) {
            control.onStop(null);
            throw new SocketTimeoutException("no connection within the connect timeout: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            control.onStop(null);
            if (control.stopRequested()) {
                throw new StoppedException();
            }
            throw e;
        }
    }

    /** Where a redirect leads, or null when {@code status} is not one to follow (or leads from https to http). */
    private static URI redirectTarget(URI from, int status, ClassicHttpResponse response) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        Header location = response.getFirstHeader("Location");
        if (location == null) {
            return null;
        }
        URI to;
        try {
            to = from.resolve(location.getValue().trim());
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        boolean downgrade = "https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http");
        return (scheme.equals("http") || scheme.equals("https")) && !downgrade ? to : null;
    }

    private static Exchange exchange(ClassicHttpResponse response, int status, HttpBody body) throws IOException {
        HttpEntity entity = response.getEntity();
        long length = entity == null ? 0 : entity.getContentLength();
        long rangeStart = -1;
        long rangeTotal = -1;
        Header contentRange = response.getFirstHeader("Content-Range");
        if (contentRange != null) {
            long[] parsed = parseContentRange(contentRange.getValue());
            rangeStart = parsed[0];
            rangeTotal = parsed[1];
            long rangeLength = parsed[2];
            if (status == 206 && length >= 0 && rangeLength >= 0 && length != rangeLength) {
                body.close();
                throw new MalformedResponseException("Content-Length " + length + " contradicts Content-Range "
                        + contentRange.getValue());
            }
        }
        String retryAfterValue = value(response, "Retry-After");
        Duration retryAfter = retryAfterValue == null ? null : parseRetryAfter(retryAfterValue);
        return new Exchange(status, length, rangeStart, rangeTotal, value(response, "ETag"),
                value(response, "Last-Modified"), retryAfter, body);
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
     * → {-1, total, -1}; anything else {-1, -1, -1}.
     */
    static long[] parseContentRange(String value) {
        String v = value.trim();
        if (!v.regionMatches(true, 0, "bytes", 0, 5)) {
            return new long[] {-1, -1, -1};
        }
        v = v.substring(5).trim();
        int slash = v.indexOf('/');
        if (slash < 0) {
            return new long[] {-1, -1, -1};
        }
        String span = v.substring(0, slash).trim();
        String total = v.substring(slash + 1).trim();
        try {
            long start = -1;
            long length = -1;
            if (!span.equals("*")) {
                int dash = span.indexOf('-');
                start = Long.parseLong(span.substring(0, dash).trim());
                length = Long.parseLong(span.substring(dash + 1).trim()) - start + 1;
            }
            long size = total.equals("*") ? -1 : Long.parseLong(total);
            return new long[] {start, size, length};
        } catch (RuntimeException e) {
            return new long[] {-1, -1, -1};
        }
    }

    static Duration parseRetryAfter(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }


    /**
     * The body, read by the transfer thread straight from the socket into the caller's buffer. Closing it
     * after its end keeps the connection; closing it earlier closes the connection.
     */
    private final class HttpBody implements Body {
        private final HttpGet get;
        private final ClassicHttpResponse response;
        private final Control control;
        private final InputStream in;
        private boolean ended;

        HttpBody(HttpGet get, ClassicHttpResponse response, Control control) throws IOException {
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
                if (!ended) {
                    get.cancel();
                }
                response.close();
            }
        }

        private boolean smallEnoughToDrain() {
            HttpEntity entity = response.getEntity();
            long length = entity == null ? 0 : entity.getContentLength();
            return response.getCode() >= 300 && length >= 0 && length <= DRAIN_LIMIT;
        }
    }
}
