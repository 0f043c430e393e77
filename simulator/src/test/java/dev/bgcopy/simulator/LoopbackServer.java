package dev.bgcopy.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP/1.1 server on 127.0.0.1 for the transfer tests: deterministic content generated on the
 * fly (no big arrays), Range/If-Range with 206/416, scripted failure statuses, a gate that holds the
 * body at a byte offset until released, and a log of every request for assertions
 * ({@link #takeRequest()}).
 */
final class LoopbackServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Seen(String path, String range, String ifRange, int status) {
    }

    /** Bytes that are a pure function of (seed, offset): byte i is byte (i mod 8) of splitmix64(seed + i / 8). */
    record Content(long size, long seed) {

        void fill(long offset, byte[] buffer, int length) {
            for (int i = 0; i < length; i++) {
                long pos = offset + i;
                buffer[i] = (byte) (mix(seed + (pos >>> 3)) >>> ((pos & 7) * 8));
            }
        }

        byte[] bytes() {
            byte[] all = new byte[Math.toIntExact(size)];
            fill(0, all, all.length);
            return all;
        }

        String sha256() {
            MessageDigest digest = sha();
            byte[] buffer = new byte[64 * 1024];
            for (long off = 0; off < size; off += buffer.length) {
                int n = (int) Math.min(buffer.length, size - off);
                fill(off, buffer, n);
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        private static long mix(long z) {
            z += 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A served path. Mutable by the test; read by handler threads. */
    static final class Resource {
        volatile Content content;
        volatile boolean ranges = true;
        volatile boolean contentLength = true;
        volatile String etag;
        private final Deque<Integer> failures = new ArrayDeque<>();
        volatile long gateAt = -1;
        volatile CountDownLatch gateReached = new CountDownLatch(1);
        volatile CountDownLatch gateRelease = new CountDownLatch(1);
        private int version;

        Resource(Content content) {
            change(content);
        }

        synchronized void change(Content newContent) {
            content = newContent;
            etag = "\"e" + (++version) + "\"";
        }

        synchronized Resource failNext(int times, int status) {
            for (int i = 0; i < times; i++) {
                failures.add(status);
            }
            return this;
        }

        synchronized Integer nextFailure() {
            return failures.poll();
        }

        /** The next body reaching {@code offset} stops there until {@link #release()}. */
        Resource holdAt(long offset) {
            gateReached = new CountDownLatch(1);
            gateRelease = new CountDownLatch(1);
            gateAt = offset;
            return this;
        }

        boolean awaitHeld() throws InterruptedException {
            return gateReached.await(30, TimeUnit.SECONDS);
        }

        void release() {
            gateAt = -1;
            gateRelease.countDown();
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final BlockingQueue<Seen> log = new LinkedBlockingQueue<>();
    private final List<CountDownLatch> gates = new ArrayList<>();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    Resource serve(String path, Content content) {
        Resource r = new Resource(content);
        resources.put(path, r);
        return r;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The oldest request not yet taken, or null after 5 s. */
    Seen takeRequest() throws InterruptedException {
        return log.poll(5, TimeUnit.SECONDS);
    }

    /** Every request not yet taken, without waiting. */
    List<Seen> drainRequests() {
        List<Seen> seen = new ArrayList<>();
        log.drainTo(seen);
        return seen;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String range = exchange.getRequestHeaders().getFirst("Range");
            String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
            Resource r = resources.get(path);
            if (r == null) {
                log.add(new Seen(path, range, ifRange, 404));
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Integer failure = r.nextFailure();
            if (failure != null) {
                log.add(new Seen(path, range, ifRange, failure));
                exchange.sendResponseHeaders(failure, -1);
                return;
            }
            Content content = r.content;
            String etag = r.etag;
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Accept-Ranges", r.ranges ? "bytes" : "none");
            long start = 0;
            long end = content.size() - 1;
            int status = 200;
            if (range != null && r.ranges && (ifRange == null || ifRange.equals(etag))) {
                String spec = range.substring("bytes=".length());
                int dash = spec.indexOf('-');
                start = Long.parseLong(spec.substring(0, dash));
                if (dash < spec.length() - 1) {
                    end = Math.min(end, Long.parseLong(spec.substring(dash + 1)));
                }
                if (start >= content.size()) {
                    log.add(new Seen(path, range, ifRange, 416));
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.size());
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + content.size());
            }
            log.add(new Seen(path, range, ifRange, status));
            long length = end - start + 1;
            exchange.sendResponseHeaders(status, r.contentLength ? length : 0);
            writeBody(exchange.getResponseBody(), r, content, start, end + 1);
        } catch (IOException clientWentAway) {
            // Suspend/Cancel closes the connection mid-body: expected.
        }
    }

    private static void writeBody(OutputStream out, Resource r, Content content, long from, long to) throws IOException {
        byte[] buffer = new byte[32 * 1024];
        long pos = from;
        while (pos < to) {
            long gate = r.gateAt;
            long limit = to;
            if (gate >= 0 && gate >= pos && gate < to) {
                limit = gate;
            }
            if (pos == limit) {
                out.flush();
                r.gateReached.countDown();
                try {
                    r.gateRelease.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            int n = (int) Math.min(buffer.length, limit - pos);
            content.fill(pos, buffer, n);
            out.write(buffer, 0, n);
            pos += n;
        }
    }

    @Override
    public void close() {
        for (Resource r : resources.values()) {
            r.release();
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
