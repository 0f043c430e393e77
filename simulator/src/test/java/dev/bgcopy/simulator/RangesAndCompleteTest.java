package dev.bgcopy.simulator;

import static dev.bgcopy.simulator.JobBasicsTest.hr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bgcopy.api.BgFileProgress;
import dev.bgcopy.api.BgFileRange;
import dev.bgcopy.api.BgJobProgress;
import dev.bgcopy.api.BgJobState;
import dev.bgcopy.api.BgJobTimes;
import dev.bgcopy.api.Dialect;
import dev.bgcopy.api.DoFilePropertyId;
import dev.bgcopy.api.DoJobPropertyId;
import dev.bgcopy.api.DoSwarmStats;
import dev.bgcopy.api.HResult;
import dev.bgcopy.api.IBackgroundCopyFile;
import dev.bgcopy.api.IBackgroundCopyJob;
import dev.bgcopy.api.IDeliveryOptimizationFile;
import dev.bgcopy.api.IDeliveryOptimizationFile2;
import dev.bgcopy.api.IDeliveryOptimizationJob2;
import dev.bgcopy.api.SemanticError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** AddFileWithRanges (§4.3, R80, R92, R95-R101), Complete (§4.2, R35-R40, R71) and the DO extensions (R102-R107). */
class RangesAndCompleteTest {

    private static final long EOF = BgFileRange.BG_LENGTH_TO_EOF;
    private static final long UNKNOWN = IBackgroundCopyJob.DO_UNKNOWN_FILE_SIZE;

    @TempDir
    Path dir;

    private HResult addRanges(SimFixture f, IBackgroundCopyJob job, long fileSize, BgFileRange... ranges) {
        return hr(() -> job.addFileWithRanges("r" + System.nanoTime(), f.serve(10).url(),
                f.destination("r" + System.nanoTime()).toString(), List.of(ranges), fileSize));
    }

