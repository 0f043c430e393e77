package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.mockwebserver.Content;
import dev.bgcopy.mockwebserver.Gate;
import dev.bgcopy.mockwebserver.MockWebServer;
import dev.bgcopy.mockwebserver.PseudoRandomContent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
        PseudoRandomContent content = new PseudoRandomContent(SIZE, SEED);
        Path store = dir.resolve("store");
        Path destination = dir.resolve("payload.bin");
        try (MockWebServer server = MockWebServer.start()) {
            server.serve("/payload", content);
            String jobId = null;
            for (int k = 0; k < KILLS; k++) {
                // A request captures the gate in place when it arrives, so a dead child's handler cannot trip the next one.
                Gate gate = server.holdAt("/payload", killAt[k]);
                ChildJvm child = k == 0
                        ? ChildJvm.start(CrashChild.class, store.toString(), server.url("/payload").toString(), destination.toString(), "create")
                        : ChildJvm.start(CrashChild.class, store.toString(), jobId, "resume");
                try {
                    if (k == 0) {
                        jobId = child.expectLine("job ").substring(4);
                    }
                    assertThat(gate.awaitReached(Duration.ofSeconds(60))).as("server reached %d; %s", killAt[k], seed).isTrue();
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

            List<Long> starts = server.requests().stream()
                    .map(r -> r.range().map(h -> Long.parseLong(h.substring("bytes=".length(), h.indexOf('-')))).orElse(0L))
                    .toList();
            assertThat(starts).as("one request per run; %s", seed).hasSize(KILLS + 1);
            assertThat(starts.get(0)).isZero();
            for (int k = 0; k < KILLS; k++) {
                long refetched = killAt[k] - starts.get(k + 1);
                assertThat(refetched).as("bytes fetched again after kill %d at %d; %s", k + 1, killAt[k], seed)
                        .isBetween(0L, SimulatorConfig.DEFAULT_CHECKPOINT_BYTES - 1);
            }
        }
        assertThat(Content.sha256(destination)).as(seed).isEqualTo(content.sha256());
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left; %s", seed)
                    .containsExactlyInAnyOrder("payload.bin", "store");
        }
    }

}
