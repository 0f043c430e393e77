package dev.bgcopy.simulator.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.simulator.RemoteResource;
import dev.bgcopy.simulator.ScriptedNetwork;
import dev.bgcopy.simulator.Simulator;
import dev.bgcopy.simulator.SimulatorConfig;
import dev.bgcopy.simulator.SimulatorManager;
import dev.bgcopy.simulator.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example, compiled and run: a consumer's test using only the public simulator API. */
class UpdaterRetryTest {

    @TempDir
    Path dir;

    @Test
    void updaterSurvivesFlakyCdnAndAStallingServer() throws Exception {
        SimulatorConfig config = SimulatorConfig.deterministic();          // DO dialect, virtual clock, scripted network
        VirtualClock clock = config.virtualClock().orElseThrow();
        ScriptedNetwork network = config.scriptedNetwork().orElseThrow();

        byte[] v1 = "release 1.0".getBytes(StandardCharsets.UTF_8);
        byte[] v2 = "release 1.1".getBytes(StandardCharsets.UTF_8);
        RemoteResource cdn = network.serve("https://cdn.example.com/app.zip", v1)
                .failNext(5, 503)                                          // five 503s ...
                .thenChangeContent(v2);                                    // ... then the release changes

        try (SimulatorManager manager = Simulator.newManager(config)) {
            IBackgroundCopyJob job = manager.createJob("app update", BgJobType.DOWNLOAD);
            Path target = dir.resolve("app.zip");
            job.addFileWithRanges("app", cdn.url(), target.toString(), List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
            job.resume();

            manager.runUntilIdle();                                        // first request: 503
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.fromHttpStatus(503));

            for (int retry = 0; retry < 5; retry++) {                      // the service retries every 600 s
                clock.advance(Duration.ofSeconds(600));
                manager.runUntilIdle();
            }
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(target).doesNotExist();                             // nothing at the destination before Complete
            assertThat(job.complete()).isEqualTo(HResult.S_OK);
            assertThat(Files.readAllBytes(target)).isEqualTo(v2);

            // A server that stalls for two days: TRANSIENT_ERROR after the read timeout, then ERROR when
            // the no-progress timeout (86,400 s for a NORMAL DO job) runs out — in no real time at all.
            IBackgroundCopyJob stalled = manager.createJob("stalled", BgJobType.DOWNLOAD);
            RemoteResource slow = network.serve("https://cdn.example.com/big.bin", new byte[1_000_000])
                    .stallAt(250_000, RemoteResource.ALWAYS);
            stalled.addFileWithRanges("big", slow.url(), dir.resolve("big.bin").toString(), List.of(),
                    IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
            stalled.resume();
            manager.runUntilIdle();                                        // 250,000 bytes, then silence
            assertThat(stalled.getProgress().bytesTransferred()).isEqualTo(250_000);
            clock.advance(config.readTimeout());
            manager.runUntilIdle();
            assertThat(stalled.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            clock.advance(Duration.ofDays(2));
            manager.runUntilIdle();
            assertThat(stalled.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(stalled.getError().getError().code()).isEqualTo(HResult.DO_E_DOWNLOAD_NO_PROGRESS);
        }
    }
}
