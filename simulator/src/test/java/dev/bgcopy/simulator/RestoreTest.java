package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JobStore seam: a new engine on the same store finds the jobs and resumes them (R18 across a restart). */
class RestoreTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("R18 a job outlives its engine: a new engine on the same store resumes it from the stored byte count")
    void restartResumesFromStoredProgress() throws Exception {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS).build();
        ScriptedNetwork network = config.scriptedNetwork().orElseThrow();
        RemoteResource resource = network.serve("https://cdn.example.test/r.bin", SimFixture.bytes(10_000, 5))
                .stallAt(4_000, 1);
        InMemoryJobStore store = new InMemoryJobStore();
        Path dest = dir.resolve("r.bin");
        IBackgroundCopyJob before;
        try (JobEngine first = new JobEngine(config, store)) {
            before = first.createJob("survivor", BgJobType.DOWNLOAD);
            before.addFile(resource.url(), dest.toString());
            before.setDescription("kept");
            before.resume();
            first.runUntilIdle();
            assertThat(before.getProgress().bytesTransferred()).isEqualTo(4_000);
        }
        try (JobEngine second = new JobEngine(config, store)) {
            IBackgroundCopyJob after = second.getJob(before.getId());
            assertThat(after.getDescription()).isEqualTo("kept");
            assertThat(after.getTimes().creationTime()).isEqualTo(before.getTimes().creationTime());
            second.runUntilIdle();
            assertThat(after.getState()).isEqualTo(BgJobState.TRANSFERRED);
            List<ScriptedRequest> requests = network.requestsTo(resource.url());
            assertThat(requests.get(requests.size() - 1).range()).isEqualTo("bytes=4000-");
            assertThat(after.complete()).isEqualTo(HResult.S_OK);
            assertThat(Files.readAllBytes(dest)).isEqualTo(resource.content());
            assertThat(store.loadAll()).isEmpty();
        }
    }
}