    @Test
    @DisplayName("R96 R97 R99 range checks in the contract's order; R100 a failed addition changes nothing")
    void rangeValidation() {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            BgJobTimes before = job.getTimes();
            f.clock.advance(Duration.ofSeconds(1));
            assertThat(addRanges(f, job, UNKNOWN, new BgFileRange(EOF, 10))).as("R96").isEqualTo(HResult.DO_E_INVALID_RANGE);
            assertThat(addRanges(f, job, UNKNOWN, new BgFileRange(100, 5), new BgFileRange(100, 0)))
                    .as("I-16: equal offsets overlap before the zero length counts").isEqualTo(HResult.DO_E_OVERLAPPING_RANGES);
            assertThat(addRanges(f, job, UNKNOWN, new BgFileRange(100, 0), new BgFileRange(100, 5)))
                    .isEqualTo(HResult.DO_E_OVERLAPPING_RANGES);
            assertThat(addRanges(f, job, UNKNOWN, new BgFileRange(0, 10), new BgFileRange(9, 10)))
                    .as("R97").isEqualTo(HResult.DO_E_OVERLAPPING_RANGES);
            assertThat(addRanges(f, job, UNKNOWN, new BgFileRange(0, EOF), new BgFileRange(1000, 10)))
                    .isEqualTo(HResult.DO_E_OVERLAPPING_RANGES);
            assertThat(addRanges(f, job, UNKNOWN, new BgFileRange(5, 0))).as("R99").isEqualTo(HResult.DO_E_INVALID_RANGE);
            assertThat(addRanges(f, job, 100, new BgFileRange(90, 11))).isEqualTo(HResult.DO_E_INVALID_RANGE);
            assertThat(addRanges(f, job, 100, new BgFileRange(100, EOF))).isEqualTo(HResult.DO_E_INVALID_RANGE);
            assertThat(addRanges(f, job, UNKNOWN, new BgFileRange(-2L, 5))).as("overflow").isEqualTo(HResult.DO_E_INVALID_RANGE);
            assertThat(job.getProgress()).isEqualTo(BgJobProgress.EMPTY);
            assertThat(job.getTimes()).as("R100").isEqualTo(before);

            job.addFileWithRanges("ok", f.serve(10).url(), f.destination("ok").toString(),
                    List.of(new BgFileRange(500, 10), new BgFileRange(10, 20)), UNKNOWN);
            IBackgroundCopyFile file = job.enumFiles().next(1).get(0);
            assertThat(file.getFileRanges()).as("R98 R92 sorted").containsExactly(new BgFileRange(10, 20), new BgFileRange(500, 10));
            assertThat(file.getProgress()).as("R80").isEqualTo(new BgFileProgress(30, 0, false));
            job.cancel();
            assertThat(addRanges(f, job, UNKNOWN, new BgFileRange(EOF, 10)))
                    .as("INVALID_STATE before range checks").isEqualTo(HResult.DO_E_INVALID_STATE);
        }
    }

    @Test
    @DisplayName("R80 P9 ranged download: BytesTotal = requested bytes; the local file keeps each range at its own offset")
    void rangedDownloadLayout() throws Exception {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            RemoteResource r = f.serve(10_000).dropAt(5_050, 2);
            byte[] source = r.content();
            IBackgroundCopyJob job = f.newJob();
            Path dest = f.destination("ranged.bin");
            job.addFileWithRanges("ranged", r.url(), dest.toString(),
                    List.of(new BgFileRange(9_000, EOF), new BgFileRange(100, 50), new BgFileRange(5_000, 100)), UNKNOWN);
            assertThat(job.getProgress().bytesTotal()).as("EOF range unresolved").isEqualTo(BgJobProgress.BG_SIZE_UNKNOWN);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSIENT_ERROR);
            assertThat(job.getProgress()).isEqualTo(new BgJobProgress(1_150, 100, 1, 0));
            f.clock.advance(Duration.ofSeconds(600));
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(job.getProgress()).isEqualTo(new BgJobProgress(1_150, 1_150, 1, 1));
            assertThat(f.network.requestsTo(r.url())).extracting(ScriptedRequest::range)
                    .containsExactly("bytes=100-149", "bytes=5000-5099", "bytes=5050-5099", "bytes=9000-9999");
            job.complete();
            byte[] local = Files.readAllBytes(dest);
            assertThat(local).hasSize(10_000);
            byte[] expected = new byte[10_000];
            System.arraycopy(source, 100, expected, 100, 50);
            System.arraycopy(source, 5_000, expected, 5_000, 100);
            System.arraycopy(source, 9_000, expected, 9_000, 1_000);
            assertThat(local).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("§5.5 a server that ignores Range for a ranged file -> ERROR RANGE_UNSUPPORTED; a range beyond the file -> ERROR INVALID_RANGE")
    void rangeFailures() {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob ignoring = f.newJob();
            ignoring.addFileWithRanges("a", f.serve(1_000).supportsRanges(false).url(), f.destination("a").toString(),
                    List.of(new BgFileRange(10, 10)), UNKNOWN);
            IBackgroundCopyJob beyond = f.newJob();
            beyond.addFileWithRanges("b", f.serve(1_000).url(), f.destination("b").toString(),
                    List.of(new BgFileRange(5_000, 10)), UNKNOWN);
            ignoring.resume();
            beyond.resume();
            f.manager.runUntilIdle();
            assertThat(ignoring.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(ignoring.getError().getError().code()).isEqualTo(HResult.DO_E_INSUFFICIENT_RANGE_SUPPORT);
            assertThat(beyond.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(beyond.getError().getError().code()).isEqualTo(HResult.DO_E_INVALID_RANGE);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("R38 R39 partial Complete keeps only finished files (S_OK in DO, BG_S_PARTIAL_COMPLETE in BITS) and deletes the rest")
    void partialComplete(Dialect dialect) throws Exception {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob job = f.newJob();
            RemoteResource finished = f.serve(2_000);
            Path kept = f.addFile(job, finished);
            Path dropped = f.addFile(job, f.serve(2_000).stallAt(1_000, RemoteResource.ALWAYS));
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRING);
            assertThat(job.getProgress()).isEqualTo(new BgJobProgress(4_000, 3_000, 2, 1));
            HResult code = job.complete();
            assertThat(code).isEqualTo(dialect == Dialect.DO ? HResult.S_OK : HResult.BG_S_PARTIAL_COMPLETE);
            assertThat(job.getState()).isEqualTo(BgJobState.ACKNOWLEDGED);
            assertThat(f.leftovers()).containsExactly(kept);
            assertThat(Files.readAllBytes(kept)).isEqualTo(finished.content());
            assertThat(dropped).doesNotExist();
            List<IBackgroundCopyFile> files = job.enumFiles().next(2);
            assertThat(files.get(0).getProgress().completed()).isTrue();
            assertThat(files.get(1).getProgress().completed()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("R71 R101 an existing destination is replaced only at Complete; TransferCompletionTime survives Complete; adding to TRANSFERRED requeues")
    void destinationReplacedOnlyAtComplete(Dialect dialect) throws Exception {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob job = f.newJob();
            RemoteResource r = f.serve(1_000);
            Path dest = f.addFile(job, r);
            Files.writeString(dest, "old");
            job.resume();
            f.manager.runUntilIdle();
            assertThat(Files.readString(dest)).isEqualTo("old");
            BgJobTimes times = job.getTimes();
            assertThat(times.transferCompleted()).contains(f.clock.now());
            f.clock.advance(Duration.ofHours(1));
            f.addFile(job, f.serve(10));
            assertThat(job.getState()).isIn(BgJobState.QUEUED, BgJobState.CONNECTING, BgJobState.TRANSFERRING,
                    BgJobState.TRANSFERRED);
            f.manager.runUntilIdle();
            f.clock.advance(Duration.ofHours(1));
            job.complete();
            assertThat(Files.readAllBytes(dest)).isEqualTo(r.content());
            assertThat(job.getTimes().transferCompletionTime()).isEqualTo(f.clock.now().minus(Duration.ofHours(1)));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("§4.2 rename fault: Complete fails with the fault's HRESULT and the job stays TRANSFERRED; delete fault: BG_S_UNABLE_TO_DELETE_FILES (BITS)")
    void completeFaults(Dialect dialect) throws Exception {
        try (SimFixture f = new SimFixture(dir, dialect)) {
            IBackgroundCopyJob job = f.newJob();
            Path dest = f.addFile(job, f.serve(100));
            job.resume();
            f.manager.runUntilIdle();
            f.manager.setRenameFailure(HResult.E_ACCESSDENIED);
            assertThat(hr(job::complete)).isEqualTo(HResult.E_ACCESSDENIED);
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(dest).doesNotExist();
            f.manager.setRenameFailure(null);
            assertThat(job.complete()).isEqualTo(HResult.S_OK);
            assertThat(dest).exists();

            IBackgroundCopyJob partial = f.newJob();
            f.addFile(partial, f.serve(1_000).stallAt(10, RemoteResource.ALWAYS));
            partial.resume();
            f.manager.runUntilIdle();
            f.manager.setDeleteFailure(true);
            HResult code = partial.complete();
            assertThat(code).as("a failed delete outranks the partial completion it comes with")
                    .isEqualTo(dialect == Dialect.BITS ? HResult.BG_S_UNABLE_TO_DELETE_FILES : HResult.S_OK);
            assertThat(f.leftovers()).hasSize(2);
        }
    }

    @Test
    @DisplayName("R102 Job2.AddFile without a sink fails the transfer with DO_E_LOCALPATH_NOT_SET; with DownloadSinkFilePath it downloads")
    void job2AddFile() throws Exception {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            IDeliveryOptimizationJob2 job2 = job.queryInterface(IDeliveryOptimizationJob2.class).orElseThrow();
            RemoteResource r = f.serve(500);
            IDeliveryOptimizationFile file = job2.addFile("id", r.url(), List.of());
            assertThat(job.getProgress().filesTotal()).isEqualTo(1);
            assertThat(((IBackgroundCopyFile) file).getLocalName()).isEmpty();
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.ERROR);
            assertThat(job.getError().getError().code()).isEqualTo(HResult.DO_E_LOCALPATH_NOT_SET);
            Path sink = f.destination("sink.bin");
            IDeliveryOptimizationFile2 file2 = file.queryInterface(IDeliveryOptimizationFile2.class).orElseThrow();
            file2.setProperty(DoFilePropertyId.DOWNLOAD_SINK_FILE_PATH, sink.toString());
            assertThat(file2.getProperty(DoFilePropertyId.DOWNLOAD_SINK_FILE_PATH)).isEqualTo(sink.toString());
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            DoSwarmStats stats = file.getStats();
            assertThat(stats.fileId()).as("R107").isEqualTo("id");
            assertThat(stats.sourceUrl()).isEqualTo(r.url());
            assertThat(stats.totalBytesDownloaded()).isEqualTo(500);
            assertThat(stats.bytesFromHttp()).isEqualTo(500);
            assertThat(stats.status()).isEqualTo(DoSwarmStats.SwarmStatus.COMPLETE);
            assertThat(stats.downloadMode()).isEqualTo(DoSwarmStats.DownloadMode.SIMPLE);
            assertThat(hr(() -> file2.setProperty(DoFilePropertyId.DECRYPTION_INFO, "{}")))
                    .as("fixed once started").isEqualTo(HResult.DO_E_INVALID_STATE);
            job.complete();
            assertThat(Files.readAllBytes(sink)).isEqualTo(r.content());
        }
    }

    @Test
    @DisplayName("R103-R106 DO job and file properties: ExtendedErrorInfo read-only, write-only ids, E_NOT_SET, type checks")
    void doProperties() {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            f.addFile(job, f.serve(10));
            IDeliveryOptimizationJob2 job2 = job.queryInterface(IDeliveryOptimizationJob2.class).orElseThrow();
            assertThat(job2.getProperty(DoJobPropertyId.EXTENDED_ERROR_INFO.nativeValue())).isEqualTo("");
            assertThat(hr(() -> job2.getProperty(7))).isEqualTo(HResult.DO_E_UNKNOWN_PROPERTY_ID);
            assertThat(hr(() -> job2.setProperty(0, "x"))).isEqualTo(HResult.DO_E_READ_ONLY_PROPERTY);
            assertThat(hr(() -> job2.setProperty(3, "x"))).isEqualTo(HResult.DO_E_UNKNOWN_PROPERTY_ID);
            IDeliveryOptimizationFile2 file2 = job.enumFiles().next(1).get(0)
                    .queryInterface(IDeliveryOptimizationFile2.class).orElseThrow();
            assertThat(hr(() -> file2.getProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY))).isEqualTo(HResult.E_NOT_SET);
            file2.setProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY, true);
            assertThat(file2.getProperty(DoFilePropertyId.INTEGRITY_CHECK_MANDATORY)).isEqualTo(true);
            file2.setProperty(DoFilePropertyId.DECRYPTION_INFO, "{\"k\":1}");
            assertThat(hr(() -> file2.getProperty(DoFilePropertyId.DECRYPTION_INFO))).isEqualTo(HResult.DO_E_WRITE_ONLY_PROPERTY);
            assertThat(hr(() -> file2.setProperty(DoFilePropertyId.TOTAL_SIZE_BYTES, "12"))).isEqualTo(HResult.E_INVALIDARG);
            assertThat(hr(() -> file2.setProperty(DoFilePropertyId.DOWNLOAD_SINK_MEMORY_STREAM, new Object())))
                    .isEqualTo(HResult.DO_E_MEMORYSTREAM_DOWNLOAD_NOT_SUPPORTED);
        }
    }

    @Test
    @DisplayName("R93 R94 SetRemoteName: invalid or over 2200 chars -> E_INVALIDARG; applies at the next Resume; a finished file is not restarted")
    void setRemoteName() throws Exception {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            RemoteResource first = f.serve(100);
            RemoteResource second = f.serve(300).stallAt(150, 1);
            f.addFile(job, first);
            Path moved = f.addFile(job, second);
            job.resume();
            f.manager.runUntilIdle();
            IBackgroundCopyFile[] files = job.enumFiles().next(2).toArray(IBackgroundCopyFile[]::new);
            assertThat(hr(() -> files[0].setRemoteName("https://h/" + "x".repeat(2200)))).isEqualTo(HResult.E_INVALIDARG);
            assertThat(hr(() -> files[0].setRemoteName("gopher://h/x"))).isEqualTo(HResult.E_INVALIDARG);
            job.suspend();
            RemoteResource replacement = f.network.serve(SimFixture.BASE + "mirror.bin", second.content());
            files[1].setRemoteName(replacement.url());
            files[0].setRemoteName(replacement.url());
            assertThat(files[1].getRemoteName()).isEqualTo(replacement.url());
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            assertThat(files[0].getProgress().bytesTransferred()).as("R94").isEqualTo(100);
            assertThat(f.network.requestsTo(replacement.url())).singleElement()
                    .satisfies(req -> assertThat(req.range()).isEqualTo("bytes=150-"));
            job.complete();
            assertThat(Files.readAllBytes(moved)).isEqualTo(second.content());
            assertThat(Arrays.asList(files)).hasSize(2);
        }
    }

    @Test
    @DisplayName("R42 R46 GetError in TRANSIENT_ERROR: S_OK, a failing code and the failing file; BITS descriptions and protocol")
    void errorObject() {
        try (SimFixture f = new SimFixture(dir, Dialect.BITS)) {
            IBackgroundCopyJob job = f.jobIn(BgJobState.TRANSIENT_ERROR);
            var error = job.getError();
            assertThat(error.getError().code().isFailure()).isTrue();
            assertThat(error.getFile().getRemoteName()).startsWith(SimFixture.BASE);
            assertThat(error.getProtocol()).isEqualTo("https");
            assertThat(error.getErrorDescription(java.util.Locale.ROOT)).contains("503");
            assertThat(error.getErrorContextDescription(java.util.Locale.ROOT)).contains("remote file");
            assertThat(SemanticError.NO_ERROR_INFO).isNotNull();
        }
    }

    @Test
    @DisplayName("R35 a destination name of 250 characters still gets a valid hidden temporary file")
    void longDestinationName() throws Exception {
        try (SimFixture f = new SimFixture(dir, Dialect.DO)) {
            IBackgroundCopyJob job = f.newJob();
            RemoteResource r = f.serve(1_000);
            Path dest = f.destination("n".repeat(250));
            job.addFileWithRanges("long", r.url(), dest.toString(), List.of(), UNKNOWN);
            job.resume();
            f.manager.runUntilIdle();
            assertThat(job.getState()).isEqualTo(BgJobState.TRANSFERRED);
            job.complete();
            assertThat(Files.readAllBytes(dest)).isEqualTo(r.content());
        }
    }
}
