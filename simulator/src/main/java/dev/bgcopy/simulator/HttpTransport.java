package dev.bgcopy.simulator;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Real http/https through {@link HttpClient}: certificates verified by the JDK defaults, redirects
 * followed except from https to http ({@link HttpClient.Redirect#NORMAL}), HTTP/1.1.
 *
 * <p>The body is pulled one chunk at a time through a subscriber that requests the next chunk only
 * after the previous one was taken, so memory stays bounded whatever the file size; the worker polls
 * it in short slices so that a stop request is honoured within {@link #POLL_MILLIS} and a body that
 * sends nothing for the read timeout is reported as a stall ({@link SocketTimeoutException}).
 */
final class HttpTransport implements Transport {

    static final long POLL_MILLIS = 50;

    private final HttpClient client;

    HttpTransport(Duration connectTimeout, ExecutorService executor, SSLContext sslContext) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(connectTimeout)
                .executor(executor);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
    }

    @Override
    public Exchange open(Request request, Control control) throws IOException {
        HttpRequest.Builder http = HttpRequest.newBuilder(request.uri())
                .GET()
                .timeout(control.readTimeout())
                .header("Accept-Encoding", "identity");
        if (request.isRanged()) {
            http.header("Range", request.rangeHeader());
            if (request.ifRange() != null) {
                http.header("If-Range", request.ifRange());
            }
        }
        ChunkQueue chunks = new ChunkQueue();
        CompletableFuture<HttpResponse<Void>> pending =
                client.sendAsync(http.build(), info -> chunks);
        HttpResponse<Void> response = awaitHead(pending, chunks, control);
        java.net.http.HttpHeaders h = response.headers();
        long length = h.firstValueAsLong("Content-Length").orElse(-1);
        long rangeStart = -1;
        long rangeTotal = -1;
        String contentRange = h.firstValue("Content-Range").orElse(null);
        if (contentRange != null) {
            long[] parsed = parseContentRange(contentRange);
            rangeStart = parsed[0];
            rangeTotal = parsed[1];
        }
        Duration retryAfter = h.firstValue("Retry-After").map(HttpTransport::parseRetryAfter).orElse(null);
        return new Exchange(response.statusCode(), length, rangeStart, rangeTotal,
                h.firstValue("ETag").orElse(null), h.firstValue("Last-Modified").orElse(null), retryAfter,
                new ChunkBody(chunks, control));
    }

    private static HttpResponse<Void> awaitHead(CompletableFuture<HttpResponse<Void>> pending, ChunkQueue chunks,
                                                Control control) throws IOException {
        while (true) {
            if (control.stopRequested()) {
                chunks.abandon();
                pending.cancel(true);
                throw new StoppedException();
            }
            try {
                return pending.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // keep polling for a stop request
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                chunks.abandon();
                throw new StoppedException();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof HttpTimeoutException timeout) {
                    throw new SocketTimeoutException("no response head within the read timeout: " + timeout.getMessage());
                }
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IOException(cause);
            }
        }
    }

    /** {@code bytes a-b/total} → {start, total}; total -1 for {@code *}; {@code bytes *}{@code /total} → {-1, total}. */
    static long[] parseContentRange(String value) {
        String v = value.trim();
        if (!v.regionMatches(true, 0, "bytes", 0, 5)) {
            return new long[] {-1, -1};
        }
        v = v.substring(5).trim();
        int slash = v.indexOf('/');
        if (slash < 0) {
            return new long[] {-1, -1};
        }
        String span = v.substring(0, slash).trim();
        String total = v.substring(slash + 1).trim();
        try {
            long start = -1;
            if (!span.equals("*")) {
                int dash = span.indexOf('-');
                start = Long.parseLong(span.substring(0, dash).trim());
            }
            long length = total.equals("*") ? -1 : Long.parseLong(total);
            return new long[] {start, length};
        } catch (RuntimeException e) {
            return new long[] {-1, -1};
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
     * Receives body chunks one at a time; the worker takes them. Its "body" is available as soon as the
     * head is, so the response future completes at the head and the worker pulls the rest.
     */
    private static final class ChunkQueue implements HttpResponse.BodySubscriber<Void> {
        private static final Object END = new Object();
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean abandoned;

        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (abandoned) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            if (abandoned) {
                subscription.cancel();
                return;
            }
            queue.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            queue.add(throwable);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        void requestMore() {
            Flow.Subscription s = subscription;
            if (s != null && !abandoned) {
                s.request(1);
            }
        }

        void abandon() {
            abandoned = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            queue.clear();
        }
    }

    private static final class ChunkBody implements Body {
        private final ChunkQueue chunks;
        private final Control control;
        private List<ByteBuffer> current = List.of();
        private int index;
        private boolean ended;

        ChunkBody(ChunkQueue chunks, Control control) {
            this.chunks = chunks;
            this.control = control;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            while (true) {
                while (index < current.size() && !current.get(index).hasRemaining()) {
                    index++;
                }
                if (index < current.size()) {
                    ByteBuffer src = current.get(index);
                    int n = Math.min(src.remaining(), dst.remaining());
                    ByteBuffer slice = src.duplicate();
                    slice.limit(slice.position() + n);
                    dst.put(slice);
                    src.position(src.position() + n);
                    return n;
                }
                if (ended) {
                    return -1;
                }
                if (!current.isEmpty()) {
                    current = List.of();
                    index = 0;
                    chunks.requestMore();
                }
                Object next = take();
                if (next == ChunkQueue.END) {
                    ended = true;
                    return -1;
                }
                if (next instanceof Throwable failure) {
                    ended = true;
                    if (failure instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(failure);
                }
                @SuppressWarnings("unchecked")
                List<ByteBuffer> list = (List<ByteBuffer>) next;
                current = list;
                index = 0;
                if (current.isEmpty()) {
                    chunks.requestMore();
                }
            }
        }

        private Object take() throws IOException {
            long limitNanos = control.readTimeout().toNanos();
            long waited = 0;
            while (true) {
                if (control.stopRequested()) {
                    throw new StoppedException();
                }
                Object next;
                long start = System.nanoTime();
                try {
                    next = chunks.queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoppedException();
                }
                if (next != null) {
                    return next;
                }
                waited += System.nanoTime() - start;
                if (waited >= limitNanos) {
                    throw new SocketTimeoutException("no data for " + control.readTimeout().toMillis() + " ms");
                }
            }
        }

        @Override
        public void close() {
            chunks.abandon();
        }
    }
}
