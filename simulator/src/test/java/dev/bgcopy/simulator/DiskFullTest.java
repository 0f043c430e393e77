package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination volume that fills up mid-transfer (issue [durable]): a real 4 MiB tmpfs, mounted for the
 * test where the machine allows it (root on Linux), with a ballast file taking half of it. The job goes to
 * TRANSIENT_ERROR with ERROR_DISK_FULL, keeps what it wrote, and finishes once the ballast is gone.
 */
class DiskFullTest {

    @TempDir
    Path dir;

    private Path volume;

    @BeforeEach
    void mountSmallVolume() throws Exception {
        volume = Files.createDirectories(dir.resolve("volume"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", volume.toString()) == 0,
                "needs a mountable tmpfs (root on Linux)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (volume != null) {
            run("umount", volume.toString());
        }
    }

    @Test
    void aFullDiskIsTransientAndTheTransferContinuesWhenSpaceReturns() throws Exception {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS).build();
        ScriptedNetwork network = config.scriptedNetwork().orElseThrow();
        byte[] content = SimFixture.bytes(3 << 20, 11);
        RemoteResource resource = network.serve("https://cdn.example.test/big.bin", content);
        Path ballast = volume.resolve("ballast");
        Files.write(ballast, new byte[2 << 20]);
        Path destination = volume.resolve("big.bin");
        try (SimulatorManager manager = Simulator.newManager(config)) {
            IBackgroundCopyJob job = manager.createJob("fills the disk", BgJobType.DOWNLOAD);
            job.addFile(resource.url(), destination.toString());
            job.setMinimumRetryDelay(60);
            job.resume();
            manager.runUntilIdle();

            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.ERROR_DISK_FULL);
            assertThat(job.getError().getError().context()).isEqualTo(BgErrorContext.LOCAL_FILE);
            long kept = job.getProgress().bytesTransferred();
            assertThat(kept).isPositive().isLessThan(content.length);

            Files.delete(ballast);
            network.clearRequests();
            config.virtualClock().orElseThrow().advance(java.time.Duration.ofSeconds(60));
            manager.runUntilIdle();

            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(network.requestsTo(resource.url())).extracting(ScriptedRequest::range)
                    .as("the retry continues from the bytes already on disk").containsExactly("bytes=" + kept + "-");
            assertThat(job.complete()).isEqualTo(HResult.S_OK);
            assertThat(Files.readAllBytes(destination)).isEqualTo(content);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
