package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopy;
import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgErrorContext;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobPriority;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.BgNotify;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code store} option: jobs and partial downloads outlive the manager in a SQLite store (issue [durable]). */
class DurableStoreTest {

    @TempDir
    Path dir;

    private SimulatorConfig durable(Dialect dialect, SimulatorConfig deterministic) {
        return deterministic.toBuilder().dialect(dialect).store(dir.resolve("store")).checkpointBytes(1_000).build();
    }

    @Test
    @DisplayName("every persisted property of a job and its files comes back after a restart")
    void propertiesSurviveARestart() {
        SimulatorConfig config = durable(Dialect.BITS, SimulatorConfig.deterministic());
        UUID id;
        List<Object> before;
        try (SimulatorManager first = Simulator.newManager(config)) {
            IBackgroundCopyJob job = first.createJob("nightly", BgJobType.DOWNLOAD);
            id = job.getId();
            job.setDescription("kept across restarts");
            job.setPriority(BgJobPriority.LOW);
            job.setNotifyFlags(EnumSet.of(BgNotify.JOB_ERROR, BgNotify.JOB_MODIFICATION));
            job.setMinimumRetryDelay(45);
            job.setNoProgressTimeout(0xFFFF_FFFFL);
            job.addFile("https://cdn.example.test/a.bin", dir.resolve("a.bin").toString());
            job.addFile("https://cdn.example.test/b.bin", dir.resolve("b.bin").toString());
            before = observe(job);
        }
        try (SimulatorManager second = Simulator.newManager(config)) {
            IBackgroundCopyJob job = second.getJob(id);
            assertThat(observe(job)).isEqualTo(before);
            assertThat(job.getState()).isEqualTo(BgJobState.SUSPENDED);
        }
    }

    @Test
    @DisplayName("DO ranges and declared sizes come back with the file")
    void rangesSurviveARestart() {
        SimulatorConfig config = durable(Dialect.DO, SimulatorConfig.deterministic());
        UUID id;
        List<BgFileRange> ranges = List.of(new BgFileRange(100, 50), new BgFileRange(0, 10), new BgFileRange(400, BgFileRange.BG_LENGTH_TO_EOF));
        try (SimulatorManager first = Simulator.newManager(config)) {
            IBackgroundCopyJob job = first.createJob("ranged", BgJobType.DOWNLOAD);
            id = job.getId();
            job.addFileWithRanges("part", "https://cdn.example.test/big.bin", dir.resolve("part.bin").toString(), ranges, 1_000);
        }
        try (SimulatorManager second = Simulator.newManager(config)) {
            IBackgroundCopyFile file = second.getJob(id).enumFiles().next(1).get(0);
            assertThat(file.getFileRanges()).containsExactly(ranges.get(1), ranges.get(0), ranges.get(2));
            assertThat(file.getProgress().bytesTotal()).isEqualTo(10 + 50 + 600);
        }
    }

    @ParameterizedTest(name = "checkpoint every {0} bytes: resumes with {1}")
    @CsvSource(nullValues = "none", value = {"1000, bytes=4500-", "1000000, none"})
    @DisplayName("a transfer stopped mid-file resumes by itself from its last checkpoint, never from unforced bytes")
    void aRunningTransferResumesFromItsCheckpoint(long checkpointBytes, String expectedRange) throws Exception {
        SimulatorConfig config = durable(Dialect.DO, SimulatorConfig.deterministic()).toBuilder().checkpointBytes(checkpointBytes).build();
        ScriptedNetwork network = config.scriptedNetwork().orElseThrow();
        RemoteResource resource = network.serve("https://cdn.example.test/r.bin", SimFixture.bytes(10_000, 7)).stallAt(4_500, 1);
        Path destination = dir.resolve("r.bin");
        UUID id;
        try (SimulatorManager first = Simulator.newManager(config)) {
            IBackgroundCopyJob job = first.createJob("survivor", BgJobType.DOWNLOAD);
            id = job.getId();
            job.addFileWithRanges("r", resource.url(), destination.toString(), List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
            job.resume();
            first.runUntilIdle();
            assertThat(job.getProgress().bytesTransferred()).isEqualTo(4_500);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRING);
        }
        assertThat(destination).doesNotExist();
        network.clearRequests();
        try (SimulatorManager second = Simulator.newManager(config)) {
            IBackgroundCopyJob job = second.getJob(id);
            second.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            // The scripted body delivers the 4,500 bytes before the stall in one read. With a checkpoint due,
            // they are forced and recorded, and the restart asks for the rest; without one they were never
            // forced, so the new engine trusts none of them and fetches the file again from the start.
            assertThat(network.requestsTo(resource.url())).extracting(ScriptedRequest::range).containsExactly(expectedRange);
            assertThat(job.complete()).isEqualTo(HResult.S_OK);
            assertThat(Files.readAllBytes(destination)).isEqualTo(resource.content());
        }
    }

