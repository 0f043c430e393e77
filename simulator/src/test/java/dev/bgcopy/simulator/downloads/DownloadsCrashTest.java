package dev.bgcopy.simulator.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.downloads.Download;
import dev.bgcopy.api.downloads.Downloads;
import dev.bgcopy.simulator.ChildJvm;
import dev.bgcopy.simulator.LoopbackFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download whose process is SIGKILLed halfway is found again by name in another process and ends
 * verified and in place: the registry, the durable simulator store and the staging survive the crash.
 */
class DownloadsCrashTest {

    static final String APPLICATION = "crash-app";
    static final String NAME = "payload";
    private static final long SIZE = 8L << 20;
    private static final long SEED = 20261204L;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aDownloadKilledHalfwayIsFoundAgainAndEndsVerifiedInPlace() throws Exception {
        Path data = dir.resolve("data");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path destination = out.resolve("payload.bin");
        String sha256 = LoopbackFiles.sha256(SIZE, SEED);
        try (LoopbackFiles server = new LoopbackFiles()) {
            URI url = server.serve("/payload", SIZE, SEED);
            server.holdAt("/payload", SIZE / 2);
            ChildJvm child = ChildJvm.start(DownloadsCrashChild.class, data.toString(), url.toString(), destination.toString(), sha256);
            String jobId;
            try {
                jobId = child.expectLine("started ").substring("started ".length());
                assertThat(server.awaitHeld("/payload")).isTrue();
                child.awaitProgress(SIZE / 2, "seed " + SEED);
            } finally {
                child.kill();
                server.release("/payload");
            }
            assertThat(destination).as("nothing at the destination before it is verified").doesNotExist();

            try (Downloads downloads = Downloads.open(APPLICATION, "simulator", Map.of(Downloads.OPTION_DATA_DIR, data.toString()))) {
                Download again = downloads.find(NAME).orElseThrow();
                assertThat(again.id()).hasToString(jobId);
                assertThat(again.completion().get(60, TimeUnit.SECONDS)).isEqualTo(destination);
            }
        }
        assertThat(LoopbackFiles.sha256(destination)).isEqualTo(sha256);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary or staged file left").containsExactly("payload.bin");
        }
    }
}
