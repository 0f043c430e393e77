package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery with real processes (issue [durable]): a child JVM downloads 256 MiB from a loopback
 * server through a durable manager and is SIGKILLed at seeded random offsets; each restart resumes by
 * itself; the last one completes. The server holds each body at the kill offset, and the child is
 * killed only once it reports having written exactly that many bytes, so what the next request asks for
 * measures exactly what the crash lost: less than one checkpoint interval.
 */
@Tag("slow")
class CrashRecoveryTest {

    private static final long SIZE = 256L << 20;
    private static final int KILLS = 10;
    private static final long SEED = Long.getLong("crash.seed", 20261121L);

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void aDownloadKilledTenTimesResumesAndEndsByteIdentical() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        long[] killAt = random.longs(KILLS, 1L << 20, SIZE - (1L << 20)).sorted().toArray();
        String seed = "seed " + SEED + " (rerun with -Dcrash.seed=" + SEED + ")";
        LoopbackServer.Content content = new LoopbackServer.Content(SIZE, SEED);
        Path store = dir.resolve("store");
        Path destination = dir.resolve("payload.bin");
        try (GatedServer server = new GatedServer(content)) {
            String jobId = null;
            for (int k = 0; k < KILLS; k++) {
                Gate gate = server.holdAt(killAt[k]);
                ChildJvm child = k == 0
                        ? ChildJvm.start(CrashChild.class, store.toString(), server.url(), destination.toString(), "create")
                        : ChildJvm.start(CrashChild.class, store.toString(), jobId, "resume");
                try {
                    if (k == 0) {
                        jobId = child.expectLine("job ").substring(4);
                    }
                    assertThat(gate.reached.await(60, TimeUnit.SECONDS)).as("server reached %d; %s", killAt[k], seed).isTrue();
                    child.awaitProgress(killAt[k], seed);
                } finally {
                    child.kill();
                    gate.release();
                }
                assertThat(destination).as("no destination before Complete; %s", seed).doesNotExist();
            }
            ChildJvm last = ChildJvm.start(CrashChild.class, store.toString(), jobId, "finish");
            last.expectLine("completed");
            assertThat(last.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(last.process().exitValue()).isZero();

            List<Long> starts = server.requestStarts();
            assertThat(starts).as("one request per run; %s", seed).hasSize(KILLS + 1);
            assertThat(starts.get(0)).isZero();
            for (int k = 0; k < KILLS; k++) {
                long refetched = killAt[k] - starts.get(k + 1);
                assertThat(refetched).as("bytes fetched again after kill %d at %d; %s", k + 1, killAt[k], seed)
                        .isBetween(0L, SimulatorConfig.DEFAULT_CHECKPOINT_BYTES - 1);
            }
        }
        assertThat(LoopbackServer.sha256(destination)).as(seed).isEqualTo(content.sha256());
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left; %s", seed)
                    .containsExactlyInAnyOrder("payload.bin", "store");
        }
    }

    /** A body that stops at an offset until released; captured per request, so a dead child's handler cannot trip the next one. */
    private static final class Gate {
        final long offset;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        Gate(long offset) {
            this.offset = offset;
        }

        void release() {
            released.countDown();
        }
    }

    /** One file at {@code /payload}: open-ended Range requests, a gate per request, the start of every request logged. */
    private static final class GatedServer implements AutoCloseable {
        private final LoopbackServer.Content content;
        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool();
        private final List<Long> starts = new CopyOnWriteArrayList<>();
        private volatile Gate gate;

        GatedServer(LoopbackServer.Content content) throws IOException {
            this.content = content;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(executor);
            server.createContext("/payload", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/payload";
        }

        Gate holdAt(long offset) {
            gate = new Gate(offset);
            return gate;
        }

        List<Long> requestStarts() {
            return new ArrayList<>(starts);
        }

        private void handle(HttpExchange exchange) throws IOException {
            Gate mine = gate;
            try (exchange) {
                String range = exchange.getRequestHeaders().getFirst("Range");
                long start = range == null ? 0 : Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
                starts.add(start);
                exchange.getResponseHeaders().set("ETag", "\"crash\"");
                exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
                if (range != null) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (SIZE - 1) + "/" + SIZE);
                }
                exchange.sendResponseHeaders(range == null ? 200 : 206, SIZE - start);
                OutputStream out = exchange.getResponseBody();
                byte[] buffer = new byte[64 * 1024];
                for (long pos = start; pos < SIZE; ) {
                    if (mine != null && pos == mine.offset) {
                        out.flush();
                        mine.reached.countDown();
                        mine.released.await(120, TimeUnit.SECONDS);
                        mine = null;
                        continue;
                    }
                    long stop = mine != null && mine.offset > pos ? Math.min(SIZE, mine.offset) : SIZE;
                    int n = (int) Math.min(buffer.length, stop - pos);
                    content.fill(pos, buffer, n);
                    out.write(buffer, 0, n);
                    pos += n;
                }
            } catch (IOException | InterruptedException killedClient) {
                // The child was killed mid-body: expected.
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
