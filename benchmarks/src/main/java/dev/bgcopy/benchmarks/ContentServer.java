package dev.bgcopy.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server for the benchmarks: serves {@code /file} of a given size with a repeating
 * pseudo-random pattern, honours single {@code Range} requests, and can throttle its rate so that a
 * job stays TRANSFERRING for the length of a measurement. Content is never held whole in memory.
 */
final class ContentServer implements AutoCloseable {

    private static final int PATTERN_LENGTH = (1 << 20) + 7;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final String ETAG = "\"bgcopy-bench-1\"";

    private final byte[] pattern = new byte[PATTERN_LENGTH];
    private final long size;
    private final long bytesPerSecond;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-content-server");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param size bytes of {@code /file}
     * @param bytesPerSecond throttle, or 0 for as fast as the socket takes it
     */
    ContentServer(long size, long bytesPerSecond) throws IOException {
        this.size = size;
        this.bytesPerSecond = bytesPerSecond;
        new SplittableRandom(20261121L).nextBytes(pattern);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/file", this::serve);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/file");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            long start = 0;
            long end = size - 1;
            int status = 200;
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches()) {
                start = Long.parseLong(m.group(1));
                if (!m.group(2).isEmpty()) {
                    end = Math.min(end, Long.parseLong(m.group(2)));
                }
                if (start > end) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
            exchange.getResponseHeaders().set("ETag", ETAG);
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            long length = end - start + 1;
            exchange.sendResponseHeaders(status, length);
            if (!"HEAD".equals(exchange.getRequestMethod())) {
                writeBody(exchange.getResponseBody(), start, length);
            }
        }
    }

    private void writeBody(OutputStream out, long offset, long length) throws IOException {
        long began = System.nanoTime();
        long sent = 0;
        int chunk = bytesPerSecond > 0 ? (int) Math.max(1024, Math.min(64 * 1024, bytesPerSecond / 50)) : 256 * 1024;
        while (sent < length) {
            int patternOffset = (int) ((offset + sent) % PATTERN_LENGTH);
            int n = (int) Math.min(Math.min(chunk, length - sent), PATTERN_LENGTH - patternOffset);
            out.write(pattern, patternOffset, n);
            sent += n;
            if (bytesPerSecond > 0) {
                // Pace against the start so that the average rate holds however the scheduler wakes us.
                long due = began + sent * 1_000_000_000L / bytesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
