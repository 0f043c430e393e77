package dev.bgcopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bgcopy.api.BackgroundCopyException;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobType;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyFile3;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IBackgroundCopyJob3;
import dev.bgcopy.api.IBackgroundCopyJob4;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's behaviour behind IBackgroundCopyJob3/Job4 and IBackgroundCopyFile3 (docs/contract.md §4.13-§4.15)
 * that needs its own controls: exact timing of the maximum download time on the virtual clock, the scripted
 * network's latency, POSIX modes of {@code file:} sources and the store's schema version 4. The kit checks the
 * codes (R180-R203).
 */
class Bits3InterfacesTest {

    @TempDir
    Path dir;

    private static IBackgroundCopyJob4 job4(IBackgroundCopyJob job) {
        return job.queryInterface(IBackgroundCopyJob4.class).orElseThrow();
    }

    private static IBackgroundCopyFile3 onlyFile(IBackgroundCopyJob job) {
        IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
        return file.queryInterface(IBackgroundCopyFile3.class).orElseThrow();
    }

    private static void advance(SimFixture f, long seconds) {
        f.clock.advance(Duration.ofSeconds(seconds));
        f.manager.runUntilIdle();
    }

    @Test
    @DisplayName("the maximum download time counts CONNECTING to the second, not TRANSIENT_ERROR, and Resume restarts it")
    void maximumDownloadTime_countsOnlyConnectingAndTransferring() {
        try (SimFixture f = new SimFixture(dir, Dialect.BITS)) {
            IBackgroundCopyJob4 job = job4(f.newJob());
            RemoteResource slow = f.serve(1000).latency(Duration.ofSeconds(40)).failNext(1, 503);
            f.addFile(job, slow);
            job.setMaximumDownloadTime(60);
            job.setMinimumRetryDelay(100);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.CONNECTING);
            advance(f, 40);
            assertThat(job.getState()).as("the 503 after 40 s of CONNECTING").isEqualTo(BgJobState.TRANSIENT_ERROR);
            advance(f, 100);
            assertThat(job.getState()).as("the retry: 100 s of TRANSIENT_ERROR did not count").isEqualTo(BgJobState.CONNECTING);
            advance(f, 19);
            assertThat(job.getState()).as("59 s counted").isEqualTo(BgJobState.CONNECTING);
            advance(f, 1);
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.BG_E_MAXDOWNLOAD_TIMEOUT);

            job.resume();
            f.manager.runUntilIdle();
            advance(f, 39);
            assertThat(job.getState()).as("Resume restarted the count").isEqualTo(BgJobState.CONNECTING);
            advance(f, 1);
            assertThat(job.getState()).as("the response after 40 s").isEqualTo(BgJobState.TRANSFERRED);