    @Test
    @DisplayName("an error record comes back; cancelled and acknowledged jobs do not")
    void errorsComeBackAndEndedJobsDoNot() {
        SimulatorConfig config = durable(Dialect.DO, SimulatorConfig.deterministic());
        ScriptedNetwork network = config.scriptedNetwork().orElseThrow();
        RemoteResource missing = network.serve("https://cdn.example.test/missing.bin", new byte[1]).failNext(1, 404);
        UUID failed;
        UUID cancelled;
        UUID acknowledged;
        try (SimulatorManager first = Simulator.newManager(config)) {
            IBackgroundCopyJob job = first.createJob("fails", BgJobType.DOWNLOAD);
            failed = job.getId();
            job.addFileWithRanges("m", missing.url(), dir.resolve("m.bin").toString(), List.of(), IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE);
            job.resume();
            first.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);

            IBackgroundCopyJob toCancel = first.createJob("cancelled", BgJobType.DOWNLOAD);
            cancelled = toCancel.getId();
            toCancel.cancel();
            IBackgroundCopyJob toComplete = first.createJob("acknowledged", BgJobType.DOWNLOAD);
            acknowledged = toComplete.getId();
            toComplete.complete();
        }
        try (SimulatorManager second = Simulator.newManager(config)) {
            IBackgroundCopyJob job = second.getJob(failed);
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.BG_E_HTTP_ERROR_404);
            assertThat(job.getError().getError().context()).isEqualTo(BgErrorContext.NONE);
            for (UUID gone : List.of(cancelled, acknowledged)) {
                assertThatThrownBy(() -> second.getJob(gone)).isInstanceOfSatisfying(BackgroundCopyException.class,
                        e -> assertThat(e.hresult()).isEqualTo(HResult.DO_E_JOB_NOT_FOUND));
            }
        }
    }

    @Test
    @DisplayName("R109 across a restart: a DO job that reached 30 days while its manager was closed is gone")
    void retentionAppliesToStoredJobs() {
        SimulatorConfig config = durable(Dialect.DO, SimulatorConfig.deterministic());
        UUID old;
        UUID young;
        try (SimulatorManager first = Simulator.newManager(config)) {
            old = first.createJob("old", BgJobType.DOWNLOAD).getId();
            config.virtualClock().orElseThrow().advance(java.time.Duration.ofDays(10));
            young = first.createJob("young", BgJobType.DOWNLOAD).getId();
        }
        config.virtualClock().orElseThrow().advance(java.time.Duration.ofDays(25));
        try (SimulatorManager second = Simulator.newManager(config)) {
            // No runUntilIdle: an expired job must not be visible even for a moment after the reopen.
            assertThatThrownBy(() -> second.getJob(old)).isInstanceOfSatisfying(BackgroundCopyException.class,
                    e -> assertThat(e.hresult()).isEqualTo(HResult.DO_E_JOB_NOT_FOUND));
            assertThat(second.getJob(young).getState()).isEqualTo(BgJobState.SUSPENDED);
        }
        try (SimulatorManager third = Simulator.newManager(config)) {
            assertThatThrownBy(() -> third.getJob(old)).isInstanceOf(BackgroundCopyException.class);
        }
    }

    @Test
    @DisplayName("the provider's store option: one manager per store, absolute paths only")
    void theProviderOption() {
        Map<String, String> options = Map.of("store", dir.resolve("provider-store").toString());
        UUID id;
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", options)) {
            id = manager.createJob("kept", BgJobType.DOWNLOAD).getId();
            assertThatThrownBy(() -> BackgroundCopy.open("simulator", options))
                    .isInstanceOfSatisfying(BackgroundCopyException.class,
                            e -> assertThat(e.hresult()).isEqualTo(HResult.ERROR_SHARING_VIOLATION))
                    .hasMessageContaining("in use by process " + ProcessHandle.current().pid());
        }
        try (IBackgroundCopyManager manager = BackgroundCopy.open("simulator", options)) {
            assertThat(manager.getJob(id).getDisplayName()).isEqualTo("kept");
        }
        assertThatThrownBy(() -> BackgroundCopy.open("simulator", Map.of("store", "relative/dir")))
                .isInstanceOfSatisfying(BackgroundCopyException.class, e -> assertThat(e.hresult()).isEqualTo(HResult.E_INVALIDARG));
        assertThat(dir.resolve("relative")).doesNotExist();
    }

    private static List<Object> observe(IBackgroundCopyJob job) {
        List<IBackgroundCopyFile> files = job.enumFiles().next(100);
        return List.of(job.getId(), job.getDisplayName(), job.getDescription(), job.getOwner(), job.getPriority(),
                job.getNotifyFlags(), job.getMinimumRetryDelay(), job.getNoProgressTimeout(), job.getTimes(), job.getProgress(),
                files.stream().map(f -> List.of(f.getRemoteName(), f.getLocalName(), f.getProgress(), f.getFileRanges())).toList());
    }
}