            IBackgroundCopyJob4 unlimited = job4(f.newJob());
            f.addFile(unlimited, f.serve(1000).latency(Duration.ofDays(100)));
            unlimited.setMaximumDownloadTime(0);
            unlimited.resume();
            f.manager.runUntilIdle();
            advance(f, 1000);
            assertThat(unlimited.getState()).as("0 is no limit").isEqualTo(BgJobState.CONNECTING);
        }
    }

    @Test
    @DisplayName("SetValidationState(FALSE) discards the temporary file and fails the job; Resume fetches it again; TRUE then Complete")
    void validation_rejectedContentIsFetchedAgain() throws Exception {
        try (SimFixture f = new SimFixture(dir, Dialect.BITS)) {
            IBackgroundCopyJob job = f.newJob();
            RemoteResource resource = f.serve(5000);
            Path destination = f.addFile(job, resource);
            IBackgroundCopyFile3 file = onlyFile(job);
            Path temporary = Path.of(file.getTemporaryName());
            assertThat(temporary.getParent()).isEqualTo(destination.getParent());
            assertThatThrownBy(() -> file.setValidationState(true)).isInstanceOfSatisfying(BackgroundCopyException.class,
                    e -> assertThat(e.hresult()).isEqualTo(HResult.E_PENDING));
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(Files.readAllBytes(temporary)).isEqualTo(resource.content());

            file.setValidationState(false);
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.BG_E_VALIDATION_FAILED);
            assertThat(file.getProgress().bytesTransferred()).isZero();
            assertThat(temporary).doesNotExist();

            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(resource.requestCount()).as("downloaded twice").isEqualTo(2);
            file.setValidationState(true);
            assertThat(file.getValidationState()).isTrue();
            assertThat(job.complete()).isEqualTo(HResult.S_OK);
            assertThat(Files.readAllBytes(destination)).isEqualTo(resource.content());
        }
    }

    @Test
    @DisplayName("BG_COPY_FILE_DACL copies a file: source's permission bits at Complete; without it the file gets a new file's mode")
    void fileAclFlags_dacl_copiesTheSourceMode() throws Exception {
        Path source = dir.resolve("tool.sh");
        Files.write(source, SimFixture.bytes(3000, 5));
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rwxr-x---"));
        try (SimFixture f = new SimFixture(dir, Dialect.BITS)) {
            IBackgroundCopyJob3 copied = f.newJob().queryInterface(IBackgroundCopyJob3.class).orElseThrow();
            IBackgroundCopyJob3 plain = f.newJob().queryInterface(IBackgroundCopyJob3.class).orElseThrow();
            copied.addFile(source.toUri().toString(), dir.resolve("copied.sh").toString());
            plain.addFile(source.toString(), dir.resolve("plain.sh").toString());
            copied.setFileACLFlags(IBackgroundCopyJob3.BG_COPY_FILE_DACL | IBackgroundCopyJob3.BG_COPY_FILE_OWNER
                    | IBackgroundCopyJob3.BG_COPY_FILE_GROUP | IBackgroundCopyJob3.BG_COPY_FILE_SACL);
            copied.resume();
            plain.resume();
            f.manager.runUntilIdle();
            assertThat(copied.complete()).isEqualTo(HResult.S_OK);
            assertThat(plain.complete()).isEqualTo(HResult.S_OK);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("copied.sh")))).isEqualTo("rwxr-x---");
        assertThat(Files.getPosixFilePermissions(dir.resolve("plain.sh"))).as("no execute bit without the flag")
                .noneMatch(p -> p.name().endsWith("EXECUTE"));
    }

    @Test
    @DisplayName("the Job3/Job4/File3 settings survive a restart, and a store of schema version 1 gets their defaults")
    void settingsSurviveARestart_andOldStoresGetTheDefaults() throws Exception {
        SimulatorConfig config = SimulatorConfig.deterministic().toBuilder().dialect(Dialect.BITS).store(dir.resolve("store")).build();
        UUID id;
        UUID old;
        try (SimFixture f = new SimFixture(dir, config)) {
            IBackgroundCopyJob4 job = job4(f.newJob());
            f.addFile(job, f.serve(2000));
            job.setFileACLFlags(IBackgroundCopyJob3.BG_COPY_FILE_DACL);
            job.setPeerCachingFlags(IBackgroundCopyJob4.BG_JOB_ENABLE_PEERCACHING_CLIENT);
            job.setMaximumDownloadTime(1234);
            job.resume();
            f.manager.runUntilIdle();
            onlyFile(job).setValidationState(true);
            id = job.getId();
            old = f.newJob().getId();
        }
        try (SimulatorManager second = Simulator.newManager(config.toBuilder().build())) {
            IBackgroundCopyJob4 job = job4(second.getJob(id));
            assertThat(job.getFileACLFlags()).isEqualTo(IBackgroundCopyJob3.BG_COPY_FILE_DACL);
            assertThat(job.getPeerCachingFlags()).isEqualTo(IBackgroundCopyJob4.BG_JOB_ENABLE_PEERCACHING_CLIENT);
            assertThat(job.getMaximumDownloadTime()).isEqualTo(1234);
            assertThat(onlyFile(job).getValidationState()).isTrue();
        }
        VersionOneStore.downgrade(dir.resolve("store").resolve(SqliteJobStore.DATABASE));
        try (SimulatorManager third = Simulator.newManager(config.toBuilder().build())) {
            IBackgroundCopyJob4 job = job4(third.getJob(old));
            assertThat(job.getMaximumDownloadTime()).isEqualTo(IBackgroundCopyJob4.DEFAULT_MAXIMUM_DOWNLOAD_TIME);
            assertThat(job.getFileACLFlags()).isZero();
            assertThat(job.getPeerCachingFlags()).isZero();
            assertThat(third.createJob("new", BgJobType.DOWNLOAD)).isNotNull();
        }
    }
}
